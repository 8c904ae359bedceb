/**
 * Prose in English or German around (or instead of) log lines: "relay access denied",
 * "Relayzugriff verweigert", "relays through EOP", "Hybrid-Setup", "inbound connector checks the
 * certificate", "Zwischenzertifikat fehlt", "after replacing our certificate", "two certificates
 * bound to SMTP", "Ereignis 2004" ...
 * Lines that carry an SMTP status code are left to the SMTP reply extractor, so that an NDR's
 * "Relay Access Denied" is not counted twice.
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

interface Phrase {
  kind: string;
  value: string;
  /** All of these must match within the same sentence. */
  all: RegExp[];
}

const CERT = /cert|zertifikat/i;
const PHRASES: Phrase[] = [
  { kind: 'symptom', value: 'relay-access-denied', all: [/relay(?:ing)? access denied|relayzugriff verweigert|relay(?:ing)?\b[^.\n]{0,20}\b(?:denied|refused|rejected|verweigert|abgelehnt)|\bnot (?:allowed|permitted) to relay/i] },
  { kind: 'route', value: 'relay-via-eop', all: [/\b(?:EOP|Exchange Online Protection)\b/i, /relay|weiterleit|smart ?host|über|via|through|outbound|ausgehend/i] },
  { kind: 'route', value: 'iis-smtp', all: [/IIS[ -]?(?:6 )?(?:SMTP|relay)|SMTPSVC|SMTP virtual server|virtuelle[nr]? SMTP-Server/i] },
  { kind: 'route', value: 'hybrid', all: [/\bhybri(?:d|de|den)\b|hybrid-|\bHCW\b|Hybrid Configuration Wizard|Hybrid-Konfigurations|Outbound to Office 365/i] },
  { kind: 'connector', value: 'inbound-certificate-validation', all: [/inbound connector|eingehende[nr]? connector|eingangsconnector|TlsSenderCertificateName/i, CERT] },
  { kind: 'symptom', value: 'intermediate-missing', all: [/intermediate|zwischenzertifi|certificate chain|zertifikats?kette/i, /missing|not sent|doesn'?t send|does not send|incomplete|fehl|nicht (?:mit)?gesendet|unvollständig|not included/i] },
  { kind: 'symptom', value: 'tls-channel-failure', all: [/TLS[- ](?:channel|Kanal|handshake)/i, /fail|unable|error|fehl|nicht|konnte/i] },
  { kind: 'symptom', value: 'mail-to-exchange-online-failing', all: [/Exchange Online|Office 365|Microsoft 365|\bM365\b|\bO365\b|\bEXO\b/i, /stopp|stuck|fail|bounce|not (?:arriv|deliver|go)|no longer|nicht mehr|keine (?:mails|e-mails|nachrichten)|hängen|hängt|queue|warteschlange|ndr|unzustellbar|broken|kaputt/i] },
  { kind: 'change', value: 'certificate-renewed', all: [/renew|replac|new cert|swapp|changed|erneuer|getauscht|ausgetauscht|austausch|tausch|zertifikatswechsel|neues zertifikat|gewechselt|wechsel/i, CERT] },
  { kind: 'two-smtp-certificates-stated', value: 'stated', all: [/\b(?:two|2|zwei|multiple|several|mehrere|both|beide)\b[^.\n]{0,30}(?:certificates|zertifikate|certs)\b/i, /SMTP/i] },
  { kind: 'chain-complete', value: 'stated', all: [/\b(?:chain|kette|zertifikatskette|zertifikatkette)\b[^.\n]{0,30}\b(?:complete|vollständig|is fine|ist ok|in ordnung|looks good)/i] },
  { kind: 'symptom', value: 'intermediate-missing', all: [/\b(?:export|import|install|add|exportier|importier|installier|hinzufüg)\w*\b[^.\n]{0,60}(?:intermediate|zwischenzertifi)|(?:intermediate|zwischenzertifi)\w*[^.\n]{0,60}\b(?:export|import|install|exportier|importier|installier)/i] },
  { kind: 'internal-ca-mentioned', value: 'stated', all: [/(?:internal|interne[nrs]?|enterprise|unternehmens-?|private|eigene[nr]?)\s?(?:CA|PKI|zertifizierungsstelle|certificate authority)/i] },
];
// "the new one is CN=smtp.contoso.net": the name of the certificate now in use (compared with the
// inbound connector's TlsSenderCertificateName by the diagnosis).
const NEW_CERTIFICATE_NAME = /\b(?:new|neue[sr]?|neu|renewed|erneuert\w*|now|jetzt)\b[^.\n]{0,60}?(?:\bCN\s?=\s?|\b(?:auf|für|for|to|is|ist)\s)((?:\*\.)?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})/i;
const EVENT_MENTION = /\b(?:event|ereignis)(?:[- ]?(?:id|kennung))?\s?(?:nr\.?\s?)?:?\s?(2004|12014|11005|1035|12023|12018)\b/i;
// Log lines (timestamps first) and labelled fields ("Subject : CN=...", "Description: ...") are not prose.
const LOG_LINE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/;
const LABELLED = /^\s{0,8}(?:[Dd]escription|Beschreibung|Subject|Issuer|Thumbprint|Services|FriendlyName|Source|Quelle|Log Name|Protokollname|Event ID|Ereignis-ID|Task Category|Aufgabenkategorie|Level|Ebene|Keywords|Schlüsselwörter|User|Benutzer|Computer|Date|Datum|CertificateDomains|NotAfter|NotBefore|Status|RootCAType|IsSelfSigned|HasPrivateKey|SerialNumber|LastError|Generating server|Generierender Server)\s{0,20}:|^\s{0,8}[A-Z][a-z]+[A-Z][A-Za-z]{1,40}\s{0,30}:/;
const HAS_STATUS_CODE = /(?<![\d.])[245]\d\d[ +-]#?[245]\.\d{1,3}\.\d{1,3}/;

/** Splits a line into sentences without regular-expression backtracking. */
function sentences(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if ((c === '.' || c === '!' || c === '?' || c === ';') && (i + 1 === line.length || line[i + 1] === ' ')) {
      out.push(line.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < line.length) out.push(line.slice(start));
  return out;
}

export const freeTextExtractor: Extractor = {
  name: 'free-text',
  extract({ lines }) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (let line of lines) {
      if (line.length > 4000 || LOG_LINE.test(line) || LABELLED.test(line)) continue;
      // Prose before an SMTP reply counts; the reply itself is the SMTP extractor's.
      const code = HAS_STATUS_CODE.exec(line);
      if (code) line = line.slice(0, code.index);
      if (line.trim().length < 4) continue;
      // Only phrases whose first pattern occurs somewhere in the line are tried per sentence.
      const candidates = PHRASES.filter((p) => !seen.has(`${p.kind}/${p.value}`) && p.all[0].test(line));
      const mentionsEvent = /event|ereignis/i.test(line);
      if (candidates.length === 0 && !mentionsEvent && !/\b(?:new|neu|renew|erneuer|now|jetzt)/i.test(line)) continue;
      for (const sentence of sentences(line)) {
        if (sentence.trim().length < 4) continue;
        for (const p of candidates) {
          const key = `${p.kind}/${p.value}`;
          if (seen.has(key)) continue;
          if (p.all.every((re) => re.test(sentence))) {
            seen.add(key);
            out.push(finding(p.kind, p.value, sentence, 'free-text'));
          }
        }
        const named = NEW_CERTIFICATE_NAME.exec(sentence);
        if (named && /[a-z]/i.test(named[1].split('.').pop() ?? '') && !seen.has(`cn/${named[1]}`)) {
          seen.add(`cn/${named[1]}`);
          out.push(finding('host-name', named[1].toLowerCase(), sentence, 'free-text', { role: 'certificate-subject' }));
        }
        const e = mentionsEvent ? EVENT_MENTION.exec(sentence) : null;
        if (e && !seen.has(`event/${e[1]}`)) {
          seen.add(`event/${e[1]}`);
          out.push(finding('event', e[1], sentence, 'free-text'));
        }
      }
    }
    return out;
  },
};
