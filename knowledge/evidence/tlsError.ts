/**
 * TLS and certificate failure reasons, in any log line or prose:
 * `454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied` (event 2004
 * as Exchange logs it; older texts and forum posts say "Unable to establish a suitable TLS channel",
 * Microsoft's German article translates it as "Konnte keinen geeigneten TLS-Kanal einrichten"),
 * `TLS negotiation failed with error UnknownCredentials`, `... NoCredentials`,
 * `The certificate specified in TlsCertificateName of the SendConnector could not be found`,
 * `454 4.7.5 Certificate Validation Failure`, `[Message=SubjectMismatch]`,
 * `STARTTLS is required to send mail`, `454 4.7.0 Temporary authentication failure`.
 * `454 4.7.5 Certificate Validation Failure` has a direction: in an on-premises queue or NDR
 * ("Primary target IP address responded with", "Remote Server returned") the remote side refused
 * our certificate; elsewhere (the on-premises receive side) we refused the remote one.
 */
import { around, finding, type Extractor } from './extractor';
import type { Finding } from '../types';

interface Pattern {
  test: RegExp;
  kind: string;
  value: string;
}

const QUEUED = /responded with|returned|LastError|Remoteserver hat|zurückgegeben/i;
// Order matters: the first pattern that matches a line wins for that line's UntrustedRoot.
const PATTERNS: Pattern[] = [
  {
    test: /(?:suitable|appropriate) TLS channel:? ?UntrustedRoot|geeigneten TLS-Kanal[^\n]{0,40}UntrustedRoot|454[ -]4\.7\.0[^\n]{0,80}UntrustedRoot/i,
    kind: 'tls-error',
    value: 'untrusted-root-send',
  },
  { test: /TLS negotiation failed with error UnknownCredentials/i, kind: 'tls-error', value: 'unknown-credentials' },
  { test: /TLS negotiation failed with error NoCredentials/i, kind: 'tls-error', value: 'no-credentials' },
  {
    test: /TlsCertificateName of the Send ?Connector could not be found|TlsCertificateName des Sendeconnectors[^\n]{0,40}nicht gefunden/i,
    kind: 'tls-error',
    value: 'send-connector-certificate-not-found',
  },
  { test: /4\.7\.5 Certificate Validation Failure/i, kind: 'tls-error', value: 'receive-certificate-validation-failure' },
  { test: /SubjectMismatch/, kind: 'tls-error', value: 'subject-mismatch' },
  { test: /STARTTLS is required/i, kind: 'tls-error', value: 'starttls-required' },
  { test: /Temporary authentication failure/i, kind: 'auth-error', value: 'temporary-authentication-failure' },
];

// "TLS 1.2 ist bei der Härtung deaktiviert", "we disabled TLS 1.2": the sender cannot offer TLS 1.2 (the
// gap may not name another TLS version or negate: "TLS 1.2 is on, TLS 1.0 is disabled" is not it).
const GAP = String.raw`(?:(?!TLS|nicht|not\b|n't)[^.\n,;]){0,30}?`;
const TLS12_OFF = new RegExp(
  String.raw`\bTLS ?(?:v?1\.2|1_2)\b${GAP}\b(?:deaktiviert|disabled|abgeschaltet|ausgeschaltet|turned off|switched off)\b|\b(?:disabled|deactivated|deaktivierten?)\s+TLS ?1\.2\b`,
  'i',
);
const TLS12_ON = new RegExp(String.raw`\bTLS ?(?:v?1\.2|1_2)\b${GAP}\b(?:aktiviert|enabled|eingeschaltet|turned on)\b`, 'i');

/** What the user says about TLS 1.2 on the sender (weighed by the TLS-version cause). */
function tls12Setting(line: string): Finding | undefined {
  const off = TLS12_OFF.exec(line);
  if (off) return finding('tls-config', 'tls12-disabled', around(line, off.index), 'tls-error');
  const on = TLS12_ON.exec(line);
  // "deaktiviert" ends in "aktiviert": the word boundary keeps them apart.
  return on ? finding('tls-config', 'tls12-enabled', around(line, on.index), 'tls-error') : undefined;
}

export const tlsErrorExtractor: Extractor = {
  name: 'tls-error',
  extract({ lines, lower }) {
    const setting = lower.includes('tls') ? lines.map(tls12Setting).filter((f): f is Finding => f !== undefined) : [];
    if (
      !/untrustedroot|credentials|tlscertificatename|validation failure|subjectmismatch|starttls|authentication failure|tls-kanal/.test(
        lower,
      )
    )
      return setting;
    const out: Finding[] = [...setting];
    for (const line of lines) {
      let untrustedRootExplained = false;
      for (const p of PATTERNS) {
        const m = p.test.exec(line);
        if (m) {
          // In our own queue or NDR the remote side refused our certificate; elsewhere we refused theirs.
          const value =
            p.value === 'receive-certificate-validation-failure' && QUEUED.test(line.slice(Math.max(0, m.index - 120), m.index))
              ? 'remote-refused-certificate'
              : p.value;
          out.push(finding(p.kind, value, around(line, m.index), 'tls-error'));
          if (
            p.value === 'untrusted-root-send' ||
            p.value === 'receive-certificate-validation-failure' ||
            p.value === 'remote-refused-certificate'
          )
            untrustedRootExplained = true;
        }
      }
      // A bare UntrustedRoot (prose, send log, event 11005) is weak evidence on its own.
      const bare = /UntrustedRoot/i.exec(line);
      if (!untrustedRootExplained && bare) out.push(finding('tls-error', 'untrusted-root', around(line, bare.index), 'tls-error'));
    }
    return out;
  },
};
