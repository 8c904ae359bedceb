/**
 * A placeholder is a question (issue 22, point 6): when a command of the answer still has a
 * placeholder (`<name of the inbound connector>`), the answer asks for the one output that gives
 * the value, with the exact command, and the value is filled in when that output is pasted (the
 * extractors read it). Which output gives a value is decided by the value's name, so a cause added
 * later with a value named like these (…ConnectorName, …Thumbprint, certificate…, senderIp…) is
 * covered; a name that fits none falls back to the certificate listing.
 */
import type { LocalizedText, RenderedCommand, ValueRequest } from '../types';

export interface ValueSource {
  id: 'inbound-connector' | 'exchange-certificate' | 'send-protocol-log' | 'certificate-file';
  /** Where to run it, in the user's language. */
  where: LocalizedText;
  /** The command whose output gives the value; none for an upload. */
  command?: string;
}

const SOURCES: Array<{ names: RegExp; source: ValueSource }> = [
  {
    names: /connector|expectedCertificateName/i,
    source: {
      id: 'inbound-connector',
      where: { en: 'in Exchange Online PowerShell (Connect-ExchangeOnline)', de: 'in Exchange Online PowerShell (Connect-ExchangeOnline)' },
      command: 'Get-InboundConnector | fl Name,ConnectorType,TlsSenderCertificateName,SenderIPAddresses',
    },
  },
  {
    names: /senderIp|address/i,
    source: {
      id: 'send-protocol-log',
      where: {
        en: "in the Exchange Management Shell on the sending server (Exchange Online's greeting in the send protocol log names the address it saw)",
        de: 'in der Exchange-Verwaltungsshell auf dem sendenden Server (die Begrüßung von Exchange Online im Sendeprotokoll nennt die Adresse, die Exchange Online gesehen hat)',
      },
      command:
        'Get-ChildItem "$((Get-TransportService $env:COMPUTERNAME).SendProtocolLogPath)\\*.log" | Sort-Object LastWriteTime | Select-Object -Last 1 | Get-Content | Select-String -Pattern \'Hello \\[\' | Select-Object -Last 3 | ForEach-Object Line',
    },
  },
  {
    names: /missingIssuer|intermediate/i,
    source: {
      id: 'certificate-file',
      where: {
        en: 'by uploading the server certificate (a .cer or .pem file exported without its private key) here',
        de: 'indem Sie das Serverzertifikat hier hochladen (eine .cer- oder .pem-Datei, ohne privaten Schlüssel exportiert)',
      },
    },
  },
  {
    names: /./,
    source: {
      id: 'exchange-certificate',
      where: {
        en: 'in the Exchange Management Shell on the sending server',
        de: 'in der Exchange-Verwaltungsshell auf dem sendenden Server',
      },
      command: 'Get-ExchangeCertificate | fl Thumbprint,Subject,Issuer,CertificateDomains,Services,NotAfter',
    },
  },
];

export function sourceOfValue(name: string): ValueSource {
  return SOURCES.find((s) => s.names.test(name))!.source;
}

/**
 * What the answer still lacks, grouped by the output that gives it, the main command's values
 * first: one request per output. `placeholderOf` gives a value's placeholder as shown.
 */
export function valueRequests(shown: RenderedCommand[], placeholderOf: (name: string) => string | undefined): ValueRequest[] {
  const commands = [...shown].sort((a, b) => Number(!!b.main) - Number(!!a.main));
  const requests: ValueRequest[] = [];
  for (const command of commands)
    for (const name of command.unfilled) {
      const source = sourceOfValue(name);
      const placeholder = placeholderOf(name) ?? name;
      const request = requests.find((r) => r.source.id === source.id);
      if (!request) requests.push({ source, placeholders: [placeholder] });
      else if (!request.placeholders.includes(placeholder)) request.placeholders.push(placeholder);
    }
  return requests;
}
