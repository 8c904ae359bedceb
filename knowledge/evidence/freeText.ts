/**
 * Prose in English or German around (or instead of) log lines: "relay access denied",
 * "Relayzugriff verweigert", "relays through EOP", "Hybrid-Setup", "inbound connector checks the
 * certificate", "Zwischenzertifikat fehlt", "after replacing our certificate", "two certificates
 * bound to SMTP", "Ereignis 2004", "we changed ISP", "the intermediates are already imported",
 * "intermittent, nothing changed" ...
 * Lines that carry an SMTP status code are left to the SMTP reply extractor, so that an NDR's
 * "Relay Access Denied" is not counted twice.
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';
import { LOG_LINE, PROMPT, sentences, withoutReplies } from './prose';

interface Phrase {
  kind: string;
  value: string;
  /**
   * Lower-case words of which every match of the first pattern contains one (test/knowledge/
   * freeTextHints.test.ts checks it): a paste without any of them skips the phrase before a line
   * is read (ExtractionInput.lower), instead of running its pattern over every line.
   */
  hints: string[];
  /** All of these must match within the same sentence. */
  all: RegExp[];
  /** ...and this must not (a negation, a test of the other side). */
  none?: RegExp;
}

const CERT = /cert|zertifikat/i;
const INTERMEDIATE = /intermediate|zwischenzert|zwischen-zert|certificate chain|zertifikats?kette/i;
// Only planned, not done: "we plan to move the relay to Azure next year".
const PLANNED = /\b(?:plan(?:s|ning|ned)?|will|going to|next (?:week|month|year|quarter)|geplant|planen|soll(?:en)?|demnächst)\b/i;
// IPv6 is off or not in use: "IPv6 is disabled", "we haven't enabled IPv6", "IPv6 is not enabled on the relay",
// "we are not dual-stack", "kein IPv6", "IPv6 ist auf dem Relay nicht aktiviert" (the negation a few words before the verb).
const IPV6_OFF =
  /\b(?:disabled|deactivated|turned off|switched off|deaktiviert|abgeschaltet|ausgeschaltet|no IPv6|without IPv6|kein(?:e[nr]?)? IPv6|ohne IPv6)\b|(?:\b(?:not|nicht|kein(?:e[nr]?)?)|n't)\s(?:[\p{L}\p{N}-]+\s)?dual[- ]stack\b|(?:\b(?:not|never)|n't)\s(?:[\p{L}\p{N}-]+\s){0,2}?(?:enabled?|activated?|turned on|turn on|switched on|switch on|rolled out|roll out|introduced|used?|using|in use|active|live|configured)\b|\bnicht\s(?:[\p{L}\p{N}-]+\s){0,3}?(?:aktiv\p{L}{0,4}|eingeschaltet|freigeschaltet|konfiguriert|genutzt|verwendet)(?![\p{L}\p{N}])/iu;
export const PHRASES: readonly Phrase[] = [
  {
    kind: 'symptom',
    value: 'relay-access-denied',
    hints: ['relay'],
    all: [
      /relay(?:ing)? access denied|relayzugriff verweigert|relay(?:ing)?\b[^.\n]{0,20}\b(?:denied|refused|rejected|verweigert|abgelehnt)|\bnot (?:allowed|permitted) to relay/i,
    ],
  },
  {
    kind: 'route',
    value: 'relay-via-eop',
    hints: ['eop', 'protection'],
    all: [
      /\b(?:EOP|Exchange Online Protection)\b|mail\.protection\.outlook\.com/i,
      /relay|weiterleit|smart ?host|über|via|through|outbound|ausgehend/i,
    ],
  },
  {
    kind: 'route',
    value: 'iis-smtp',
    hints: ['iis', 'smtp'],
    all: [/IIS[ -]?(?:6 |10 )?(?:SMTP|relay)|SMTPSVC|SMTP virtual server|virtuelle[nr]? SMTP-Server/i],
  },
  {
    kind: 'route',
    value: 'hybrid',
    hints: ['hybri', 'hcw', 'outbound to office 365'],
    all: [/\bhybri(?:d|de|den)\b|hybrid-|\bHCW\b|Hybrid Configuration Wizard|Hybrid-Konfigurations|Outbound to Office 365/i],
  },
  {
    kind: 'connector',
    value: 'inbound-certificate-validation',
    hints: ['connector', 'tlssendercertificatename'],
    all: [/inbound connector|eingehende[nr]? connector|eingangsconnector|TlsSenderCertificateName/i, CERT],
  },
  // "Der Inbound-Connector ist rein IP-basiert", "connector is IP based": identified by address, not by certificate.
  {
    kind: 'connector',
    value: 'ip-based',
    hints: ['connector'],
    all: [
      /connector/i,
      /\bIP[- ]?(?:based|basiert)|\bby (?:its |the |source )?IP(?: address(?:es)?)?\b|per IP-Adresse|anhand der IP|(?:checks|validates|verifies|uses) the (?:source |sending )?IP|prüft die (?:Absender-)?IP|über die IP(?:-Adresse)?\b/i,
    ],
  },
  // "we already imported the intermediates", "Zwischenzertifikat ... importiert", "KB 3212877 schon umgesetzt":
  // the missing-intermediate fix is in place (evidence against that cause, as strong as evidence for it).
  {
    kind: 'chain-complete',
    value: 'fix-applied',
    hints: [
      'already',
      'bereits',
      'schon',
      'twice',
      'zweimal',
      'imported',
      'installed',
      'importiert',
      'installiert',
      'intermediate',
      'zwischenzert',
      'followed',
      'applied',
      'umgesetzt',
      'durchgeführt',
      '3212877',
    ],
    all: [
      /(?:already|bereits|schon|twice|zweimal)\b[^.\n]{0,80}(?:imported|installed|importiert|installiert|umgesetzt|followed|applied|durchgeführt)|(?:imported|installed|importiert|installiert)\b[^.\n]{0,60}(?:intermediate|zwischenzert|LocalMachine\\CA|Zwischenzertifizierungsstellen|Intermediate Certification)|(?:intermediate|zwischenzert)\w*[^.\n]{0,80}\b(?:imported|installed|importiert|installiert|are in place|sind vorhanden|is in place)|(?:followed|applied|umgesetzt|durchgeführt)[^.\n]{0,20}KB ?3212877|KB ?3212877[^.\n]{0,40}(?:applied|followed|umgesetzt|durchgeführt|done|erledigt)/i,
    ],
  },
  {
    kind: 'symptom',
    value: 'intermediate-missing',
    hints: ['intermediate', 'zwischenzert', 'zwischen-zert', 'certificate chain', 'kette'],
    all: [
      INTERMEDIATE,
      /missing|not sent|doesn'?t send|does not send|incomplete|fehl|nicht (?:mit)?gesendet|unvollständig|not included|(?:is|are)(?:n'?t| not) (?:there|present|installed)|nicht (?:da|vorhanden|installiert)\b/i,
    ],
    none: /\b(?:already|bereits|schon)\b/i,
  },
  // "how do I import the intermediate?" (the past tense "imported" is the fix already applied, above).
  {
    kind: 'symptom',
    value: 'intermediate-missing',
    hints: ['intermediate', 'zwischenzertifi'],
    all: [
      /\b(?:export|import|install|add|exportier|importier|installier|hinzufüg)(?!ed\b|t\b|iert\b)\w*\b[^.\n]{0,60}(?:intermediate|zwischenzertifi)|(?:intermediate|zwischenzertifi)\w*[^.\n]{0,60}\b(?:export|import|install|exportier|importier|installier)(?!ed\b|t\b|iert\b)/i,
    ],
  },
  // The certification path in the certificate dialog shows only the server certificate, or "issuer not found".
  // ("shows only smtp.contoso.com, nothing above it", "endet beim Serverzertifikat", "zeigt nur mail.firma.de")
  {
    kind: 'symptom',
    value: 'intermediate-missing',
    hints: ['path', 'pfad', 'issuer', 'aussteller'],
    all: [
      /certification path|certificate path|cert path|zertifizierungspfad|zertifikatspfad|issuer (?:could )?not (?:be )?found|aussteller[^.\n]{0,30}nicht gefunden/i,
      /only the (?:server |leaf |end[- ]entity )?cert|nur (?:das )?(?:Server)?zertifikat|red x|rote[sn]? X|not found|nicht gefunden|incomplete|unvollständig|(?:shows?|lists?|has|contains?) only (?:one (?:level|entry|certificate)|the leaf|(?:\*\.)?[a-z0-9-]{1,63}\.[a-z0-9.-]{2,200})|only (?:shows?|lists?|has|contains?) (?:one|the leaf|(?:\*\.)?[a-z0-9-]{1,63}\.[a-z0-9.-]{2,200})|nothing above|no (?:intermediate|issuer|CA) above|stops at|ends at|endet (?:bei|beim|am|mit)|(?:zeigt|enthält|steht) nur|\bnur (?:das |den |die )?(?:\*\.)?[a-z0-9-]{1,63}\.[a-z0-9.-]{2,200}|nur eine Ebene|nichts darüber|keine übergeordnete/i,
    ],
    none: /\b(?:full|complete|all (?:three|3) levels|vollständig|alle (?:drei|3) Ebenen)\b[^.\n]{0,30}\b(?:on|auf) (?:the|dem|der) (?:sending |relay |sendenden )?(?:server|relay)/i,
  },
  // Windows' own words in the certificate dialog when the issuer is not in the store: the intermediate is missing there.
  {
    kind: 'symptom',
    value: 'intermediate-missing',
    hints: ['certification authority', 'enough information', 'zertifizierungsstelle', 'genügend informationen'],
    all: [
      /cannot be verified up to a trusted certification authority|(?:not|n'?t) (?:have )?enough information to verify this certificate|kann nicht bis zu einer vertrauenswürdigen Zertifizierungsstelle (?:verifiziert|überprüft)|nicht genügend Informationen[^.\n]{0,40}(?:verifizieren|überprüfen)/i,
    ],
  },
  {
    kind: 'symptom',
    value: 'tls-channel-failure',
    hints: ['tls'],
    all: [/TLS[- ](?:channel|Kanal|handshake)/i, /fail|unable|error|fehl|nicht|konnte/i],
  },
  {
    kind: 'symptom',
    value: 'mail-to-exchange-online-failing',
    hints: ['exchange online', '365', 'exo'],
    all: [
      /Exchange Online|Office 365|Microsoft 365|\bM365\b|\bO365\b|\bEXO\b/i,
      /stopp|stuck|fail|bounce|not (?:arriv|deliver|go)|no longer|nicht mehr|keine (?:mails|e-mails|nachrichten)|hängen|hängt|queue|warteschlange|ndr|unzustellbar|broken|kaputt/i,
    ],
  },
  {
    kind: 'change',
    value: 'certificate-renewed',
    hints: ['renew', 'replac', 'new cert', 'swapp', 'changed', 'erneuer', 'tausch', 'wechsel', 'neues zertifikat', 'verlänger'],
    all: [
      /renew|replac|new cert|swapp|changed|erneuer|getauscht|ausgetauscht|austausch|tausch|zertifikatswechsel|neues zertifikat|gewechselt|wechsel|verlänger/i,
      CERT,
    ],
  },
  // The certificate now carries another name: the inbound connector's TlsSenderCertificateName may no longer fit (KB 4051495).
  {
    kind: 'change',
    value: 'certificate-name-changed',
    hints: ['different', 'new', 'ander', 'neue', 'wildcard', 'instead of', 'statt', 'host', 'rebrand', 'umbenann', 'renamed'],
    all: [
      /different (?:name|CN|subject|host ?name)|new (?:name|CN|host ?name)|ander(?:e[nmrs]?)? (?:Namen|CN)|neue[nr]? (?:Namen?|CN)|with (?:a |an )?wildcard|durch (?:ein )?wildcard|wildcard[- ]zertifikat|instead of (?:mail|smtp|owa|the old)|statt (?:mail|smtp|owa)|host ?name as (?:the )?CN|got the (?:server'?s )?host ?name|rebrand|umbenann|renamed/i,
      /cert|zertifikat|CSR|CN|name/i,
    ],
  },
  // The sending server's public address changed: provider, line, NAT (KB 4051495's second cause).
  {
    kind: 'change',
    value: 'sending-ip-changed',
    hints: ['new', 'neu', 'change', 'switched', 'provider', 'geändert', 'andere', 'different'],
    all: [
      /new (?:static |public |external |outbound |egress |NAT )*(?:IP|address)|IP(?:[- ]address)? (?:has )?changed|(?:changed|switched|new) (?:our )?(?:ISP|internet provider|provider|uplink|internet line)|ISP change|providerwechsel|neue[nr]? (?:feste[nr]? |öffentliche[nr]? |externe[nr]? )*(?:IP|Adresse|Leitung)|IP(?:-Adresse)? (?:hat sich )?geändert|andere[nr]? (?:öffentliche[nr]? )?IP|different (?:public |outbound )?IP|NAT (?:address|rule|IP) (?:changed|is new)/i,
    ],
  },
  // The way out to the internet changed: a move to another datacenter or cloud ("nach Azure migriert"), a new firewall,
  // IPv6 switched on, or all outbound now leaving through another site.
  {
    kind: 'change',
    value: 'network-changed',
    hints: [
      'move',
      'migr',
      'lifted',
      'umzug',
      'umgezogen',
      'verlagert',
      'verschoben',
      'outbound',
      'egress',
      'outgoing',
      'ausgehende',
      'verkehr',
      'traffic',
      'firewall',
      'router',
      'nat',
      'gateway',
    ],
    all: [
      /\b(?:moved|move|migrated|lifted|umzug|umgezogen|migriert|verlagert|verschoben)\b[^.\n]{0,60}\b(?:datacenter|data center|rechenzentrum|RZ|colocation|colo|hosting provider|hoster|azure|aws)\b|\b(?:nach|in|ins|zu)\s(?:Azure|AWS|(?:(?:ein(?:e[nms]?)?|das|den|unser(?:e[nms]?)?|neue[nsm]?)\s){0,2}(?:Rechenzentrum|RZ))\b[^.\n]{0,40}\b(?:migriert|verlagert|verschoben|umgezogen)\b|\b(?:outbound|egress|outgoing|ausgehende\w{0,2}|Verkehr|traffic)\b[^.\n]{0,50}\b(?:now|jetzt|nun|since|seit\w{0,3})\b[^.\n]{0,50}\b(?:datacenter|data center|site|firewall|router|NAT|gateway|ISP|provider|Rechenzentrum|RZ|Standort|Leitung|Azure|AWS)\b|\b(?:new|neue[nrs]?|replaced|changed|ausgetauscht|getauscht)\b[^.\n]{0,30}\b(?:firewall|router|NAT|gateway)\b|\b(?:firewall|router)\b[^.\n]{0,30}\b(?:replaced|changed|migration|ausgetauscht|getauscht|neu)\b|Netz und Firewall sind neu/i,
    ],
    none: PLANNED,
  },
  // IPv6 switched on, dual stack: a way out of its own. Not when IPv6 is off ("IPv6 is not enabled on the relay",
  // "IPv6 ist nicht aktiviert"), which says nothing changed.
  {
    kind: 'change',
    value: 'network-changed',
    hints: ['ipv6', 'dual'],
    all: [
      /\b(?:enabled|activated|turned on|switched on|rolled out|introduced|aktiviert|eingeschaltet|freigeschaltet)\b[^.\n]{0,30}\bIPv6\b|\bIPv6\b[^.\n]{0,30}\b(?:enabled|activated|turned on|switched on|aktiviert|eingeschaltet|freigeschaltet|is live)\b|\bdual[- ]stack\b/i,
    ],
    none: new RegExp(`${PLANNED.source}|${IPV6_OFF.source}`, 'iu'),
  },
  // The server now reaches Exchange Online over IPv6, which no SenderIPAddresses entry can cover.
  {
    kind: 'ipv6-stated',
    value: 'stated',
    hints: ['ipv6'],
    all: [
      /\bIPv6\b/,
      /\b(?:enabled|activated|turned on|switched on|rolled out|now (?:uses|goes|sends|connects)|over IPv6|via IPv6|per IPv6|über IPv6|aktiviert|eingeschaltet|freigeschaltet|dual[- ]stack)\b/i,
    ],
    none: IPV6_OFF,
  },
  {
    kind: 'change',
    value: 'sending-server-replaced',
    hints: [
      'decommission',
      'replaced',
      'new',
      'second',
      'another',
      'additional',
      'weitere',
      'zweite',
      'neue',
      'abgelöst',
      'cutover',
      'cut over',
      'ersetzt',
    ],
    all: [
      /decommission|replaced (?:the |our )?(?:old )?(?:\w+ )?(?:server|relay|box|edge)|new (?:\w+ )?(?:server|relay server|edge server|app server)|(?:second|another|additional|weitere[nr]?|zweite[nr]?) (?:\w+ )?(?:server|hub|relay|node|Knoten)\b[^.\n]{0,40}\b(?:added|hinzugefügt|in Betrieb|went live)|neue[nrs]? (?:\w+-)?(?:Server|Relay|Edge)|abgelöst|cutover|cut over|ersetzt/i,
      /server|relay|exchange|edge|box|smtp/i,
    ],
  },
  {
    kind: 'pattern',
    value: 'intermittent',
    hints: [
      'intermittent',
      'sporadi',
      'some',
      'manchmal',
      'zeitweise',
      'ab und zu',
      'random',
      'not all',
      'other messages',
      'nur',
      'einige',
    ],
    all: [
      /\b(?:intermittent(?:ly)?|sporadi(?:c|sch)\w{0,2}|sometimes|manchmal|zeitweise|ab und zu|random(?:ly)?|not all (?:messages|mails)|some (?:messages|mails|of (?:the|our)\b[^.\n]{0,30}\b(?:mail|messages|e-mails))|other messages go through|nur (?:manche|einige|teilweise)|einige (?:Mails|Nachrichten))\b/i,
    ],
  },
  // ("no change" after a fix means it did not help: only "no changes were made" counts.)
  {
    kind: 'change',
    value: 'nothing-changed',
    hints: ['nothing', 'change', 'nichts geändert', 'keine änderung', 'nobody touched', 'niemand hat'],
    all: [
      /\b(?:nothing (?:has |was )?changed|no changes (?:were |have been )?(?:made|done|on our side)|(?:haven'?t|have not|didn'?t|did not) change (?:anything|a thing)|nichts geändert|keine Änderung(?:en)? (?:vorgenommen|gemacht)|nobody touched (?:anything|a thing|it|the (?:server|box|system|config(?:uration)?))\b|nobody touched\s{0,2}[.!]|niemand hat (?:etwas |was |irgendwas )?(?:geändert|angefasst))/i,
    ],
  },
  // "the certificate's domain is not an accepted domain": KB 4019940 (ATTR36), not a name change.
  {
    kind: 'certificate-domain-not-accepted',
    value: 'stated',
    hints: ['accepted', 'akzeptierte'],
    all: [
      /(?:not|kein\w{0,2}|nicht)\b[^.\n]{0,30}(?:an )?(?:accepted|akzeptierte\w{0,2}) (?:domain|domäne)|(?:accepted|akzeptierte\w{0,2}) (?:domain|domäne)\w{0,2}[^.\n]{0,30}(?:nicht|not|entspricht nicht)/i,
    ],
  },
  {
    kind: 'two-smtp-certificates-stated',
    value: 'stated',
    hints: ['certificates', 'zertifikate', 'certs'],
    all: [/\b(?:two|2|zwei|multiple|several|mehrere|both|beide)\b[^.\n]{0,30}(?:certificates|zertifikate|certs)\b/i, /SMTP/i],
  },
  // "The public certificate for the same name also has SMTP", "... auf denselben Namen ist ebenfalls für SMTP aktiv".
  {
    kind: 'two-smtp-certificates-stated',
    value: 'stated',
    hints: ['same', 'gleichen', 'selben'],
    all: [
      /\b(?:same (?:name|FQDN|host ?name|subject|CN)|denselben (?:Namen|FQDN|Hostnamen)|(?:gleichen|selben) (?:Namen|FQDN|Hostnamen))\b/i,
      /SMTP/,
      /\b(?:also|too|as well|ebenfalls|auch)\b/i,
      CERT,
    ],
  },
  // CAPI2 event 30 told in prose ("CAPI2 logs event 30 on the sending server"), unless it is gone.
  {
    kind: 'chain-error',
    value: 'capi2-event-30',
    hints: ['capi2'],
    all: [/CAPI2/i, /\b(?:event|ereignis)(?:[- ]?id)?\s?30\b/i],
    none: /\b(?:no|not|keine?[nr]?|gone|no longer|nicht mehr|anymore|behoben|fixed)\b/i,
  },
  // Remote Connectivity Analyzer, SSL Labs and web checkers test what the server presents when it receives (or on 443), not what it sends.
  {
    kind: 'chain-complete',
    value: 'stated',
    none: /Remote Connectivity Analyzer|\bRCA\b|SSL ?Labs|testconnectivity|checktls|mxtoolbox|online (?:checker|test)|web ?checker/i,
    hints: [
      'chain',
      'kette',
      'intermediate',
      'all three levels',
      'alle drei ebenen',
      'certification path',
      'zertifizierungspfad',
      'capi2',
      '800b010',
      '-verify',
      'läuft ohne fehler',
    ],
    all: [
      /\b(?:chain|kette|zertifikatskette|zertifikatkette)\b[^.\n]{0,30}\b(?:complete|vollständig|is fine|ist ok|in ordnung|looks good|looks complete|verifies|is ok)|\bintermediates? (?:is|are) (?:sent|installed|present|there)|full chain|all three levels|alle drei Ebenen|certification path (?:is )?(?:complete|ok|fine)|zertifizierungspfad (?:ist )?(?:vollständig|ok)|no CAPI2 errors|keine CAPI2-Fehler|CAPI2[^.\n]{0,30}(?:keine Fehler|errors are gone|are gone|no longer)|(?:800B0109|800B010A)[^.\n]{0,30}(?:gone|no longer|verschwunden)|-verify[^.\n]{0,40}(?:passes|passed|succeeds|completed successfully|ohne Fehler|erfolgreich)|läuft ohne Fehler durch/i,
    ],
  },
  {
    kind: 'internal-ca-mentioned',
    value: 'stated',
    hints: ['intern', 'enterprise', 'unternehmens', 'private', 'eigene'],
    all: [
      /(?:internal|interne[nrs]?|enterprise|unternehmens-?|private|eigene[nr]?)\s?(?:CA|PKI|zertifizierungsstelle|certificate authority)/i,
    ],
  },
];
const HINT_SCAN_MAX_CHARS = 64 * 1024;
/** Every hint of every phrase, shortest first, and for each the phrases it hints at. */
const HINTS = [...new Set(PHRASES.flatMap((p) => p.hints))].sort((a, b) => a.length - b.length);
const PHRASES_OF_HINT = new Map(HINTS.map((hint) => [hint, PHRASES.flatMap((p, i) => (p.hints.includes(hint) ? [i] : []))]));
/** The longer hints that start with a hint ("intern" -> "internal"): where the scan finds the short one, the long one may be there too. */
const LONGER_HINTS = new Map(HINTS.map((hint) => [hint, HINTS.filter((other) => other !== hint && other.startsWith(hint))]));
const ANY_HINT = new RegExp(HINTS.map((hint) => hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/**
 * The phrases one of whose hints occurs in `lower`, in one scan of the text for all hints (one
 * scan per phrase cost three times as much on a short paste). The scan looks for a hint at every
 * position; where two start at the same position the shortest wins the alternation, so the longer
 * ones that begin with it are checked there by hand.
 */
export function hintedPhrases(lower: string): Set<number> {
  const found = new Set<number>();
  ANY_HINT.lastIndex = 0;
  for (let m = ANY_HINT.exec(lower); m; m = ANY_HINT.exec(lower)) {
    for (const phrase of PHRASES_OF_HINT.get(m[0]) ?? []) found.add(phrase);
    for (const longer of LONGER_HINTS.get(m[0]) ?? []) {
      if (lower.startsWith(longer, m.index)) for (const phrase of PHRASES_OF_HINT.get(longer) ?? []) found.add(phrase);
    }
    if (found.size === PHRASES.length) break;
    ANY_HINT.lastIndex = m.index + 1;
  }
  return found;
}
const EVENT_MENTION = /\b(?:event|ereignis)(?:[- ]?(?:id|kennung))?\s?(?:nr\.?\s?)?:?\s?(2004|12014|11005|1035|12023|12018)\b/i;
// Labelled fields ("Subject : CN=...", "Description: ...") are not prose.
const LABELLED =
  /^\s{0,8}(?:[Dd]escription|Beschreibung|Subject|Issuer|Thumbprint|Services|FriendlyName|Source|Quelle|Log Name|Protokollname|Event ID|Ereignis-ID|Task Category|Aufgabenkategorie|Level|Ebene|Keywords|Schlüsselwörter|User|Benutzer|Computer|Date|Datum|CertificateDomains|NotAfter|NotBefore|Status|RootCAType|IsSelfSigned|HasPrivateKey|SerialNumber|LastError|Generating server|Generierender Server)\s{0,20}:|^\s{0,8}[A-Z][a-z]+[A-Z][A-Za-z]{1,40}\s{0,30}:/;
/** Within one sentence the fix already applied wins over the words of the problem it fixed. */
const SUPERSEDED_BY: Record<string, string> = { 'symptom/intermediate-missing': 'chain-complete/fix-applied' };

export const freeTextExtractor: Extractor = {
  name: 'free-text',
  extract({ lines, lower }) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    // The hint scan pays off on a paste of a few screens; on a long log most phrases' hints occur
    // somewhere and 27 scans of the whole text would cost more than they save (1 MB: 30 -> 40 ms).
    const hinted = lower.length > HINT_SCAN_MAX_CHARS ? undefined : hintedPhrases(lower);
    const possible = hinted ? PHRASES.filter((_, i) => hinted.has(i)) : PHRASES;
    // A line seen before cannot add anything new (logs repeat themselves): each distinct line is read once.
    const read = new Set<string>();
    for (let line of lines) {
      if (read.has(line)) continue;
      read.add(line);
      if (line.length > 4000 || LOG_LINE.test(line) || PROMPT.test(line) || LABELLED.test(line)) continue;
      // Prose around an SMTP reply counts; the reply itself is the SMTP extractor's.
      line = withoutReplies(line);
      if (line.trim().length < 4) continue;
      // Only phrases whose first pattern occurs somewhere in the line are tried per sentence.
      const candidates = possible.filter((p) => !seen.has(`${p.kind}/${p.value}`) && p.all[0].test(line));
      const mentionsEvent = /event|ereignis/i.test(line);
      if (candidates.length === 0 && !mentionsEvent) continue;
      for (const sentence of sentences(line)) {
        if (sentence.trim().length < 4) continue;
        const matched = candidates
          .filter((p) => p.all.every((re) => re.test(sentence)) && !p.none?.test(sentence))
          .map((p) => `${p.kind}/${p.value}`);
        for (const key of matched) {
          if (seen.has(key) || (SUPERSEDED_BY[key] && matched.includes(SUPERSEDED_BY[key]))) continue;
          seen.add(key);
          const [kind, value] = key.split('/');
          out.push(finding(kind, value, sentence, 'free-text'));
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
