/**
 * The one table of secret shapes. Every text a user gives (pastes, text files, the prose around a
 * PEM block, file names, button values) goes through it before it is analysed, stored, echoed,
 * logged or written into a handoff record; the logger applies it once more to what it writes.
 *
 * Each shape finds ranges (only the secret value, so "Password=[removed]" stays readable) and is
 * linear in the input: block shapes scan with indexOf, line shapes run bounded regular
 * expressions per line, and key names are tested one identifier at a time (never a regex that
 * backtracks over a hostile line).
 */
import { sniffDer } from '../certificates/derSniff';

export const REMOVED = '[removed]';
export const KEY_REMOVED = '[private key removed]';

export interface SecretRange {
  start: number;
  end: number;
  replacement: string;
}

export interface SecretShape {
  id: string;
  /** What it catches, with an example (docs/security-and-limits.md, "Secrets", lists them by hand: keep both in step). */
  description: string;
  find(text: string): SecretRange[];
}

// ---- key names ------------------------------------------------------------------------------

/**
 * A key name whose value is a secret when it ends with one of these (smtpPassword, "client_secret",
 * DB_PASSWORD, Benutzerkennwort, AccessToken), in both languages.
 */
const SECRET_KEY_SUFFIX =
  /(?:password|passwd|passphrase|passcode|pwd|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|account[_-]?key|sharedaccesskey|sharedaccesssignature|subscription[_-]?key|master[_-]?key|signing[_-]?key|passwort|kennwort|geheimnis|geheimschlüssel|zugriffsschlüssel|zugangsschlüssel|kontoschlüssel|api-schlüssel|zugangsdaten|zugriffstoken)$/u;

/** Key names that count only as whole words (as a suffix "pass" would hit "Bypass"). */
const SECRET_WHOLE_KEYS = new Set(['pass', 'pw', 'pin']);

/** "API key", "Shared access key", "geheimer Schlüssel": a generic last word made secret by the one before. */
const GENERIC_LAST_WORDS = new Set(['key', 'schlüssel', 'token', 'code']);
const QUALIFYING_WORD =
  /(?:api|access|secret|account|storage|shared access|subscription|master|signing|client|app|auth|bearer|session|refresh|geheimer|geheimen|zugriffs?|zugangs|konto|speicherkonto)[\s_-]*$/iu;

/** Values that are no secret: masks, placeholders, variables, the type name PowerShell prints. */
const NOT_A_SECRET =
  /^(?:[*•x?#._-]+|<[^<>]{0,60}>|\[removed\]|\[private key removed\]|system\.security\.securestring|null|none|keine?|true|false|-)$/iu;
/** A variable passed as a parameter (-Password $secure): its value is elsewhere. */
const VARIABLE = /^(?:\$[\w:{}.]+|%\w+%|\$\{\w+\})$/u;

/** Words after "password is" that describe it rather than give it. */
const PROSE_NOT_A_SECRET = new Set(
  (
    'not nicht kein keine wrong falsch incorrect correct richtig right expired abgelaufen set gesetzt empty leer missing fehlt ' +
    'the a an der die das ein eine einen too zu still noch required erforderlich invalid ungültig valid gültig ok okay fine changed geändert ' +
    'same gleich in im stored gespeichert saved known bekannt unknown unbekannt reset zurückgesetzt locked gesperrt needed nötig notwendig ' +
    'also auch only nur now jetzt definitely sicher probably wahrscheinlich being wird was war been used verwendet different anders'
  ).split(' '),
);

/**
 * A word every secret key name contains (each SECRET_KEY_SUFFIX alternative, SECRET_WHOLE_KEYS and
 * GENERIC_LAST_WORDS holds one): a text without any has no labelled secret, and its identifiers
 * need not be tested one by one.
 */
const SECRET_KEY_WORD = /pass|pw|pin|secret|token|key|kennwort|geheim|schlüssel|zugangsdaten|sharedaccesssignature|code/iu;

function isSecretKey(name: string, text: string, index: number): boolean {
  const lower = name.toLowerCase().replace(/[.-]+$/u, '');
  if (SECRET_WHOLE_KEYS.has(lower)) return true;
  if (SECRET_KEY_SUFFIX.test(lower.slice(-40))) return true;
  return GENERIC_LAST_WORDS.has(lower) && QUALIFYING_WORD.test(text.slice(Math.max(0, index - 24), index));
}

// ---- values ---------------------------------------------------------------------------------

const CLOSING_QUOTES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '`': '`',
  '“': '”“',
  '”': '”',
  '„': '“”',
  '‚': '‘’',
  '‘': '’',
  '«': '»',
  '»': '«',
  '‹': '›',
  '›': '‹',
};

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline < 0 ? text.length : newline;
  return end > from && text[end - 1] === '\r' ? end - 1 : end;
}

/** A quoted value: the text inside the quotes (escapes skipped), to the line's end when unclosed. */
function quotedRange(text: string, start: number, end: number): [number, number] {
  const closers = CLOSING_QUOTES[text[start]];
  const escapes = text[start] === '"' || text[start] === "'";
  for (let i = start + 1; i < end; i++) {
    if (escapes && text[i] === '\\') {
      i++;
      continue;
    }
    if (closers.includes(text[i])) return [start + 1, i];
  }
  return [start + 1, end];
}

/**
 * Where an unquoted "key = value" value ends: at the line's end ("password = two words" loses both
 * words), but before a following "key=" or command-line switch, and before a closing tag.
 */
const NEXT_KEY = /[\s;&,]+(?:--?|\/)?["']?[\p{L}_][\p{L}\p{N}_.-]{0,40}["']?\s*[:=]|\s+--?\p{L}|<\//uy;

function assignedEnd(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === ';' || c === '&' || c === ',' || c === '<') {
      NEXT_KEY.lastIndex = i;
      if (NEXT_KEY.test(text)) return i;
    }
  }
  return end;
}

function tokenEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && !/\s/u.test(text[i])) i++;
  while (i > start + 1 && '.,;:)]}'.includes(text[i - 1])) i--;
  return i;
}

type ValueMode = 'assign' | 'token' | 'prose';

/**
 * A link where a value would be: "Reset the password at https://aka.ms/sspr" (the ":" of "https:"
 * looked like the sign), "import it: https://...". A link is no password; its own secrets
 * (user:password@, sig=) have shapes of their own.
 */
const LINK_START = /(?:[a-z][a-z0-9+.-]{1,20}:)?\/\/[^\s/]/iy;
/** "the password for https://relay.contoso.com: Hunter2": the value is after the link. */
const SIGN_AFTER_LINK = /[ \t]*(?::=|[:=])[ \t]*/y;

/** The value at `start` as a range to remove, or undefined when there is none or it is no secret. */
function valueRange(text: string, start: number, mode: ValueMode, afterLink = false): SecretRange | undefined {
  const end = lineEnd(text, start);
  if (start >= end || text.startsWith(REMOVED, start)) return undefined;
  const first = text[start];
  if (first === '(') return undefined; // (ConvertTo-SecureString ...): the shape for it finds the string inside
  const quoted = CLOSING_QUOTES[first] !== undefined;
  LINK_START.lastIndex = quoted ? start + 1 : start;
  if (LINK_START.test(text)) {
    if (quoted || afterLink) return undefined;
    const sign = sticky(SIGN_AFTER_LINK, text, tokenEnd(text, start, end));
    return sign === undefined ? undefined : valueRange(text, sign, mode, true);
  }
  let from = start;
  let to: number;
  if (quoted) [from, to] = quotedRange(text, start, end);
  else if (mode === 'assign') to = assignedEnd(text, start, end);
  else to = tokenEnd(text, start, end);
  while (to > from && /\s/u.test(text[to - 1])) to--;
  const value = text.slice(from, to);
  if (value.length === 0 || NOT_A_SECRET.test(value) || (mode === 'token' && VARIABLE.test(value))) return undefined;
  if (mode === 'prose' && CLOSING_QUOTES[first] === undefined && PROSE_NOT_A_SECRET.has(value.replace(/[.,;:!?]+$/u, '').toLowerCase()))
    return undefined;
  return { start: from, end: to, replacement: REMOVED };
}

// ---- shapes ---------------------------------------------------------------------------------

function allMatches(
  pattern: RegExp,
  text: string,
  each: (match: RegExpExecArray) => SecretRange | SecretRange[] | undefined,
): SecretRange[] {
  const ranges: SecretRange[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const found = each(match);
    if (Array.isArray(found)) ranges.push(...found);
    else if (found) ranges.push(found);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return ranges;
}

/** PEM private keys of every kind (PKCS#8, RSA, EC, ENCRYPTED, OPENSSH, PGP, SSH2), to their END line or the text's end. */
function findPemPrivateKeys(text: string): SecretRange[] {
  return allMatches(/-{4,5} ?BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}?) ?-{4,5}/g, text, (match) => {
    const endMarker = text.indexOf(`END ${match[1]}`, match.index + match[0].length);
    let end = text.length;
    if (endMarker >= 0) {
      end = endMarker + 4 + match[1].length;
      while (end < text.length && (text[end] === '-' || text[end] === ' ') && end < endMarker + match[1].length + 12) end++;
    }
    return { start: match.index, end, replacement: KEY_REMOVED };
  });
}

/** PuTTY .ppk private keys: from the header to the Private-MAC line (or the private lines, or the end). */
function findPuttyKeys(text: string): SecretRange[] {
  return allMatches(/PuTTY-User-Key-File-\d+:/g, text, (match) => {
    const window = text.slice(match.index, match.index + 20_000);
    const mac = /\r?\nPrivate-(?:MAC|Hash):[^\r\n]*/.exec(window);
    if (mac) return { start: match.index, end: match.index + mac.index + mac[0].length, replacement: KEY_REMOVED };
    const lines = /\r?\nPrivate-Lines: *(\d{1,4})/.exec(window);
    if (!lines) return { start: match.index, end: text.length, replacement: KEY_REMOVED };
    let end = match.index + lines.index + lines[0].length;
    for (let n = Number(lines[1]); n > 0 && end < text.length; n--) end = lineEnd(text, end + 1);
    return { start: match.index, end, replacement: KEY_REMOVED };
  });
}

/** Where a DER SEQUENCE may start in base64: 0x30 encodes as "M"; a key is at least 48 bytes (Ed25519 PKCS#8). */
const BASE64_DER_START = /(?<![A-Za-z0-9+/=])M[A-Za-z0-9+/]{59,}/g;
const BASE64_CHAR = /[A-Za-z0-9+/]/;
/** Enough of a block to read a PFX's or a key's outer structure (an RSA-8192 key's first four integers). */
const SNIFF_CHARS = 4096;

function base64RunEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && BASE64_CHAR.test(text[i])) i++;
  const padded = i;
  while (i < text.length && text[i] === '=' && i < padded + 2) i++;
  return i;
}

/**
 * A base64 block from `start`: its first run, then the following lines that are base64 only (any
 * indentation) as long as each is as long as the one before (fixed-width wrapping: 64 characters
 * from openssl, 76 from certutil and [Convert]::ToBase64String); the first shorter one is its last.
 */
function base64BlockEnd(text: string, start: number): number {
  let end = base64RunEnd(text, start);
  let width = Number.POSITIVE_INFINITY;
  while (end < text.length && text[end - 1] !== '=') {
    let next = end;
    if (text[next] === '\r') next++;
    if (text[next] !== '\n') break;
    next++;
    while (next < text.length && (text[next] === ' ' || text[next] === '\t')) next++;
    const runEnd = base64RunEnd(text, next);
    const length = runEnd - next;
    const lineStop = lineEnd(text, runEnd);
    if (length < 4 || length > width || text.slice(runEnd, lineStop).trim() !== '') break;
    end = runEnd;
    if (width !== Number.POSITIVE_INFINITY && length < width) break;
    width = length;
  }
  return end;
}

/**
 * A PFX or a private key pasted as base64 without PEM armour (one line or wrapped lines, as
 * [Convert]::ToBase64String, Export-ExchangeCertificate's FileData or certutil -encode give it):
 * the block is decoded and removed whole when its DER is PKCS#12 or a private-key structure
 * (PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC). Certificates and PKCS#7 bundles stay evidence.
 */
function findBase64PrivateKeys(text: string): SecretRange[] {
  return allMatches(BASE64_DER_START, text, (match) => {
    const end = base64BlockEnd(text, match.index);
    BASE64_DER_START.lastIndex = Math.max(BASE64_DER_START.lastIndex, end);
    const head = text
      .slice(match.index, Math.min(end, match.index + SNIFF_CHARS * 2))
      .replace(/\s+/g, '')
      .slice(0, SNIFF_CHARS);
    const kind = sniffDer(Buffer.from(head.slice(0, head.length - (head.length % 4)), 'base64')).kind;
    return kind === 'pfx' || kind === 'private-key' ? { start: match.index, end, replacement: KEY_REMOVED } : undefined;
  });
}

const IDENTIFIER = /[\p{L}\p{N}_][\p{L}\p{N}_.-]*/gu;
const ASSIGNMENT = /["']?\s*(?::=|=>|[:=])[ \t]*/y;
/** "Kennwort für den Connector: x", "password of the relay account = x": up to four words between label and sign. */
const QUALIFIED_ASSIGNMENT = /(?:[ \t]+[\p{L}\p{N}_@.-]{1,30}){1,4}?["']?[ \t]*(?::=|[:=])[ \t]*/uy;
const PROSE = /(?:[ \t]+[\p{L}\p{N}_@.-]{1,30}){0,4}?["']?[ \t]+(?:is|was|are|lautet|ist|war|heißt|heisst)[ \t]+/iuy;
const PARAMETER_GAP = /[ \t]+/y;
/** <add key="MicrosoftAppPassword" value="..."/>, {"name": "password", "value": "..."}. */
const VALUE_ATTRIBUTE = /["']?\s*,?\s*["']?(?:value|wert)["']?\s*[:=]\s*/iy;

function sticky(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? at + match[0].length : undefined;
}

/**
 * Labelled values in every common form: key=value and key: value in any quoting (JSON, YAML, INI,
 * .env, connection strings, appSettings, PowerShell assignments), XML elements, command-line
 * parameters (-Password x, --auth-password x), prose ("the password is Hunter2", "das Kennwort
 * lautet ..."), in English and German.
 */
function findLabelledValues(text: string): SecretRange[] {
  if (!SECRET_KEY_WORD.test(text)) return [];
  return allMatches(IDENTIFIER, text, (match) => {
    const name = match[0];
    if (!isSecretKey(name, text, match.index)) return undefined;
    const after = match.index + name.length;
    const before = text[match.index - 1];
    // XML element: <Password>Hunter2</Password>, <ns:Kennwort attr="x">...</ns:Kennwort>
    if (before === '<' || (before === ':' && /<[\w-]+:$/u.test(text.slice(Math.max(0, match.index - 30), match.index)))) {
      const close = text.indexOf('>', after);
      const end = lineEnd(text, after);
      if (close < 0 || close >= end || text[close - 1] === '/') return undefined;
      const next = text.indexOf('<', close + 1);
      const to = next >= 0 && next < end ? next : end;
      const value = text.slice(close + 1, to).trim();
      return value && !NOT_A_SECRET.test(value) ? { start: close + 1, end: to, replacement: REMOVED } : undefined;
    }
    const attribute = sticky(VALUE_ATTRIBUTE, text, after);
    if (attribute !== undefined && (before === '"' || before === "'")) return valueRange(text, attribute, 'assign');
    const assigned = sticky(ASSIGNMENT, text, after);
    if (assigned !== undefined) {
      // -passin pass:X, /password:X -Force: on a command line the value is one token.
      const commandLine =
        before === '-' || before === '/' || /-pass(?:in|out|word)?\s+$/u.test(text.slice(Math.max(0, match.index - 12), match.index));
      return valueRange(text, assigned, commandLine ? 'token' : 'assign');
    }
    if (before === '-') {
      const gap = sticky(PARAMETER_GAP, text, after);
      return gap === undefined || text[gap] === '-' ? undefined : valueRange(text, gap, 'token');
    }
    const qualified = sticky(QUALIFIED_ASSIGNMENT, text, after);
    if (qualified !== undefined) return valueRange(text, qualified, 'assign');
    const prose = sticky(PROSE, text, after);
    if (prose !== undefined) return valueRange(text, prose, 'prose');
    // Password "X", Kennwort »X«, das Passwort „X“, (Passwort X7), PIN 4711: the value right after the label.
    const gap = sticky(PARAMETER_GAP, text, after);
    if (gap === undefined) return undefined;
    if (CLOSING_QUOTES[text[gap]] !== undefined) return valueRange(text, gap, 'prose');
    return name.toLowerCase() === 'pass' ? undefined : bareValueRange(text, gap);
  });
}

/**
 * An unquoted value right after a label ("Passwort Sommer2024", "PIN 4711"): one token that looks
 * like a secret (a digit, a sign or inner capitals, four characters at least), so that "password
 * policy", "Kennwort ändern" and "password $cred" stay as they are.
 */
function bareValueRange(text: string, start: number): SecretRange | undefined {
  const range = valueRange(text, start, 'prose');
  if (!range) return undefined;
  const value = text.slice(range.start, range.end);
  if (value.length < 4 || VARIABLE.test(value) || !/\d|[^\p{L}\s]|\p{Ll}\p{Lu}/u.test(value)) return undefined;
  return range;
}

/** ConvertTo-SecureString "x" -AsPlainText / -String "x", NetworkCredential("user", "x"). */
function findPowerShellStrings(text: string): SecretRange[] {
  const secureStrings = allMatches(/ConvertTo-SecureString\b/gi, text, (match) => {
    const end = lineEnd(text, match.index);
    let i = match.index + match[0].length;
    for (let tokens = 0; tokens < 12 && i < end; tokens++) {
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      const c = text[i];
      if (i >= end || c === ')' || c === '|' || c === ';') return undefined;
      if (c === '-') {
        const switchEnd = tokenEnd(text, i, end);
        const name = text.slice(i, switchEnd).toLowerCase();
        i = switchEnd;
        // -Key/-SecureKey take an argument that is not the string; -String's argument is.
        if (name === '-key' || name === '-securekey') {
          while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
          i = tokenEnd(text, i, end);
        }
        continue;
      }
      return valueRange(text, i, 'token');
    }
    return undefined;
  });
  const credentials = allMatches(/NetworkCredential(?:\]::new)?\s*\(\s*(["'])[^"'\r\n]{0,200}\1\s*,\s*/gi, text, (match) =>
    valueRange(text, match.index + match[0].length, 'token'),
  );
  return [...secureStrings, ...credentials];
}

/** openssl -passin/-passout/-pass pass:X, openssl enc -k X, certutil -p X, curl -u user:X. */
function findCommandLineSecrets(text: string): SecretRange[] {
  const openssl = allMatches(/(?:^|\s)-(?:passin|passout|pass|password)\s+["']?pass:/gm, text, (match) =>
    valueRange(text, match.index + match[0].length, 'token'),
  );
  const opensslEnc = allMatches(/\bopenssl\b[^\r\n]{0,300}?\s-k\s+/gi, text, (match) =>
    valueRange(text, match.index + match[0].length, 'token'),
  );
  const certutil = allMatches(/\bcertutil(?:\.exe)?\b[^\r\n]{0,300}?\s-p\s+/gi, text, (match) =>
    valueRange(text, match.index + match[0].length, 'token'),
  );
  const curl = allMatches(/(?:^|\s)(?:-u|--user|--proxy-user|-U)\s+["']?[^\s:"']{1,100}:/gm, text, (match) =>
    valueRange(text, match.index + match[0].length, 'token'),
  );
  return [...openssl, ...opensslEnc, ...certutil, ...curl];
}

/** Authorization: Basic/Bearer/NTLM/... and Cookie headers: everything after the scheme. */
function findHeaders(text: string): SecretRange[] {
  return allMatches(
    /\b(?:(?:Proxy-)?Authori[sz]ation|(?:Set-)?Cookie|X-Api-Key|Ocp-Apim-Subscription-Key)\s*:\s*(?:(?:Basic|Bearer|Negotiate|NTLM|Digest|SharedKey|SharedAccessSignature|Token|Kerberos)\s+)?/gi,
    text,
    (match) => {
      const start = match.index + match[0].length;
      const end = lineEnd(text, start);
      let to = start;
      while (to < end && text[to] !== '"' && text[to] !== "'") to++;
      while (to > start && /\s/u.test(text[to - 1])) to--;
      return to > start ? { start, end: to, replacement: REMOVED } : undefined;
    },
  );
}

const SMTP_VERBS = new Set([
  'HELO',
  'EHLO',
  'MAIL',
  'RCPT',
  'DATA',
  'RSET',
  'QUIT',
  'NOOP',
  'VRFY',
  'EXPN',
  'HELP',
  'BDAT',
  'AUTH',
  'STARTTLS',
  'XEXCH50',
  'X-ANONYMOUSTLS',
]);
const BASE64_TOKEN = /^[A-Za-z0-9+/]{2,}={0,2}$/;

/** A client's or server's line marker in transcripts: "C:", "S:", swaks' "->", "<-", "~>", "<~", "> ", "< ". */
const DIRECTION = /[ \t]*(?:(?:C|S|Client|Server)[ \t]*:|[-~*]{1,2}>|<[-~*]{1,2}|>{1,3}|<{1,3})?[ \t]*/iy;

/** The next line's start after the line ending at `end` (LF or CRLF), or undefined at the text's end. */
function nextLineStart(text: string, end: number): number | undefined {
  let i = end;
  if (text[i] === '\r') i++;
  return text[i] === '\n' ? i + 1 : undefined;
}

/** A credential: a base64 token that is no SMTP verb and no reply code. */
function isCredential(data: string): boolean {
  return data.length >= 2 && BASE64_TOKEN.test(data) && !SMTP_VERBS.has(data.toUpperCase()) && !/^\d{3}$/.test(data);
}

/** One transcript line: its data (after the CSV fields or the direction marker) and where it starts. */
function smtpLineData(text: string, from: number, end: number): { data: string; at: number } {
  const line = text.slice(from, end);
  const csv = /,[<>*],([^,\r\n]*)/.exec(line);
  if (csv) return { data: csv[1].trim(), at: from + csv.index + 3 + (csv[1].length - csv[1].trimStart().length) };
  const marker = sticky(DIRECTION, text, from) ?? from;
  return { data: text.slice(marker, end).trim(), at: marker };
}

/**
 * SMTP AUTH credentials in protocol logs and transcripts: the argument of "AUTH PLAIN|LOGIN|XOAUTH2 ..."
 * and the client's base64 answers after it (user name and password of AUTH LOGIN), in Exchange's
 * CSV protocol logs (",<,dXNlcg==," in a Receive log, ",>,dXNlcg==," in a Send log), in plain
 * telnet or openssl s_client transcripts (LF or CRLF), with "C:", swaks' "->" or a "> " marker,
 * and on one line ("...,334 UGFzc3dvcmQ6,<password>,...").
 */
function findSmtpAuth(text: string): SecretRange[] {
  const ranges: SecretRange[] = [];
  const auth = /\bAUTH\s+(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5|DIGEST-MD5|NTLM|GSSAPI|XOAUTH|MSN)\b[ \t]*/gi;
  for (let match = auth.exec(text); match; match = auth.exec(text)) {
    const start = match.index + match[0].length;
    let end = lineEnd(text, start);
    const initial = /^[A-Za-z0-9+/=]{4,}/.exec(text.slice(start, Math.min(end, start + 20_000)));
    if (initial && isCredential(initial[0])) ranges.push({ start, end: start + initial[0].length, replacement: REMOVED });
    // The next few lines: the server's 334 challenges and the client's answers to them.
    for (let lines = 0; lines < 8; lines++) {
      const from = nextLineStart(text, end);
      if (from === undefined) break;
      end = lineEnd(text, from);
      const { data, at } = smtpLineData(text, from, end);
      const reply = /^(\d{3})\b/.exec(data);
      // A final reply (235 accepted, 4xx/5xx refused) ends the exchange; 334 is the next challenge.
      if (reply) {
        if (reply[1] !== '334') break;
        continue;
      }
      const token = /^\S+/.exec(data)?.[0] ?? '';
      if (token === data && isCredential(data)) ranges.push({ start: at, end: at + data.length, replacement: REMOVED });
    }
  }
  // On one line: the field after a 334 challenge is the client's answer.
  const oneLine = /\b334[ -][A-Za-z0-9+/=:]{0,100}[ \t]*[,;|\t][ \t]*([A-Za-z0-9+/]{2,}={0,2})(?=[ \t]*(?:[,;|\t\r\n]|$))/g;
  for (let match = oneLine.exec(text); match; match = oneLine.exec(text)) {
    if (!isCredential(match[1])) continue;
    const to = match.index + match[0].length;
    ranges.push({ start: to - match[1].length, end: to, replacement: REMOVED });
  }
  return ranges;
}

/** scheme://user:password@host: the password. */
function findUrlCredentials(text: string): SecretRange[] {
  if (!text.includes('://')) return [];
  return allMatches(/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@]{0,200}:([^\s/@]{1,300})@/gi, text, (match) => {
    const end = match.index + match[0].length - 1;
    return { start: end - match[1].length, end, replacement: REMOVED };
  });
}

/** URL query parameters that carry a signature or token: SAS sig=, X-Amz-Signature=, access_token=, code=, key= ... */
function findUrlQuerySecrets(text: string): SecretRange[] {
  return allMatches(
    /[?&#;](?:sig|signature|x-amz-signature|x-amz-security-token|x-goog-signature|x-goog-credential|access_token|id_token|refresh_token|token|code|client_secret|api[_-]?key|apikey|key|password|passwd|pwd|secret|sessionid|session_id|jwt|auth)=([^&#\s"'<>]{1,4000})/gi,
    text,
    (match) => {
      const end = match.index + match[0].length;
      return NOT_A_SECRET.test(match[1]) ? undefined : { start: end - match[1].length, end, replacement: REMOVED };
    },
  );
}

/** Each token pattern with a literal every match of it contains (a text without it skips the pattern). */
const SELF_EVIDENT_TOKENS: Array<[RegExp, string | undefined]> = [
  [/\bBearer\s+([A-Za-z0-9\-._~+/]{8,}=*)/g, 'Bearer'],
  [/\b(eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)/g, 'eyJ'],
  [
    /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|sk_(?:live|test)_[0-9A-Za-z]{16,}|npm_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16})\b/g,
    undefined,
  ],
  [/(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g, 'Q~'],
  [/(?<![A-Za-z0-9+/=])([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/g, '=='],
];

/** Tokens recognisable on their own: Bearer tokens, JWTs, well-known key prefixes, Azure AD client secrets, storage account keys. */
function findSelfEvidentTokens(text: string): SecretRange[] {
  return SELF_EVIDENT_TOKENS.filter(([, literal]) => literal === undefined || text.includes(literal)).flatMap(([pattern]) =>
    allMatches(pattern, text, (match) => {
      const end = match.index + match[0].length;
      return { start: end - match[1].length, end, replacement: REMOVED };
    }),
  );
}

export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    id: 'pem-private-key',
    description: 'PEM private keys of any kind: -----BEGIN (RSA|EC|ENCRYPTED|OPENSSH|PGP ...) PRIVATE KEY-----',
    find: findPemPrivateKeys,
  },
  {
    id: 'base64-private-key',
    description:
      'a PFX or a private key pasted as base64 without PEM armour (MII..., one line or wrapped), decoded and recognised by its DER',
    find: findBase64PrivateKeys,
  },
  { id: 'putty-private-key', description: 'PuTTY .ppk keys: PuTTY-User-Key-File-3: ... Private-MAC: ...', find: findPuttyKeys },
  {
    id: 'labelled-value',
    description:
      'password=, "password": "...", <Password>...</Password>, -Password x, Kennwort: ..., "the password is ...", connection strings (Password=, AccountKey=, SharedAccessKey=)',
    find: findLabelledValues,
  },
  {
    id: 'powershell-secure-string',
    description: 'ConvertTo-SecureString "..." -AsPlainText, NetworkCredential("user", "...")',
    find: findPowerShellStrings,
  },
  {
    id: 'command-line',
    description: 'openssl -passin pass:..., openssl enc -k ..., certutil -p ..., curl -u user:...',
    find: findCommandLineSecrets,
  },
  { id: 'http-header', description: 'Authorization: Basic|Bearer|NTLM ..., Cookie:, X-Api-Key:', find: findHeaders },
  {
    id: 'smtp-auth',
    description:
      'SMTP AUTH PLAIN/LOGIN/XOAUTH2 arguments and the base64 answers to 334 challenges: protocol logs (Receive and Send, one line too), telnet/openssl (CRLF), swaks (-> / <-), C:/S: and > / < transcripts',
    find: findSmtpAuth,
  },
  { id: 'url-credentials', description: 'scheme://user:password@host', find: findUrlCredentials },
  {
    id: 'url-query-secret',
    description: 'URL query signatures and tokens: sig=, X-Amz-Signature=, access_token=, code=, key=',
    find: findUrlQuerySecrets,
  },
  {
    id: 'self-evident-token',
    description: 'Bearer tokens, JWTs, GitHub/GitLab/Slack/Google/Stripe/npm/AWS keys, Azure AD client secrets, storage account keys',
    find: findSelfEvidentTokens,
  },
];

/**
 * File names (without their extension): besides every shape above, a label followed by its value
 * with any separator ("smtp_password_Hunter2", "Kennwort Sommer2024"): the value to the end.
 */
export function findFileNameSecrets(name: string): SecretRange[] {
  return allMatches(
    /(?:^|[\s_.\-=:#()[\]{}+,;])(password|passwort|kennwort|passwd|pwd|pw|pass|secret|geheim|token|api[_-]?key|accountkey|pin)(?=[\s_.\-=:#()[\]{}+,;])/gi,
    name,
    (match) => {
      let start = match.index + match[0].length;
      while (start < name.length && /[\s_.\-=:#()[\]{}+,;]/u.test(name[start])) start++;
      const end = name.length;
      // "Kennwort-Richtlinie" (password policy) is a topic; a value has a digit, a sign or inner capitals.
      return end > start && /\d|[^\p{L}\s]|\p{Ll}\p{Lu}/u.test(name.slice(start, end)) ? { start, end, replacement: REMOVED } : undefined;
    },
  );
}
