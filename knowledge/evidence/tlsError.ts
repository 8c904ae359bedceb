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

export const tlsErrorExtractor: Extractor = {
  name: 'tls-error',
  extract({ lines, lower }) {
    if (
      !/untrustedroot|credentials|tlscertificatename|validation failure|subjectmismatch|starttls|authentication failure|tls-kanal/.test(
        lower,
      )
    )
      return [];
    const out: Finding[] = [];
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
