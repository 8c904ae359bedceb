/**
 * Connector settings pasted from Exchange Online or Exchange Server PowerShell, in list form,
 * table form or as a field quoted in a sentence:
 *   Get-InboundConnector | fl   ->  ConnectorType : OnPremises
 *                                   TlsSenderCertificateName : mail.contoso.com
 *                                   SenderIPAddresses : {203.0.113.25}
 *   Get-InboundConnector | ft Name,ConnectorType,TlsSenderCertificateName
 *   "Inbound connector "OnPrem Relay" has TlsSenderCertificateName smtp.contoso.com"
 *   Get-SendConnector | fl      ->  SmartHosts : {contoso-com.mail.protection.outlook.com},
 *                                   TlsCertificateName : <I>CN=Issuer<S>CN=mail.contoso.com
 *   one property, its value on the same line or on the lines below, as a console shows it:
 *   (Get-InboundConnector).TlsSenderCertificateName      ->  smtp.contoso.com
 *   Get-InboundConnector "HQ" | select -ExpandProperty SenderIPAddresses   ->  203.0.113.25
 *   Get-InboundConnector "HQ" | fl SenderIPAddresses -> {203.0.113.64/28}   (a note on one line)
 * An on-premises inbound connector identifies the sending server either by the name on its
 * certificate (TlsSenderCertificateName) or by its IP addresses (SenderIPAddresses); a Partner
 * connector is not about relaying from on-premises. A send connector whose smart host is
 * Exchange Online is the hybrid route; its TlsCertificateName names the certificate it sends.
 */
import { finding, type Extractor } from './extractor';
import { isTableHeader, readFormatTable } from './formatTable';
import { parseAddressList } from './ipRange';
import { PROMPT } from './prose';
import type { Finding } from '../types';

const FIELD = /^\s{0,8}([A-Za-z][A-Za-z0-9]{1,40})\s{0,30}:\s?(.{0,1000})$/;
const HOST = /^(?:\*\.)?(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,63}$/;
// A field quoted inside a sentence: "TlsSenderCertificateName : x", "TlsSenderCertificateName = x", "has TlsSenderCertificateName x".
// (Up to 40 characters of words between the field and its value: "TlsSenderCertificateName on the connector still says x".)
// (Group 1: the words between field and value; group 2: the value.)
const INLINE_NAME =
  /\bTlsSenderCertificateName\b([^\n.:=,|]{0,40}?)(?:(?:=>|[:=])\s{0,3})?["'„“]?(<I>[^\n]{1,400}|(?:\*\.)?(?:[A-Za-z0-9-]{1,63}\.){1,10}[A-Za-z]{2,63})\b/i;
const FILE_NAME = /\.(?:txt|csv|log|xml|ps1|json|cer|crt|pem)$/i;
// ("Im Connector steht unter SenderIPAddresses noch 62.153.40.2": a few words may stand between field and value.)
const INLINE_IPS =
  /\bSenderIPAddresses\b([^\n.:=,|{}\d]{0,40}?)(?:(?:=>|->|→|[:=])\s{0,3})?(\{[^}\n]{0,300}\}|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?)/i;
// A value in a sentence is the connector's setting only when the words around it say so ("still", "has", "shows",
// "noch", "steht"), not when they wish, plan or ask for it: "I guess SenderIPAddresses needs 203.0.113.9 as well?",
// "I want to change SenderIPAddresses to 203.0.113.9", "Muss unter SenderIPAddresses jetzt 203.0.113.9 rein?",
// "TlsSenderCertificateName should be mail.contoso.com now". A change told as done ("we changed ... to x") is the setting.
// Between field and value, or before the field in the same clause:
const WISHED =
  /(?<![\p{L}\p{N}])(?:needs?|need to|must|should|shall|ought to|ha(?:s|ve) to|would|wants?|wanted|wish|plan(?:s|ning|ned)?|going to|gonna|will|requires?|add|adding|change (?:it )?to|muss|müssen|musst|müssten?|soll|sollen|sollten?|wollen|möchten?|brauch(?:e|t|en)?|benötig(?:e|t|en)?|gehört|ändern auf|umstellen auf|setzen auf|eintragen|hinzufügen)(?![\p{L}\p{N}])|(?:^|\s)(?:can|could|may) (?:I|we)\b|\b(?:kann|können|könnte|darf|dürfen) (?:ich|wir|man)\b|\bhow (?:do|can|should|to)\b|\bwie (?:kann|muss|soll|trage)\b|'d like/iu;
// ...a verb in the present right before the field that changes it ("change SenderIPAddresses to", "update the TlsSenderCertificateName to"):
const CHANGING_VERB =
  /\b(?:change|update|modify|edit|extend|adjust|add(?:\s(?:it|this|that))?(?:\sto)?)\s(?:the\s|our\s|its\s|their\s|(?:the\s)?connector'?s\s)?$/i;
// ...or, German word order, a verb after the value: "... 203.0.113.9 eintragen", "... rein?", "... hinzugefügt werden".
const WISHED_AFTER =
  /^[^\n]{0,30}?(?:(?<![\p{L}\p{N}])(?:rein|hinein|hinzu\p{L}{0,6}|dazu|eintragen|einzutragen|aufnehmen|aufzunehmen|ergänzen|setzen|ändern|(?:eingetragen|hinzugefügt|aufgenommen|ergänzt|gesetzt|geändert) werden)(?![\p{L}\p{N}])|\b(?:to )?be (?:added|set|changed|included|listed|entered)\b)/iu;
// Words that state the current value; they make a wish before the field ("should I worry that ... still has x?") a question about it.
const CURRENT =
  /\b(?:still|currently|has|have|shows?|showing|says|lists?|contains?|reads|is|are|noch|steht|stehen|hat|zeigt|enthält|lautet|ist|aktuell|derzeit)\b/i;
// A clause ends at a sentence end, a comma, a colon or a conjunction.
const CLAUSE_END = /[.!?;:](?:\s|$)|,\s|\s[-–]\s|\s(?:and|but|und|aber|or|oder)\s/gi;

/** Is the value that `m` (an INLINE_NAME or INLINE_IPS match in `line`) found one someone wants, not the connector's? */
function wished(line: string, m: RegExpExecArray): boolean {
  const gap = m[1];
  if (WISHED.test(gap)) return true;
  const tail = line.slice(m.index + m[0].length, m.index + m[0].length + 60);
  CLAUSE_END.lastIndex = 0;
  const end = CLAUSE_END.exec(tail);
  if (WISHED_AFTER.test(end ? tail.slice(0, end.index) : tail)) return true;
  const before = line.slice(Math.max(0, m.index - 80), m.index);
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let b = CLAUSE_END.exec(before); b; b = CLAUSE_END.exec(before)) start = b.index + b[0].length;
  const head = before.slice(start);
  return (WISHED.test(head) || CHANGING_VERB.test(head)) && !CURRENT.test(gap);
}
// A quoted name keeps an apostrophe inside double quotes ("Margie's Travel HQ") and a double quote inside single ones.
const QUOTED_NAME = /connector\s{1,3}(?:"([^"“”\n]{1,80})"|[„“]([^"“”\n]{1,80})["“”]|'([^'\n]{1,80})')/i;
const COMMAND_IDENTITY = /Get-InboundConnector\s+(?:-Identity\s+)?(?:"([^"\n]{1,80})"|'([^'\n]{1,80})')/i;
// One property asked for on its own: its value follows on the same line or on the lines below.
const PROPERTY_COMMAND =
  /Get-InboundConnector\b[^\n|]{0,120}?(?:\)\.|\|\s{0,3}(?:(?:select(?:-object)?|ForEach-Object|%)\s{1,3}(?:-exp\w{0,12}\s{1,3})?))(TlsSenderCertificateName|SenderIPAddresses)\b\)?\s{0,3}$/i;

/** The first captured group that matched. */
function captured(m: RegExpExecArray | null): string | undefined {
  return m ? m.slice(1).find((g) => g !== undefined) : undefined;
}
const INBOUND_KEYS = ['tlssendercertificatename', 'senderipaddresses', 'restrictdomainstoipaddresses', 'restrictdomainstocertificate'];
const SEND_KEYS = ['smarthosts', 'addressspaces', 'tlsauthlevel', 'sourcetransportservers', 'cloudservicesmailenabled'];

type ConnectorRecord = {
  fields: Map<string, { value: string; line: string }>;
  command?: 'inbound' | 'send' | 'receive';
  identity?: string;
};

/** `fl` output and quoted fields: one record per object (blank lines, cmdlet lines and repeated keys separate them). */
function records(lines: string[]): ConnectorRecord[] {
  const out: ConnectorRecord[] = [];
  let current: ConnectorRecord | undefined;
  let command: ConnectorRecord['command'];
  let identity: string | undefined;
  for (const line of lines) {
    const cmdlet = /\b(?:Get|Set|New|Remove|Enable|Test|Import|Export)-([A-Za-z]{2,40})\b/.exec(line);
    if (cmdlet) {
      const noun = /^(Inbound|Send|Receive)Connector$/i.exec(cmdlet[1])?.[1].toLowerCase() as ConnectorRecord['command'];
      // Output of any other cmdlet (Get-ExchangeCertificate, Get-Queue ...) is not a connector's.
      command = noun;
      identity = noun ? captured(COMMAND_IDENTITY.exec(line)) : undefined;
      current = undefined;
    }
    const m = cmdlet ? null : FIELD.exec(line);
    if (m && !/^https?$/i.test(m[1]) && !INLINE_NAME.test(m[2]) && !INLINE_IPS.test(m[2])) {
      const key = m[1].toLowerCase();
      if (!current || current.fields.has(key)) {
        current = { fields: new Map(), command, identity };
        out.push(current);
      }
      current.fields.set(key, { value: m[2].trim(), line });
      continue;
    }
    if (line.trim() === '') current = undefined;
    // A field quoted in a sentence is a record of its own (with the other fields of that line).
    // (A value someone wants there is not the connector's: "SenderIPAddresses needs 203.0.113.9 as well?")
    let name = INLINE_NAME.exec(line);
    let ips = INLINE_IPS.exec(line);
    if (name && wished(line, name)) name = null;
    if (ips && wished(line, ips)) ips = null;
    if (name || ips) {
      const quoted = captured(QUOTED_NAME.exec(line));
      const inline: ConnectorRecord = { fields: new Map(), command: 'inbound', identity: quoted ?? identity };
      if (name) inline.fields.set('tlssendercertificatename', { value: name[2].trim().replace(/[.,;)"'“”]+$/, ''), line });
      if (ips) inline.fields.set('senderipaddresses', { value: ips[2], line });
      out.push(inline);
    }
  }
  return out;
}

/**
 * "(Get-InboundConnector).TlsSenderCertificateName" or "... | select -ExpandProperty SenderIPAddresses":
 * the console prints the bare value(s) on the next lines, up to a blank line or the next prompt.
 */
function propertyRecords(lines: string[]): ConnectorRecord[] {
  const out: ConnectorRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].includes('InboundConnector') ? PROPERTY_COMMAND.exec(lines[i]) : null;
    if (!m) continue;
    const key = m[1].toLowerCase();
    const identity = captured(COMMAND_IDENTITY.exec(lines[i]));
    const values: Array<{ value: string; line: string }> = [];
    for (let j = i + 1; j < lines.length && j <= i + 21; j++) {
      const line = lines[j].trim();
      if (line === '' ? values.length > 0 : PROMPT.test(lines[j])) break;
      if (line === '') continue;
      const value = line.replace(/^["']|["']$/g, '');
      const readable =
        key === 'senderipaddresses' ? parseAddressList(value).length > 0 : HOST.test(value.toLowerCase()) || /^<I>/i.test(value);
      if (!readable) break;
      values.push({ value, line: `${lines[i].trim()}\n${line}` });
    }
    if (key === 'senderipaddresses' && values.length > 0) {
      out.push({
        fields: new Map([['senderipaddresses', { value: values.map((v) => v.value).join(','), line: values[0].line }]]),
        command: 'inbound',
        identity,
      });
    }
    if (key === 'tlssendercertificatename') {
      for (const v of values) out.push({ fields: new Map([['tlssendercertificatename', v]]), command: 'inbound', identity });
    }
  }
  return out;
}

/** `ft` output of Get-InboundConnector: the same fields, one row per connector. */
function tableRecords(lines: string[]): ConnectorRecord[] {
  const out: ConnectorRecord[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/\bName\b/.test(lines[i]) || !/TlsSenderCertificateName|SenderIPAddresses/i.test(lines[i]) || !isTableHeader(lines, i)) continue;
    for (const { cells, line } of readFormatTable(lines, i, 20).rows) {
      const fields = new Map(Object.entries(cells).map(([k, v]) => [k, { value: v, line }]));
      out.push({ fields, command: 'inbound' });
    }
  }
  return out;
}

/** "<I>CN=Issuer, O=...<S>CN=mail.contoso.com, O=..." -> issuer and the subject's CN. */
function splitIssuerSubject(value: string): { issuer: string; subjectName?: string } | undefined {
  const m = /^<I>(.{1,300}?)<S>(.{1,300})$/i.exec(value.trim());
  if (!m) return undefined;
  const cn = /(?:^|,)\s*CN\s*=\s*([^,<]{1,253})/i.exec(m[2])?.[1]?.trim().toLowerCase();
  return { issuer: m[1].trim(), subjectName: cn };
}

/**
 * A Partner connector that restricts its sender domains to addresses or a certificate (what 5.7.51
 * TenantInboundAttribution enforces): its own kind, so that nothing about the OnPremises connector
 * (KB 4051495's correlations) ever reads it.
 */
function partnerFindings(record: ConnectorRecord): Finding[] {
  const f = record.fields;
  const restrictIp = /true/i.test(f.get('restrictdomainstoipaddresses')?.value ?? '');
  const restrictCertificate = /true/i.test(f.get('restrictdomainstocertificate')?.value ?? '');
  if (!restrictIp && !restrictCertificate) return [];
  const field = f.get(restrictIp ? 'restrictdomainstoipaddresses' : 'restrictdomainstocertificate')!;
  const name = (f.get('tlssendercertificatename')?.value ?? '').toLowerCase();
  return [
    finding('partner-connector', restrictIp ? 'restricted-to-ip' : 'restricted-to-certificate', field.line, 'connector-config', {
      connectorName: (f.get('name') ?? f.get('identity'))?.value || record.identity,
      senderIpAddresses: parseAddressList(f.get('senderipaddresses')?.value ?? ''),
      tlsSenderCertificateName: HOST.test(name) ? name : undefined,
      restrictDomainsToIPAddresses: restrictIp,
      restrictDomainsToCertificate: restrictCertificate,
    }),
  ];
}

function inboundFindings(record: ConnectorRecord): Finding[] {
  const f = record.fields;
  const type = f.get('connectortype')?.value;
  if (type && /partner/i.test(type)) return partnerFindings(record);
  if (type && !/onpremises|on-premises/i.test(type)) return [];
  const nameField = f.get('tlssendercertificatename');
  const ipField = f.get('senderipaddresses');
  const connectorName = (f.get('name') ?? f.get('identity'))?.value || record.identity;
  const source = f.get('connectorsource')?.value;
  const out: Finding[] = [];
  const common = { connectorName, connectorSource: source };
  const raw = nameField?.value ?? '';
  const pinned = splitIssuerSubject(raw);
  const certificateName = pinned?.subjectName ?? raw.toLowerCase();
  if (nameField && HOST.test(certificateName) && !FILE_NAME.test(certificateName)) {
    out.push(finding('input-format', 'get-inboundconnector', nameField.line, 'connector-config'));
    out.push(
      finding('connector', 'inbound-certificate-validation', nameField.line, 'connector-config', {
        ...common,
        tlsSenderCertificateName: certificateName,
        pinnedIssuer: pinned?.issuer,
      }),
    );
    out.push(finding('host-name', certificateName, nameField.line, 'connector-config', { role: 'connector-certificate-name' }));
  } else {
    const addresses = ipField ? parseAddressList(ipField.value) : [];
    if (addresses.length > 0 && !raw) {
      out.push(finding('input-format', 'get-inboundconnector', ipField!.line, 'connector-config'));
      out.push(
        finding('connector', 'ip-based', ipField!.line, 'connector-config', {
          ...common,
          senderIpAddresses: addresses,
          restrictDomainsToIPAddresses: f.get('restrictdomainstoipaddresses')?.value,
        }),
      );
    }
  }
  if (out.length > 0 && /hybridwizard/i.test(source ?? ''))
    out.push(finding('connector', 'hybrid-wizard', f.get('connectorsource')!.line, 'connector-config', common));
  return out;
}

function sendFindings(record: ConnectorRecord): Finding[] {
  const f = record.fields;
  const out: Finding[] = [];
  const smartHosts = f.get('smarthosts');
  const cloud = f.get('cloudservicesmailenabled');
  if (
    (smartHosts && /mail\.protection\.outlook\.com|mail\.onmicrosoft\.com/i.test(smartHosts.value)) ||
    (cloud && /true/i.test(cloud.value))
  ) {
    out.push(finding('input-format', 'get-sendconnector', (smartHosts ?? cloud)!.line, 'connector-config'));
    out.push(finding('route', 'hybrid', (smartHosts ?? cloud)!.line, 'connector-config'));
  }
  // The certificate the send connector presents: what Exchange Online's inbound connector sees.
  const certificate = f.get('tlscertificatename');
  const sent = certificate ? splitIssuerSubject(certificate.value) : undefined;
  if (sent?.subjectName && HOST.test(sent.subjectName)) {
    out.push(
      finding('host-name', sent.subjectName, certificate!.line, 'connector-config', { role: 'sending-certificate', issuer: sent.issuer }),
    );
  }
  return out;
}

export const connectorConfigExtractor: Extractor = {
  name: 'connector-config',
  extract({ lines, lower }) {
    if (!/tlssendercertificatename|senderipaddresses|smarthosts|connectortype|tlscertificatename/.test(lower)) return [];
    const out: Finding[] = [];
    for (const record of [...records(lines), ...tableRecords(lines), ...propertyRecords(lines)].slice(0, 50)) {
      const keys = [...record.fields.keys()];
      const inbound = record.command === 'inbound' || keys.some((k) => INBOUND_KEYS.includes(k));
      const send = record.command === 'send' || (!inbound && keys.some((k) => SEND_KEYS.includes(k)));
      if (inbound) out.push(...inboundFindings(record));
      else if (send) out.push(...sendFindings(record));
    }
    return out;
  },
};
