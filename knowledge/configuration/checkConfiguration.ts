/**
 * The whole-configuration check (issue 21, part 2): over everything collected from both sides
 * (knowledge/collect), which certificate is the current one for SMTP, and every setting that
 * still names another one or a name it does not have. One finding per stale place, each with its
 * evidence (where in which output) and its filled command in the right shell. What breaks mail
 * now comes first, then what breaks at the next renewal. Finding ids are plain strings until the
 * causes catalogue (issue 19) gives them a home.
 */
import type { Language, LocalizedText } from '../types';
import type { CollectedCertificate, CollectedOutput } from '../collect/format';

export type ConfigurationFindingId =
  | 'send-connector-stale-certificate'
  | 'receive-connector-stale-certificate'
  | 'hybrid-stale-certificate'
  | 'inbound-connector-stale-name'
  | 'outbound-connector-stale-tls-domain'
  | 'certificate-without-smtp'
  | 'certificate-without-private-key'
  | 'intermediate-not-in-store'
  | 'certificate-expiring';

export interface ConfigurationFinding {
  id: ConfigurationFindingId;
  /** 'now': mail fails or will at the next connection; 'next-renewal': works now, breaks later. */
  when: 'now' | 'next-renewal';
  /** Where it was read: "exchange sendConnectors[0] TlsCertificateName : <I>...". */
  evidence: string;
  shell: 'exchange' | 'exo' | 'windows' | 'hcw';
  /** The filled command, or for 'hcw' the wizard to rerun. */
  command: string;
  text: LocalizedText;
}

export interface ConfigurationMap {
  /** The certificate the settings should name: valid, with SMTP, a private key, newest expiry. */
  current?: CollectedCertificate;
  findings: ConfigurationFinding[];
}

const DAY = 86_400_000;
const q = (v: string) => `"${v.replace(/["`$]/g, (c) => `\`${c}`)}"`;

export function tlsCertificateName(c: CollectedCertificate): string {
  return `<I>${c.issuer ?? ''}<S>${c.subject ?? ''}`;
}

const normalise = (name: string) =>
  name
    .replace(/\s*,\s*/g, ',')
    .trim()
    .toLowerCase();

/** A host name matched by a certificate's names (one-label wildcards as TLS matches them). */
export function certificateHasName(c: CollectedCertificate, name: string): boolean {
  const n = name.trim().toLowerCase();
  return c.domains.some((d) => d === n || (d.startsWith('*.') && n.endsWith(d.slice(1)) && !n.slice(0, -d.length + 1).includes('.')));
}

const hasSmtp = (c: CollectedCertificate) => c.services.some((s) => s.toUpperCase() === 'SMTP');
const expiry = (c: CollectedCertificate) => (c.notAfter ? Date.parse(c.notAfter) : NaN);
const selfSigned = (c: CollectedCertificate) => c.isSelfSigned === true || (!!c.subject && c.subject === c.issuer);

/** The current certificate: valid now, public or internal CA (not self-signed), newest expiry; SMTP preferred. */
function currentCertificate(certificates: CollectedCertificate[], now: number, exclude: Set<string>): CollectedCertificate | undefined {
  const valid = certificates
    .filter((c) => !exclude.has(c.thumbprint) && !selfSigned(c) && expiry(c) > now)
    .sort((a, b) => expiry(b) - expiry(a));
  return valid[0];
}

function preferredName(current: CollectedCertificate, outputs: CollectedOutput[]): string | undefined {
  for (const o of outputs) for (const s of o.sendConnectors) if (s.fqdn && certificateHasName(current, s.fqdn)) return s.fqdn.toLowerCase();
  return current.domains.find((d) => !d.startsWith('*.') && !/^autodiscover\./.test(d)) ?? current.domains[0];
}

export interface CheckOptions {
  now?: Date;
}

export function checkConfiguration(outputs: CollectedOutput[], options: CheckOptions = {}): ConfigurationMap {
  const now = (options.now ?? new Date()).getTime();
  const findings: ConfigurationFinding[] = [];
  const onPremises = outputs.filter((o) => o.kind === 'exchange' || o.kind === 'iis');
  const certificates = onPremises.flatMap((o) => o.certificates);
  const internal = new Set(onPremises.flatMap((o) => o.transportServices.map((t) => t.internalTransportCertificateThumbprint ?? '')));
  const current = currentCertificate(certificates, now, internal);
  if (!current) return { findings };
  const name = tlsCertificateName(current);
  const host = preferredName(current, outputs);
  const subject = current.subject ?? current.thumbprint;

  for (const o of onPremises) {
    if (o.kind === 'exchange' && !hasSmtp(current))
      findings.push({
        id: 'certificate-without-smtp',
        when: 'now',
        evidence: `${o.kind} ${current.path}.Services : ${current.services.join(', ') || 'None'}`,
        shell: 'exchange',
        command: `Enable-ExchangeCertificate -Thumbprint ${current.thumbprint} -Services SMTP`,
        text: {
          en: `The current certificate ${subject} (valid until ${current.notAfter?.slice(0, 10)}) is not enabled for SMTP, so the transport service keeps picking another one. Enabling SMTP is additive (answer "No" to replacing the default SMTP certificate only if you mean to keep it).`,
          de: `Das aktuelle Zertifikat ${subject} (gültig bis ${current.notAfter?.slice(0, 10)}) ist nicht für SMTP aktiviert; der Transportdienst wählt deshalb weiter ein anderes. SMTP zu aktivieren ergänzt die Dienste (die Frage nach dem Ersetzen des Standard-SMTP-Zertifikats nur verneinen, wenn Sie es behalten wollen).`,
        },
      });
    if (current.hasPrivateKey === false)
      findings.push({
        id: 'certificate-without-private-key',
        when: 'now',
        evidence: `${o.kind} ${current.path}.HasPrivateKey : False`,
        shell: 'exchange',
        command: `Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes("C:\\cert\\<file>.pfx")) -Password (Read-Host -AsSecureString "PFX password") -PrivateKeyExportable $false`,
        text: {
          en: `This server has the certificate ${subject} without its private key: it cannot use it for TLS. Import the PFX (with the key) again on this server.`,
          de: `Dieser Server hat das Zertifikat ${subject} ohne privaten Schlüssel und kann es nicht für TLS verwenden. Importieren Sie die PFX-Datei (mit Schlüssel) auf diesem Server erneut.`,
        },
      });
    if (current.storeChain?.missingIssuer && !/^not in /i.test(current.storeChain.missingIssuer))
      findings.push({
        id: 'intermediate-not-in-store',
        when: 'now',
        evidence: `${o.kind} ${current.path}.StoreChain.MissingIssuer : ${current.storeChain.missingIssuer}`,
        shell: 'windows',
        command: `Import-Certificate -FilePath "C:\\cert\\<intermediate>.cer" -CertStoreLocation Cert:\\LocalMachine\\CA`,
        text: {
          en: `The intermediate certificate "${current.storeChain.missingIssuer}" is not in LocalMachine\\CA, so the server sends ${subject} without it (KB 3212877). Import it in an elevated shell, then restart the transport service in a maintenance window.`,
          de: `Das Zwischenzertifikat "${current.storeChain.missingIssuer}" fehlt in LocalMachine\\CA; der Server sendet ${subject} deshalb ohne es (KB 3212877). Importieren Sie es in einer Shell mit erhöhten Rechten und starten Sie den Transportdienst im Wartungsfenster neu.`,
        },
      });
    for (const s of o.sendConnectors) {
      if (!s.tlsCertificateName || normalise(s.tlsCertificateName) === normalise(name)) continue;
      findings.push({
        id: 'send-connector-stale-certificate',
        when: 'now',
        evidence: `${o.kind} ${s.path}.TlsCertificateName : ${s.tlsCertificateName}`,
        shell: 'exchange',
        command: `Set-SendConnector -Identity ${q(s.name)} -TlsCertificateName ${q(name)}`,
        text: {
          en: `Send connector "${s.name}" still names another certificate than the current one (${subject}).`,
          de: `Der Sendeconnector "${s.name}" nennt noch ein anderes Zertifikat als das aktuelle (${subject}).`,
        },
      });
    }
    for (const r of o.receiveConnectors) {
      if (!r.tlsCertificateName || normalise(r.tlsCertificateName) === normalise(name)) continue;
      findings.push({
        id: 'receive-connector-stale-certificate',
        when: 'now',
        evidence: `${o.kind} ${r.path}.TlsCertificateName : ${r.tlsCertificateName}`,
        shell: 'exchange',
        command: `Set-ReceiveConnector -Identity ${q(r.identity)} -TlsCertificateName ${q(name)}`,
        text: {
          en: `Receive connector "${r.identity}" still names another certificate than the current one (${subject}).`,
          de: `Der Empfangsconnector "${r.identity}" nennt noch ein anderes Zertifikat als das aktuelle (${subject}).`,
        },
      });
    }
    const h = o.hybridConfiguration;
    if (h?.tlsCertificateName && normalise(h.tlsCertificateName) !== normalise(name))
      findings.push({
        id: 'hybrid-stale-certificate',
        when: 'next-renewal',
        evidence: `${o.kind} ${h.path}.TlsCertificateName : ${h.tlsCertificateName}`,
        shell: 'hcw',
        command: 'Hybrid Configuration Wizard (https://aka.ms/HybridWizard)',
        text: {
          en: `The hybrid configuration still names the old certificate: rerun the Hybrid Configuration Wizard and pick ${subject}, or the wizard's next run puts the old one back on the connectors.`,
          de: `Die Hybridkonfiguration nennt noch das alte Zertifikat: Führen Sie den Hybrid-Konfigurations-Assistenten erneut aus und wählen Sie ${subject}, sonst setzt sein nächster Lauf das alte wieder auf die Connectoren.`,
        },
      });
  }

  for (const o of outputs.filter((x) => x.kind === 'exo')) {
    for (const i of o.inboundConnectors) {
      if (i.connectorType?.toLowerCase() !== 'onpremises' || !i.tlsSenderCertificateName) continue;
      if (certificateHasName(current, i.tlsSenderCertificateName.replace(/^\*\./, 'x.'))) continue;
      if (current.domains.includes(i.tlsSenderCertificateName.toLowerCase())) continue;
      findings.push({
        id: 'inbound-connector-stale-name',
        when: 'now',
        evidence: `exo ${i.path}.TlsSenderCertificateName : ${i.tlsSenderCertificateName}`,
        shell: 'exo',
        command: `Set-InboundConnector -Identity ${q(i.name)} -TlsSenderCertificateName ${q(host ?? '<name on the certificate>')}`,
        text: {
          en: `Inbound connector "${i.name}" expects a certificate named ${i.tlsSenderCertificateName}; the current certificate has ${current.domains.join(', ')} (KB 4051495, 550 5.7.64).${i.connectorSource === 'HybridWizard' ? ' It was made by the Hybrid Configuration Wizard: rerunning the wizard sets it too.' : ''}`,
          de: `Der Eingangsconnector "${i.name}" erwartet ein Zertifikat mit dem Namen ${i.tlsSenderCertificateName}; das aktuelle Zertifikat hat ${current.domains.join(', ')} (KB 4051495, 550 5.7.64).${i.connectorSource === 'HybridWizard' ? ' Er wurde vom Hybrid-Konfigurations-Assistenten angelegt: Ein neuer Lauf des Assistenten setzt ihn ebenfalls.' : ''}`,
        },
      });
    }
    for (const c of o.outboundConnectors) {
      if (c.connectorType?.toLowerCase() !== 'onpremises' || !c.tlsDomain || !/domainvalidation/i.test(c.tlsSettings ?? '')) continue;
      if (certificateHasName(current, c.tlsDomain) || current.domains.includes(c.tlsDomain.toLowerCase())) continue;
      findings.push({
        id: 'outbound-connector-stale-tls-domain',
        when: 'now',
        evidence: `exo ${c.path}.TlsDomain : ${c.tlsDomain}`,
        shell: 'exo',
        command: `Set-OutboundConnector -Identity ${q(c.name)} -TlsDomain ${q(host ?? '<name on the certificate>')}`,
        text: {
          en: `Outbound connector "${c.name}" checks the on-premises certificate for ${c.tlsDomain}, a name the current certificate does not have: mail from Exchange Online to on-premises is deferred (450 4.4.317).`,
          de: `Der Ausgangsconnector "${c.name}" prüft das lokale Zertifikat auf ${c.tlsDomain}, einen Namen, den das aktuelle Zertifikat nicht hat: E-Mail von Exchange Online an die lokale Organisation wird zurückgestellt (450 4.4.317).`,
        },
      });
    }
  }

  const days = Math.floor((expiry(current) - now) / DAY);
  if (days <= 30)
    findings.push({
      id: 'certificate-expiring',
      when: 'next-renewal',
      evidence: `${current.path}.NotAfter : ${current.notAfter}`,
      shell: 'exchange',
      command: `Get-ExchangeCertificate | Where-Object { $_.NotAfter -lt (Get-Date).AddDays(30) } | Format-List Thumbprint,Subject,Services,NotAfter`,
      text: {
        en: `The current certificate ${subject} expires in ${days} days. Renewal checklist: import the new one with its intermediates on every server, enable SMTP, then update every place this check lists.`,
        de: `Das aktuelle Zertifikat ${subject} läuft in ${days} Tagen ab. Checkliste zur Erneuerung: das neue mit seinen Zwischenzertifikaten auf jedem Server importieren, SMTP aktivieren, dann jede Stelle anpassen, die diese Prüfung nennt.`,
      },
    });

  findings.sort((a, b) => (a.when === b.when ? 0 : a.when === 'now' ? -1 : 1));
  return { current, findings };
}

const STALE = new Set<ConfigurationFindingId>([
  'send-connector-stale-certificate',
  'receive-connector-stale-certificate',
  'hybrid-stale-certificate',
  'inbound-connector-stale-name',
  'outbound-connector-stale-tls-domain',
]);

/** One answer: a headline ("After the renewal, 4 places still name the old certificate") and each finding with its command. */
export function describeConfiguration(map: ConfigurationMap, language: Language): string[] {
  if (map.findings.length === 0) return [];
  const stale = map.findings.filter((f) => STALE.has(f.id)).length;
  const de = language === 'de';
  const head =
    stale > 0
      ? de
        ? `Nach der Erneuerung nennen noch ${stale} ${stale === 1 ? 'Stelle' : 'Stellen'} das alte Zertifikat oder einen Namen, den das aktuelle nicht hat:`
        : `After the renewal, ${stale} ${stale === 1 ? 'place still names' : 'places still name'} the old certificate or a name the current one does not have:`
      : de
        ? 'Die gesammelte Konfiguration zeigt:'
        : 'The collected configuration shows:';
  const lines = [head];
  for (const f of map.findings) {
    const label = de ? (f.when === 'now' ? 'jetzt' : 'bei der nächsten Erneuerung') : f.when === 'now' ? 'now' : 'at the next renewal';
    lines.push(`- [${label}] ${f.text[language]}`, `    ${de ? 'Beleg' : 'Evidence'}: ${f.evidence}`, `    ${f.command}`);
  }
  return lines;
}
