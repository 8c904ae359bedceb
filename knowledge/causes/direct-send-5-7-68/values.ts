/**
 * Direct Send's values: the accepted domain in the sender address (the partner connector's
 * SenderDomains), the public IPv4 address the device sends from (never a private one, never
 * Exchange Online's own, as Postfix's "relay=...[52.101.x.x]" shows it) and the name on its
 * certificate when the user states it.
 */
import { isIPv4 } from 'node:net';
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { isExchangeOnlineAddress, isPrivateAddress } from '../../evidence/ipRange';
import { ipv4sIn } from '../../evidence/prose';
import { FQDN, hostsByRole, ownHost, senderIpEntry } from '../../render/valueHelpers';

const ADDRESS = /[A-Za-z0-9._%+-]{1,64}@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,10}[A-Za-z]{2,63})\b/;

function lines(findings: Finding[], value: string): string[] {
  return findings.filter((f) => f.kind === 'input-format' && f.value === value).map((f) => f.excerpt);
}

/** The domain of the first sender address on a line that names the sender (MAIL FROM, -From, from=<...>). */
function senderDomain(findings: Finding[]): string | undefined {
  for (const line of lines(findings, 'sender-address-line')) {
    const at = /MAIL FROM|-From\b|from=<|5321\.MailFrom|Return-Path|sender|Absender/i.exec(line);
    const m = ADDRESS.exec(at ? line.slice(at.index) : line);
    const domain = m?.[1].toLowerCase();
    if (domain && FQDN.test(domain) && ownHost(domain)) return domain;
  }
  return undefined;
}

function isUsable(ip: string): boolean {
  const address = ip.split('/')[0];
  return isIPv4(address) && senderIpEntry(ip) && !isPrivateAddress(address) && !isExchangeOnlineAddress(address);
}

/** The device's public address: one the user states ("our public IP is ...") or a stated sender address of the conversation. */
function senderIp(findings: Finding[]): string | undefined {
  const stated = lines(findings, 'public-address-line').flatMap((line) => ipv4sIn(line).map((l) => l.value));
  const senders = findings.filter((f) => f.kind === 'sender-ip' && f.data?.role === 'stated-now').map((f) => f.value);
  return [...stated, ...senders].find(isUsable);
}

export const values: CauseValuesFunction = (findings: Finding[]) => ({
  senderDomain: senderDomain(findings),
  senderIp: senderIp(findings),
  senderCertificateName: hostsByRole(findings, 'certificate-subject', 'sending-certificate')
    .map(ownHost)
    .find((h) => h !== undefined),
  directSendConnectorName: undefined,
});
