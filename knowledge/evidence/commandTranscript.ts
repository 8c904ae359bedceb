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
 */
import { finding, type Extractor } from './extractor';
import { isPrivateAddress } from './ipRange';
import type { Finding } from '../types';

const PROMPT_LINE = /^\s{0,4}(?:(?:\[PS\]\s{0,2}|PS\s{0,2})(?:[A-Za-z]:\\[^>\n]{0,200})?>|[A-Za-z]:\\[^>\n]{0,200}>)/;
// Into the intermediate store: Cert:\LocalMachine\CA (Import-Certificate) or the store "CA" (certutil -addstore).
const IMPORT_TO_CA =
  /\bImport-Certificate\b[^\n]{0,300}?-CertStoreLocation\s{1,3}["']?Cert:\\LocalMachine\\CA\b|\bcertutil(?:\.exe)?\s{1,3}(?:-f\s{1,3}|-enterprise\s{1,3})*-addstore\s{1,3}(?:-f\s{1,3})?["']?CA["']?\s/i;
const SUCCESS =
  /PSParentPath:[^\n]{0,120}\\CA\b|^\s{0,4}[0-9A-Fa-f]{40}\s{1,10}CN\s?=|command completed successfully|Befehl wurde erfolgreich ausgeführt|erfolgreich abgeschlossen/im;
const FAILURE =
  /FullyQualifiedErrorId|CategoryInfo\s{0,10}:|\bFAILED\b|fehlgeschlagen|Access is denied|Zugriff verweigert|cannot find path|nicht gefunden/i;

// Services that answer with the caller's public address, asked with curl, wget or PowerShell.
const MY_IP =
  /^\s{0,4}(?:(?:\[PS\]\s{0,2}|PS\s{0,2})(?:[A-Za-z]:\\[^>\n]{0,200})?>\s{0,2}|[A-Za-z]:\\[^>\n]{0,200}>\s{0,2}|\$\s)?\(?(?:Invoke-RestMethod|irm|Invoke-WebRequest|iwr|curl(?:\.exe)?|wget)\b[^\n]{0,100}?\b(?:ifconfig\.me|ifconfig\.co|ipinfo\.io|api\.ipify\.org|icanhazip\.com|checkip\.amazonaws\.com|ipecho\.net|wtfismyip\.com)\b/i;
const IPV4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d.]*\d)/;

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
    if (!PROMPT_LINE.test(lines[i]) || !IMPORT_TO_CA.test(`${lines[i]} `)) continue;
    // What the command printed: the lines up to the next prompt.
    let end = i + 1;
    while (end < lines.length && end <= i + 40 && !PROMPT_LINE.test(lines[end])) end++;
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

/** The public address a "what is my IP" service printed, on the command's line or the lines below it. */
function publicAddress(lines: string[]): Finding[] {
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].length < 400 ? MY_IP.exec(lines[i]) : null;
    if (!m) continue;
    const printed = [lines[i].slice(m.index + m[0].length), ...lines.slice(i + 1, i + 8).filter((l) => !PROMPT_LINE.test(l))];
    for (const line of printed) {
      const ip = IPV4.exec(line)?.[0];
      if (ip && !isPrivateAddress(ip))
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
