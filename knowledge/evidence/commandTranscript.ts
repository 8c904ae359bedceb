/**
 * A PowerShell or cmd transcript: the prompt, the command, and what it printed. A command that
 * imported an intermediate certificate into the computer's intermediate store and printed the
 * imported certificate (or "command completed successfully") is KB 3212877's fix applied: if the
 * error stays, that fix was not enough (evidence against a missing chain, as strong as for it).
 *   PS C:\> Get-ChildItem c:\import\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\LocalMachine\CA
 *      PSParentPath: Microsoft.PowerShell.Security\Certificate::LocalMachine\CA
 *   Thumbprint                                Subject
 *   759BC575B5B0253F7F08808B1AF25BF5CB4885EE  CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, ...
 *   C:\> certutil -addstore CA intermediate.cer   ->  CertUtil: -addstore command completed successfully.
 * A command that failed (an error record, "FAILED") or a command without a prompt and without output
 * (a question, a plan) is not a fix applied.
 * A "what is my IP" service asked from the server prints the public address it sends from:
 *   PS C:\> Invoke-RestMethod ifconfig.me   ->  198.51.100.201
 * Only what that command printed counts (up to the next prompt or an error, an address alone on its
 * line or the "ip" field), and a lookup of a given address (curl ipinfo.io/8.8.8.8) is not the server's.
 */
import { isIP, isIPv4 } from 'node:net';
import { finding, type Extractor } from './extractor';
import { isExchangeOnlineAddress, isPrivateAddress } from './ipRange';
import { PROMPT } from './prose';
import type { Finding } from '../types';

// cmd's prompt ("C:\>", "C:\Windows\system32>"); PowerShell's is PROMPT.
const CMD_PROMPT = /^\s{0,4}[A-Za-z]:\\[^>\n]{0,200}>/;
// A shell's prompt ("$ "), before a curl or wget.
const SHELL_PROMPT = /^\s{0,4}\$\s/;
const isPrompt = (line: string) => PROMPT.test(line) || CMD_PROMPT.test(line);
// Into the intermediate store: Cert:\LocalMachine\CA (Import-Certificate) or the store "CA" (certutil -addstore).
const IMPORT_TO_CA =
  /\bImport-Certificate\b[^\n]{0,300}?-CertStoreLocation\s{1,3}["']?Cert:\\LocalMachine\\CA\b|\bcertutil(?:\.exe)?\s{1,3}(?:-f\s{1,3}|-enterprise\s{1,3})*-addstore\s{1,3}(?:-f\s{1,3})?["']?CA["']?\s/i;
const SUCCESS =
  /PSParentPath:[^\n]{0,120}\\CA\b|^\s{0,4}[0-9A-Fa-f]{40}\s{1,10}CN\s?=|command completed successfully|Befehl wurde erfolgreich ausgeführt|erfolgreich abgeschlossen/im;
const FAILURE =
  /FullyQualifiedErrorId|CategoryInfo\s{0,10}:|\bFAILED\b|fehlgeschlagen|Access is denied|Zugriff verweigert|cannot find path|nicht gefunden/i;

// Services that answer with the caller's public address, asked with curl, wget or PowerShell.
// After the prompt (withoutPrompt).
const MY_IP =
  /^\s{0,4}\(?(?:Invoke-RestMethod|irm|Invoke-WebRequest|iwr|curl(?:\.exe)?|wget)\s{1,3}(?![\s:])[^\n]{0,100}?\b(?:ifconfig\.me|ifconfig\.co|ipinfo\.io|api\.ipify\.org|icanhazip\.com|checkip\.amazonaws\.com|ipecho\.net|wtfismyip\.com)\b/i;
// What such a service prints: the address alone on its line (perhaps with the next prompt right after it, as
// curl prints no line break), or as the "ip" field of its JSON ("ip": "203.0.113.90", {"ip":"203.0.113.90"}), of
// the object Invoke-RestMethod shows (ip : 203.0.113.90) or the Content of Invoke-WebRequest's.
const ANSWER_LINE = /^\s{0,8}"?([\d.]{7,15})"?\s{0,8}(?:$|\$\s|PS\s{0,2}>|\[PS\]|PS [A-Za-z]:\\|[A-Za-z]:\\)/;
const ANSWER_FIELD = /^\s{0,8}\{?\s{0,4}(?:"ip"|ip|Content)\s{0,20}:\s{0,4}"?([\d.]{7,15})"?\s{0,4}(?:[,}]|$)/i;
// The service did not answer: a timeout, a name that did not resolve, curl's error.
const NO_ANSWER = /timed out|Zeitüberschreitung|Timeout|could not resolve|konnte nicht aufgelöst|^\s{0,4}curl: \(\d{1,3}\)/i;

// The certificate a command printed as imported: Import-Certificate's "<thumbprint>  CN=...", certutil's 'Certificate "<name>" added to store.'
const IMPORTED =
  /^\s{0,4}[0-9A-Fa-f]{40}\s{1,10}(CN\s?=[^\n]{1,300})$|(?:Certificate|Zertifikat) "([^"\n]{1,200})" (?:added to store|wurde[^\n]{0,40}hinzugefügt)/gm;

/**
 * Import-Certificate / certutil -addstore CA that printed the imported certificate: KB 3212877's fix
 * applied, with the names of the certificates the console printed as imported (`imported`).
 */
function importsApplied(lines: string[]): Finding[] {
  let applied: Finding | undefined;
  const imported: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isPrompt(lines[i]) || !IMPORT_TO_CA.test(`${lines[i]} `)) continue;
    // What the command printed: the lines up to the next prompt.
    let end = i + 1;
    while (end < lines.length && end <= i + 40 && !isPrompt(lines[end])) end++;
    const printed = lines.slice(i + 1, end).join('\n');
    if (SUCCESS.test(printed) && !FAILURE.test(printed)) {
      applied ??= finding('chain-complete', 'fix-applied', lines[i], 'command-transcript', {
        command: /certutil/i.test(lines[i]) ? 'certutil' : 'import-certificate',
      });
      for (const m of printed.matchAll(IMPORTED)) imported.push((m[1] ?? m[2]).trim());
    }
  }
  return applied ? [{ ...applied, data: { ...applied.data, imported } }] : [];
}

/** The line without its prompt (PowerShell's, cmd's or a shell's). */
function withoutPrompt(line: string): string {
  const prompt = PROMPT.exec(line) ?? CMD_PROMPT.exec(line) ?? SHELL_PROMPT.exec(line);
  return prompt ? line.slice(prompt[0].length) : line;
}

/**
 * The rest of the service's address ("/ip", "/json", ").ip") names an address or a variable: a lookup
 * of a given address ("curl ipinfo.io/8.8.8.8", "irm ipinfo.io/$ip"), not the caller's own.
 */
function looksUpGivenAddress(urlRest: string): boolean {
  return urlRest.split(/[/?&=#"'()]/).some((part) => isIP(part) !== 0 || part.startsWith('$'));
}

/** The address a line of output holds as the whole answer: alone, or the "ip" (or Content) field of JSON or of a PowerShell object. */
function answerIn(line: string): string | undefined {
  if (line.length > 200) return undefined;
  const m = ANSWER_LINE.exec(line) ?? ANSWER_FIELD.exec(line);
  return m && isIPv4(m[1]) ? m[1] : undefined;
}

/** The public address a "what is my IP" service printed, on the command's line or in its output up to the next prompt. */
function publicAddress(lines: string[]): Finding[] {
  for (let i = 0; i < lines.length; i++) {
    const command = lines[i].length < 400 ? withoutPrompt(lines[i]) : '';
    const m = MY_IP.exec(command);
    if (!m) continue;
    const rest = command.slice(m.index + m[0].length);
    const urlRest = /^\S*/.exec(rest)![0];
    if (looksUpGivenAddress(urlRest)) continue;
    // The answer on the command's own line, after the command ("curl -s https://api.ipify.org  198.51.100.33").
    const printed = [rest.slice(urlRest.length)];
    for (let j = i + 1; j < lines.length && j <= i + 7; j++) {
      // The next command, or an error (a timeout, a name that did not resolve): what follows is not this command's answer.
      if (isPrompt(lines[j]) || SHELL_PROMPT.test(lines[j]) || FAILURE.test(lines[j]) || NO_ANSWER.test(lines[j])) break;
      printed.push(lines[j]);
    }
    for (const line of printed) {
      const ip = answerIn(line);
      if (ip && !isPrivateAddress(ip) && !isExchangeOnlineAddress(ip))
        return [finding('sender-ip', ip, `${lines[i].trim()}\n${line.trim()}`, 'command-transcript', { role: 'stated-now' })];
    }
  }
  return [];
}

export const commandTranscriptExtractor: Extractor = {
  name: 'command-transcript',
  extract({ lines, lower }) {
    const imports = lower.includes('import-certificate') || lower.includes('-addstore');
    const myIp = /ifconfig\.|ipinfo\.io|ipify|icanhazip|checkip\.|ipecho|wtfismyip/.test(lower);
    return [...(imports ? importsApplied(lines) : []), ...(myIp ? publicAddress(lines) : [])];
  },
};
