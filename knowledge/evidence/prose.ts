/**
 * Helpers for reading what people write around their pastes: sentences, clauses, the host
 * names and IPv4 addresses in them, and whether a clause talks about the old or the new state
 * ("the old one was mail.contoso.com, the new one is smtp.contoso.com").
 * Everything here scans linearly: no pattern with nested unbounded quantifiers.
 */

/** Log lines (timestamps first) are not prose. */
export const LOG_LINE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/;

/**
 * A PowerShell prompt ("PS C:\>", "[PS] C:\Windows\system32>", "PS>"): the line is a command that was run, not prose.
 * The only copy of this pattern: the command-transcript extractor adds cmd's prompt ("C:\>") to it.
 */
export const PROMPT = /^\s{0,4}(?:\[PS\]\s{0,2}|PS\s{0,2})(?:[A-Za-z]:\\[^>\n]{0,200})?>/;

/** Splits a line into sentences ('.', '!', '?', ';' followed by a space or the end) without backtracking. */
export function sentences(line: string): string[] {
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

const STATUS_CODE = /(?<![\d.])[245]\d\d[ +-]#?[245]\.\d{1,3}\.\d{1,3}/g;
const SERVER_TAG = /\[[A-Za-z0-9-]{3,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\]['"’]?[.;,]?/g;

/**
 * The prose of a line without its SMTP replies: each reply is cut out up to the end of its
 * sentence (or of the Exchange Online server name in brackets that ends an NDR's reply), so "... lehnt EOP mit 550 5.7.64 TenantAttribution ab. Der Connector ist IP-basiert."
 * keeps its second sentence, while the reply itself stays the SMTP extractor's.
 */
export function withoutReplies(line: string): string {
  if (!/[245]\.\d/.test(line)) return line;
  let out = '';
  let from = 0;
  STATUS_CODE.lastIndex = 0;
  for (let m = STATUS_CODE.exec(line); m; m = STATUS_CODE.exec(line)) {
    if (m.index < from) continue;
    out += line.slice(from, m.index);
    const end = line.indexOf('. ', m.index);
    // An NDR's reply ends with the Exchange Online server in brackets: "... Relay Access Denied [AM6PR05...com]'; the connector ...".
    SERVER_TAG.lastIndex = m.index;
    const tag = SERVER_TAG.exec(line);
    const tagEnd = tag && (end < 0 || tag.index < end) ? tag.index + tag[0].length : -1;
    from = tagEnd >= 0 ? tagEnd : end < 0 ? line.length : end + 1;
    STATUS_CODE.lastIndex = from;
    out += ' […].';
  }
  return out + line.slice(from);
}

// ", ", " but ", " while ", " - ": the parts of a sentence that can state different things. (German "aber"
// is a particle as often as a conjunction - "steht aber noch" - so only its comma splits.)
const CLAUSE_BREAK = /,\s|\s(?:but|however|whereas|while)\s|\s[-–]\s/gi;

/** The clauses of a sentence (split at commas and contrasting conjunctions). */
export function clauses(sentence: string): string[] {
  const out: string[] = [];
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
    out.push(sentence.slice(start, m.index));
    start = m.index + m[0].length;
  }
  out.push(sentence.slice(start));
  return out.filter((c) => c.trim().length > 0);
}

// A DNS name with at least one dot and a letter-only last label, optionally a wildcard; not part of an e-mail address or a URL path,
// nor a name followed by a backslash ("Microsoft.PowerShell.Security\Certificate::", "contoso.local\admin").
const HOST = /(?<![@\w./-])((?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24})(?![\w-]|\.[a-z0-9]|\\)/gi;
const FILE_SUFFIX = /\.(?:cer|crt|pem|der|p7b|p7c|pfx|p12|txt|log|exe|dll|ps1|xml|json|csv|msi|msc|mmc|cpl|evtx|zip|com\.exe)$/i;

export interface Located {
  value: string;
  index: number;
}

/** Host names in a text, lower case, with their position; file names ("smtp.cer") are not host names. */
export function hostsIn(text: string): Located[] {
  const out: Located[] = [];
  HOST.lastIndex = 0;
  for (let m = HOST.exec(text); m && out.length < 20; m = HOST.exec(text)) {
    const value = m[1].toLowerCase();
    if (FILE_SUFFIX.test(value) && !/\.com$/.test(value)) continue;
    out.push({ value, index: m.index });
  }
  return out;
}

const IPV4 = /(?<![\d.])((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})(?:\/(\d{1,2}))?(?!\d|\.\d)/g;

/** IPv4 addresses (and CIDR ranges) in a text, with their position. */
export function ipv4sIn(text: string): Located[] {
  const out: Located[] = [];
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(text); m && out.length < 20; m = IPV4.exec(text)) {
    out.push({ value: m[2] !== undefined ? `${m[1]}/${m[2]}` : m[1], index: m.index });
  }
  return out;
}

/** Exchange Online / Microsoft names: never the user's own server or certificate. */
export function isMicrosoftHost(host: string): boolean {
  return /(?:^|\.)(?:outlook\.com|office365\.com|microsoft\.com|onmicrosoft\.com|office\.com|microsoftonline\.com|aka\.ms|windows\.net|azure\.com)$/i.test(
    host,
  );
}

/** Names that only resolve inside a company network (`.local`, `.corp`, ...), or a single label. */
export function isInternalOnlyHost(host: string): boolean {
  return !host.includes('.') || /\.(?:local|corp|lan|internal|intern|intranet|intra|localdomain|home|priv|private|ad)$/i.test(host);
}

// Words that put a name or address into the past ("the old one", "was", "last year's", "hieß") or the present ("the new one", "now").
// "was issued for x" is how the certificate came about, not a name of the past; "instead of x", "statt x",
// "replacing x" put x into the past, "replaced by x", "ersetzt durch x" do not.
const OLD_WORD =
  /\b(?:old|older|alte[nmrs]?|alt|previous(?:ly)?|formerly|vorher|zuvor|ehemals|ehemalige[nmrs]?|vorherige[nmrs]?|bisherige[nmrs]?|former|früher(?:e[nmrs]?)?|last year'?s|letztjährige[nmrs]?|(?:was|were)(?! (?:issued|reissued|re-issued|created|renewed|generated|requested|enrolled|imported|installed|bought|purchased|ordered|made|signed|assigned|enabled|bound|deployed|rolled out|replaced)\b)|war|waren|used to|expired|abgelaufen(?:e[nmrs]?)?|ging|went|instead of|rather than|statt|anstatt|anstelle(?: von)?|replac(?:ed|es|ing)(?! (?:by|with)\b)|swapp(?:ed|ing)|exchang(?:ed|ing)|ersetzt(?! (?:durch|mit)\b)|in place of)\b|\bhieß(?![\wäöüß])/gi;
// "replaced x with y", "swapped x for y": what follows "with" / "for" is the new one.
const NEW_WORD =
  /\b(?:new|neue[nmrs]?|neu|now|jetzt|nun|current(?:ly)?|aktuelle[nmrs]?|renewed|erneuert\w{0,3}|this year|dieses jahr|today|heute)\b|(?<=\b(?:replac(?:ed|ing|e)|swapp(?:ed|ing)|exchang(?:ed|ing))\b[^;\n]{1,80})\b(?:with|for)\b/gi;
const OLD_AFTER =
  /^\s{0,3}(?:\((?:old|alt|vorher|previous|before|bisher)\)|is no longer|no longer|ist nicht mehr|nicht mehr|is gone|was removed|was deleted|was replaced|has been replaced|wurde gelöscht|wurde entfernt|wurde ersetzt|(?:gegen|durch) \S{1,80} (?:aus)?getauscht|durch \S{1,80} ersetzt|has expired|expired|ist abgelaufen)/i;

function lastIndexOf(re: RegExp, text: string): number {
  let last = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m.index;
  return last;
}

/**
 * True when the words just before a value (same clause, up to 60 characters; the nearer of an
 * "old" and a "new" word decides) or right after it place it in the past.
 */
export function saysOld(clause: string, index: number, length: number): boolean {
  const before = clause.slice(Math.max(0, index - 60), index);
  const after = clause.slice(index + length, index + length + 40);
  if (OLD_AFTER.test(after)) return true;
  return lastIndexOf(OLD_WORD, before) > lastIndexOf(NEW_WORD, before);
}
