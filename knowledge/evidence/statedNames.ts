/**
 * Names and addresses people state in prose, English or German, which the diagnosis compares
 * with the inbound connector (evidence/correlate.ts):
 *   "the new one is CN=smtp.contoso.net (was smtp.contoso.com)"   -> certificate name smtp.contoso.net
 *   "das neue ist ein Wildcard-Zertifikat *.contoso.de"            -> certificate name *.contoso.de
 *   "Inbound connector expects mail.contoso.com"                   -> the connector's TlsSenderCertificateName
 *   "The connector ... matches this domain name: smtp.contoso.com" (the admin center's wording)
 *   "new static address is 198.51.100.140", "curl ifconfig.me returns 20.113.58.201"
 *                                                                  -> the sending server's public IP now
 *   "connector unchanged and matches", "same public IP"           -> the connector still fits
 * A name or address the words put into the past ("the old one", "was", "last year's") is not the
 * current one. Fields written as `TlsSenderCertificateName : x` are the connector extractor's.
 */
import { finding, type Extractor } from './extractor';
import { clauses, hostsIn, ipv4sIn, isMicrosoftHost, LOG_LINE, PROMPT, saysOld, sentences, withoutReplies } from './prose';
import { isExchangeOnlineAddress, isPrivateAddress } from './ipRange';
import type { Finding } from '../types';

// Cmdlet output ("Subject            : CN=...") is read by its own extractor; prose labels ("EXO: ...") are prose.
const LABELLED =
  /^\s{0,8}[A-Za-z][A-Za-z0-9]{1,40}\s{1,30}:\s|^\s{0,8}(?:Subject|Issuer|Thumbprint|Services|CertificateDomains|FriendlyName)\s*:/;
// The inbound connector in Exchange Online (not the on-premises send or receive connector, not an outbound one).
const INBOUND_CONNECTOR =
  /\b(?:inbound[- ]?connector|eingehende[nmrs]?[- ]?connector|eingangs-?connector|connector (?:in|im|auf|on|at) (?:EXO|Exchange Online|(?:Office |Microsoft )?365|M365|O365|EOP|der Cloud|the cloud)|(?:EXO|365|EOP|cloud)[- ]connector)\b/i;
// "the connector expects mail.contoso.com", "der Connector steht noch auf ...": a plain "connector" with a verb of expecting.
// "is bound to the IP ...", "ist an die IP ... gebunden", "lässt nur ... zu": the connector's own value follows.
const CONNECTOR_EXPECTS =
  /\bconnector\b[^.\n]{0,40}?\b(?:expects?|erwartet|steht|still|noch|is set to|ist auf|set to|configured (?:for|with)|konfiguriert|points? to|zeigt auf|has|hat|says|lautet|names?|nennt|(?:is )?(?:bound|tied|locked|restricted|limited|pinned|scoped) to|ist an|(?:ist )?(?:gebunden|beschränkt|eingeschränkt|festgelegt) auf|lässt nur|only (?:accepts|allows)|(?:was |has been )?(?:updated|changed|set) to|prüft(?: per Zertifikat| das Zertifikat)? auf|checks? (?:the certificate )?(?:for|against)|validates? against|(?:wurde )?(?:geändert|umgestellt|aktualisiert) auf|is)\b/i;
// Any connector but the on-premises send and receive connectors: enough for "the connector matches".
const ANY_CONNECTOR =
  /(?<!(?:send|sende|receive|empfangs|outbound|ausgehende[nmrs]?|frontend|relay)[- ]?)\bconnector\b(?! Default| Client| Frontend)/i;
const FIELD_NAMES = /TlsSenderCertificateName|SenderIPAddresses|TlsCertificateName|TlsDomain/i;
// ("Renewed with a different name (now x)": a renewal is a certificate's.)
const CERTIFICATE_WORD =
  /\b(?:cert\w{0,10}|zertifikat\w{0,10}|wildcard\w{0,10}|SAN|CN|subject|antragsteller\w{0,5}|common name|issued to|ausgestellt auf|renew(?:ed|al)|reissued|erneuert)\b/i;
// The admin center's wording of a certificate-based connector, English and German.
// Admins describing the screen shorten it: "Identify by certificate: mail.contoso.com", "Identifizierung per Zertifikat: ...".
const ADMIN_CENTER_NAME =
  /(?:matches this domain name|diese[mn]? Domänennamen übereinstimmt|mit diesem Domänennamen|identif(?:y|ied|ies)(?: the sending server| (?:e-?)?mail)? (?:by|via|using) (?:the |its )?certificate(?: name| subject(?: name)?)?|(?:identifizier\w{0,4}|erkenn\w{0,4}) (?:per |über |anhand (?:de[sr] )?|mit (?:de[mr] )?)Zertifikat\w{0,3}(?:name\w{0,2})?)\s{0,3}:?\s{0,3}["„“]?((?:\*\.)?(?:[A-Za-z0-9-]{1,63}\.){1,10}[A-Za-z]{2,24})/i;
// The admin center's wording of an IP-based connector: "... matches one of these IP addresses, which belong exclusively to your organization: 203.0.113.25".
const ADMIN_CENTER_IPS =
  /(?:matches one of (?:these|the following) IP addresses|einer dieser IP-Adressen|einer der folgenden IP-Adressen|identif(?:y|ied|ies)(?: the sending server| (?:e-?)?mail)? (?:by|via|using) (?:the |its |source )?IP(?: address(?:es)?)?|(?:identifizier\w{0,4}|erkenn\w{0,4}) (?:per|über|anhand (?:de[rs] )?)(?:Quell-)?IP(?:-Adressen?)?)[^:\n]{0,100}:\s{0,3}([\d./,; ]{7,300})/i;
const NAME_MISMATCH_STATED =
  /\b(?:does(?:n'?t| not) match|no longer match(?:es)?|not matching|mismatch(?:es|ed)?|passt (?:nicht|nicht mehr|kein)|stimmt nicht(?: mehr)?(?: überein)?)\b/i;
const LISTED = /\b(?:listed|configured|allowed|eingetragen|hinterlegt|erlaubt|zugelassen|konfiguriert)\b/i;
const REFERS_BACK = /\b(?:the (?:old|new|previous|current) one|(?:das|der|die) (?:alte|neue|bisherige|aktuelle)\b)/i;
const NEGATION = /\b(?:not|no longer|doesn'?t|does not|isn'?t|nicht|kein\w{0,2}|never|nie)\b/i;
// "could not find a certificate that contains the domain name x", "the new cert does not cover x": not a name the certificate has.
const NAME_DENIED =
  /could not find|not found|nicht gefunden|no certificate|kein Zertifikat|does(?:n'?t| not) (?:have|contain|cover|include)|nicht (?:enthält|abdeckt)|not (?:on|in) (?:the|any) cert|missing|fehlt/i;
const NAME_UNCHANGED =
  /\b(?:same (?:CN|name|subject|common name)|exact same name|name (?:is )?unchanged|gleiche[nmrs]? (?:CN|Namen?)|selbe[nmrs]? (?:CN|Namen?)|Name unverändert|unveränderte[nmrs]? Namen?)\b/i;
const MATCHES =
  /\b(?:matches|match(?:es)? the cert\w{0,8}|same as (?:the )?cert\w{0,8}(?: CN| name)?|is correct|passt(?: dazu| zum Zertifikat)?|stimmt (?:überein|damit überein)|identisch|identical)\b/i;
const IP_UNCHANGED =
  /\b(?:same (?:public |external |outbound )?IP|IP (?:is |has )?(?:unchanged|the same)|(?:öffentliche |externe )?IP ist (?:dieselbe|die gleiche|gleich|unverändert)|gleiche (?:öffentliche )?IP|dieselbe (?:öffentliche )?IP)\b/i;
// "the connector in Exchange Online was not touched", "Connector unverändert": it still expects what it expected before.
const CONNECTOR_UNCHANGED =
  /\b(?:(?:was|were|is|has|have|had)(?:n'?t| not| never)(?: been)? (?:touched|changed|updated|modified|adjusted|edited)|untouched|unchanged|(?:nobody|no one|noone) (?:touched|changed|updated|edited)|(?:we |I )?(?:didn'?t|did not|haven'?t|have not) (?:touch|change|update|edit)(?:ed)?|left (?:as is|alone|untouched)|(?:wurde|ist|war)(?: noch)? (?:nicht|nie) (?:angefasst|geändert|angepasst|aktualisiert|verändert|bearbeitet)|nicht angefasst|nicht angepasst|nicht aktualisiert|unverändert|hat (?:niemand|keiner) (?:angefasst|geändert|angepasst)|nichts (?:geändert|angepasst|angefasst|gemacht|verändert)|(?:still|noch|weiterhin|immer noch)\b[^.;\n]{0,30}\b(?:the old|the previous|den alten|die alte|das alte|den bisherigen|den vorherigen)\b|(?:nothing|no changes?)(?: (?:was|were|has been))? (?:changed|made|done|touched)|haven'?t (?:touched|changed) (?:anything|a thing))(?![\p{L}])/iu;
// "issuer CN=Sectigo Public Server Authentication CA DV R36, O=Sectigo Limited": who issued the certificate in use.
const ISSUER_STATED = /\b(?:issuer|issued by|aussteller|ausgestellt von)\s{0,3}[:=]?\s{0,3}(CN\s?=\s?[^,;)\n]{2,120})/i;
// (JavaScript's \b knows only ASCII letters: "über" and "öffentliche" need a boundary of their own.)
const IP_NOW =
  /\b(?:new|neue[nmrs]?|neu|now|jetzt|nun|inzwischen|mittlerweile|(?:leaves?|sends?|sending|goes out|comes|egress(?:es)?) (?:from|via|through)|sendet (?:von|über|aus)|kommt von|returns|shows|zeigt|goes out|geht|raus|via|public|external|externe[nrs]?|WAN|seit(?:dem)?|since|NAT|whatismyip|ifconfig|static|feste[nmrs]?|outbound|ausgehend\w{0,2}|egress)\b|(?<![\p{L}\p{N}])(?:über|öffentlich\p{L}{0,2})(?![\p{L}\p{N}])/iu;

function quotedConnectorName(text: string): string | undefined {
  return /connector\s{0,3}(?:\(\w{1,10}\)\s{0,3})?["„“']([^"“”'\n]{1,80})["“”']/i.exec(text)?.[1];
}

/**
 * Every finding above needs one of these words or an IPv4 address in its line (a certificate or
 * connector word, a name, "same", an issuer, the admin center's wording, "IP"): a line without
 * any is not read further. Most lines of a pasted NDR or log have none, and reading one costs
 * some twenty patterns per clause. (Test: the findings of every eval case are the same with and
 * without this check.)
 */
const MAY_STATE_SOMETHING =
  /connector|cert|zertifikat|wildcard|\bsan\b|\bcn\b|subject|antragsteller|common name|issue|ausgestellt|aussteller|renew|erneuert|domain|domänen|identif|erkenn|\bip\b|same|name|gleich|selbe|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d/i;

export const statedNamesExtractor: Extractor = {
  name: 'stated-names',
  extract({ lines }) {
    return statedNamesIn(lines);
  },
};

/** The extractor's findings; `everyLine` reads lines without MAY_STATE_SOMETHING too (for the test that it changes nothing). */
export function statedNamesIn(lines: readonly string[], options: { everyLine?: boolean } = {}): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Finding) => {
    const key = `${f.kind}/${f.value}/${String(f.data?.role ?? '')}`;
    if (seen.has(key) || out.length >= 40) return;
    seen.add(key);
    out.push(f);
  };
  // A line seen before cannot add anything new (logs repeat themselves): each distinct line is read once.
  const read = new Set<string>();
  for (let line of lines) {
    if (read.has(line)) continue;
    read.add(line);
    if (
      line.length > 4000 ||
      LOG_LINE.test(line) ||
      PROMPT.test(line) ||
      LABELLED.test(line) ||
      /^\s{0,4}(?:depth=|verify |\d{1,2} s:|[isav]:)/.test(line) ||
      (!options.everyLine && !MAY_STATE_SOMETHING.test(line))
    )
      continue;
    line = withoutReplies(line);
    if (line.trim().length < 6) continue;
    let previousAboutCertificate = false;
    for (const sentence of sentences(line)) {
      // "...certificate is CN=x; the old one was y": "the old one" refers back to the certificate.
      const sentenceAboutCertificate: boolean =
        CERTIFICATE_WORD.test(sentence.replace(FIELD_NAMES, '')) || (previousAboutCertificate && REFERS_BACK.test(sentence));
      previousAboutCertificate = sentenceAboutCertificate;
      const issuer = FIELD_NAMES.test(sentence) ? null : ISSUER_STATED.exec(sentence);
      if (issuer && !saysOld(sentence, issuer.index, issuer[0].length))
        add(finding('certificate-issuer', issuer[1].trim(), sentence, 'stated-names', { issuer: issuer[1].trim() }));
      const admin = ADMIN_CENTER_NAME.exec(sentence);
      if (admin) {
        const name = admin[1].toLowerCase();
        add(
          finding('connector', 'inbound-certificate-validation', sentence, 'stated-names', {
            tlsSenderCertificateName: name,
            connectorName: quotedConnectorName(sentence),
          }),
        );
        add(finding('host-name', name, sentence, 'stated-names', { role: 'connector-certificate-name' }));
      }
      const adminIps = ADMIN_CENTER_IPS.exec(sentence);
      if (adminIps) {
        const addresses = ipv4sIn(adminIps[1]).map((ip) => ip.value);
        if (addresses.length > 0)
          add(
            finding('connector', 'ip-based', sentence, 'stated-names', {
              senderIpAddresses: addresses,
              connectorName: quotedConnectorName(sentence),
            }),
          );
        continue;
      }
      // A clause that quotes a connector field is the connector extractor's; what follows "and" in it may still be about the certificate.
      const parts = clauses(sentence).flatMap((c) =>
        FIELD_NAMES.test(c) ? c.split(/\s(?:and|und)\s/i).filter((p) => !FIELD_NAMES.test(p)) : [c],
      );
      // "the TlsSenderCertificateName on the inbound connector doesn't match our new certificate anymore".
      const aboutName = /TlsSenderCertificateName/i.test(sentence) || CERTIFICATE_WORD.test(sentence);
      if (
        aboutName &&
        NAME_MISMATCH_STATED.test(sentence) &&
        (INBOUND_CONNECTOR.test(sentence) || FIELD_NAMES.test(sentence) || ANY_CONNECTOR.test(sentence))
      ) {
        add(finding('connector-certificate-name-mismatch', 'stated', sentence, 'stated-names'));
      }
      const connectorSentence = INBOUND_CONNECTOR.test(sentence) || ANY_CONNECTOR.test(sentence);
      for (const clause of parts) {
        const connectorClause = INBOUND_CONNECTOR.test(clause) || (ANY_CONNECTOR.test(clause) && CONNECTOR_EXPECTS.test(clause));
        if ((INBOUND_CONNECTOR.test(clause) || ANY_CONNECTOR.test(clause)) && CONNECTOR_UNCHANGED.test(clause)) {
          add(finding('connector-unchanged', 'stated', sentence, 'stated-names'));
        }
        if (NAME_UNCHANGED.test(clause) && !NEGATION.test(clause))
          add(finding('connector-certificate-name-match', 'stated', sentence, 'stated-names'));
        else if (
          (connectorClause || ANY_CONNECTOR.test(clause)) &&
          MATCHES.test(clause) &&
          !NEGATION.test(clause) &&
          hostsIn(clause).length === 0
        )
          add(finding('connector-certificate-name-match', 'stated', sentence, 'stated-names'));
        else if (!connectorClause && /^\s*(?:same as (?:the )?cert|matches the cert)/i.test(clause) && !NEGATION.test(clause))
          add(finding('connector-certificate-name-match', 'stated', sentence, 'stated-names'));
        if (IP_UNCHANGED.test(clause) && !NEGATION.test(clause.replace(IP_UNCHANGED, '')))
          add(finding('connector-sender-ip-match', 'stated', sentence, 'stated-names'));
        const hosts = hostsIn(clause).filter(
          (h) => !isMicrosoftHost(h.value) && !/^(?:ifconfig\.me|whatismyip\.com|ipinfo\.io)$/.test(h.value),
        );
        if (admin) continue;
        // "Der Connector lässt nur unsere alte IP 85.12.34.56 zu": the addresses the connector lists.
        // "Der Connector prüft die IP, eingetragen ist 80.150.10.20": a listed address in the connector's sentence.
        const listedHere = connectorClause || (connectorSentence && LISTED.test(clause));
        const listed = listedHere ? ipv4sIn(clause).map((ip) => ip.value) : [];
        if (listed.length > 0 && hosts.length === 0) {
          add(
            finding('connector', 'ip-based', sentence, 'stated-names', {
              senderIpAddresses: listed,
              connectorName: quotedConnectorName(sentence),
            }),
          );
          continue;
        }
        if (connectorClause && hosts.length > 0) {
          // "Inbound connector expects mail.contoso.com", "steht noch mail.contoso.de", "(still mail.contoso.com)".
          const name = hosts[0].value;
          add(
            finding('connector', 'inbound-certificate-validation', sentence, 'stated-names', {
              tlsSenderCertificateName: name,
              connectorName: quotedConnectorName(sentence),
            }),
          );
          add(finding('host-name', name, sentence, 'stated-names', { role: 'connector-certificate-name' }));
          continue;
        }
        if (!connectorClause && (sentenceAboutCertificate || CERTIFICATE_WORD.test(clause)) && !NAME_DENIED.test(clause)) {
          for (const host of hosts) {
            // "the old one was mail.contoso.com": kept apart, so that a name change can be told.
            const role = saysOld(clause, host.index, host.value.length) ? 'old-certificate-name' : 'certificate-subject';
            add(finding('host-name', host.value, sentence, 'stated-names', { role }));
          }
        }
        if (connectorClause) continue;
        // Neither a private address nor Exchange Online's own ("...mail.protection.outlook.com now resolves to 52.101.68.7").
        const ips = ipv4sIn(clause).filter((ip) => !isPrivateAddress(ip.value) && !isExchangeOnlineAddress(ip.value));
        // "changed from 203.0.113.5 to 203.0.113.9", "von ... auf ...", "203.0.113.64/28 -> 198.51.100.224/28":
        // the first is the old one, the second the one the server sends from now.
        const between = ips.length >= 2 ? clause.slice(ips[0].index + ips[0].value.length, ips[1].index) : '';
        const arrow = /^\s{0,3}(?:->|=>|→|>)\s{0,3}$/.test(between);
        const fromTo =
          ips.length >= 2 && (/\b(?:from|von)\s{1,3}$/i.test(clause.slice(Math.max(0, ips[0].index - 6), ips[0].index)) || arrow);
        // "from X to Y" names the new address itself; other wording needs a word of the present ("now", "neue").
        const toNew = fromTo && (arrow || /^\s{0,3}(?:to|auf|nach|zu)\s{0,3}$/i.test(between));
        for (const [i, ip] of ips.entries()) {
          if (fromTo && i === 0) continue;
          // A block the server sends from (a renumbered /28) counts as a whole; SenderIPAddresses takes /24 to /32.
          const prefix = ip.value.includes('/') ? Number(ip.value.split('/')[1]) : 32;
          if (prefix < 24 || saysOld(clause, ip.index, ip.value.length)) continue;
          if (!(toNew && i === 1) && (ip.value.includes('/') || !IP_NOW.test(clause))) continue;
          add(finding('sender-ip', ip.value, sentence, 'stated-names', { role: 'stated-now' }));
        }
      }
    }
  }
  return out;
}
