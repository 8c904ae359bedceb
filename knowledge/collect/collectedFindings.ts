/**
 * A collected output (parseCollected.ts) -> the findings the diagnosis uses, the same findings
 * that the same objects pasted as `| fl` output give: each section is written in the list form
 * of its cmdlet and read by the project's extractors for that form (one reading of each format,
 * no second copy of its rules). What only the script can see is added directly: an SMTP
 * certificate whose chain this server cannot build from its own stores (its intermediate is not in
 * LocalMachine\CA), the sending side of KB 3212877.
 */
import { finding } from '../evidence/extractor';
import type { Finding } from '../types';
import type { CollectedOutput } from './format';

/** Runs the ordinary extractors over one text (extract.ts passes its own; no import cycle). */
export type TextExtractor = (text: string) => Finding[];

/** A value on one list line: no line breaks, at most 1 000 characters. */
const oneLine = (v: string | undefined) => (v ?? '').replace(/[\r\n]+/g, ' ').slice(0, 1000);
const list = (values: string[]) => (values.length > 0 ? `{${values.map(oneLine).join(', ')}}` : '{}');
const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'True' : 'False');

function block(fields: Array<[string, string]>): string {
  return fields
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k} : ${v}`)
    .join('\n');
}

/** The sections as the cmdlets' `| fl` output, one text per section that belongs together. */
export function collectedAsListText(output: CollectedOutput): string[] {
  const texts: string[] = [];
  if (output.certificates.length > 0 || output.transportServices.length > 0) {
    const parts = ['Get-ExchangeCertificate | fl', ''];
    for (const c of output.certificates) {
      parts.push(
        block([
          ['Thumbprint', c.thumbprint],
          ['FriendlyName', oneLine(c.friendlyName)],
          ['Subject', oneLine(c.subject)],
          ['Issuer', oneLine(c.issuer)],
          ['CertificateDomains', c.domains.map(oneLine).join(', ')],
          ['Services', output.kind === 'iis' ? '' : c.services.join(', ') || 'None'],
          ['NotAfter', c.notAfter ?? ''],
          ['IsSelfSigned', yesNo(c.isSelfSigned)],
          ['RootCAType', oneLine(c.rootCAType)],
        ]),
        '',
      );
    }
    for (const t of output.transportServices)
      if (t.internalTransportCertificateThumbprint)
        parts.push(
          block([
            ['Name', oneLine(t.name)],
            ['InternalTransportCertificateThumbprint', t.internalTransportCertificateThumbprint],
          ]),
          '',
        );
    texts.push(parts.join('\n'));
  }
  for (const s of output.sendConnectors) {
    texts.push(
      `Get-SendConnector | fl\n\n${block([
        ['Name', oneLine(s.name)],
        ['SmartHosts', list(s.smartHosts)],
        ['AddressSpaces', list(s.addressSpaces)],
        ['Fqdn', oneLine(s.fqdn)],
        ['TlsCertificateName', oneLine(s.tlsCertificateName)],
        ['CloudServicesMailEnabled', yesNo(s.cloudServicesMailEnabled)],
        ['RequireTLS', yesNo(s.requireTls)],
        ['TlsAuthLevel', oneLine(s.tlsAuthLevel)],
        ['TlsDomain', oneLine(s.tlsDomain)],
      ])}`,
    );
  }
  for (const i of output.inboundConnectors) {
    texts.push(
      `Get-InboundConnector | fl\n\n${block([
        ['Name', oneLine(i.name)],
        ['ConnectorType', oneLine(i.connectorType)],
        ['ConnectorSource', oneLine(i.connectorSource)],
        ['SenderIPAddresses', i.senderIPAddresses.length > 0 ? list(i.senderIPAddresses) : ''],
        ['RestrictDomainsToIPAddresses', yesNo(i.restrictDomainsToIPAddresses)],
        ['RestrictDomainsToCertificate', yesNo(i.restrictDomainsToCertificate)],
        ['TlsSenderCertificateName', oneLine(i.tlsSenderCertificateName)],
        ['RequireTls', yesNo(i.requireTls)],
      ])}`,
    );
  }
  for (const e of output.events) {
    texts.push(
      `${block([
        ['Log Name', oneLine(e.log)],
        ['Source', oneLine(e.provider)],
        ['Event ID', String(e.id)],
      ])}\n${e.message}`,
    );
  }
  if (output.logLines.length > 0) texts.push(output.logLines.join('\n'));
  return texts;
}

const isSelfSigned = (c: CollectedOutput['certificates'][number]) => c.isSelfSigned === true || (!!c.subject && c.subject === c.issuer);

/** Findings of one collected output. */
export function collectedFindings(output: CollectedOutput, extract: TextExtractor): Finding[] {
  const findings: Finding[] = [
    finding('input-format', `collected-${output.kind}`, `mailflow-tls-collect/${output.version} ${output.kind}`, 'collected-output'),
  ];
  for (const text of collectedAsListText(output)) findings.push(...extract(text));
  const internalTransport = new Set(output.transportServices.map((t) => t.internalTransportCertificateThumbprint));
  for (const c of output.certificates) {
    // IIS SMTP picks a certificate of LocalMachine\My with its private key; Exchange the one with SMTP among its services.
    const smtp = output.kind === 'iis' ? c.hasPrivateKey === true : c.services.some((s) => s.toUpperCase() === 'SMTP');
    const missing = c.storeChain?.missingIssuer;
    if (!smtp || !missing || isSelfSigned(c) || internalTransport.has(c.thumbprint) || c.storeChain?.complete) continue;
    if (/^not in /i.test(missing)) continue;
    findings.push(
      finding(
        'chain-incomplete',
        'intermediate-not-in-store',
        `${c.path}.StoreChain.MissingIssuer : ${oneLine(missing)} (${c.thumbprint}, ${oneLine(c.subject)})`,
        'collected-output',
        { endEntity: c.subject, missingIssuer: missing, thumbprint: c.thumbprint },
      ),
    );
  }
  return findings;
}
