/**
 * Findings that only the combination of inputs reveals (a paste of the connector, another of the
 * certificates, perhaps in different turns): the inbound connector's TlsSenderCertificateName
 * compared with the names of the certificates the conversation has seen.
 */
import type { Finding } from '../types';
import { finding } from './extractor';
import { nameCovers as covers } from './hostNameMatch';


/** Names of certificates that the findings show the sending server using or holding with SMTP. */
function certificateNames(findings: Finding[]): string[] {
  const names: string[] = [];
  for (const f of findings) {
    const role = f.data?.role;
    if (f.kind === 'host-name' && (role === 'sending-certificate' || role === 'certificate-subject')) names.push(f.value);
    if (f.kind === 'certificate-listing') {
      const services = f.data?.services;
      if (Array.isArray(services) && !services.some((s) => s.toUpperCase() === 'SMTP')) continue;
      const subject = typeof f.data?.subject === 'string' ? /CN\s*=\s*([^,]{1,253})/i.exec(f.data.subject)?.[1] : undefined;
      if (subject) names.push(subject.trim().toLowerCase());
      if (Array.isArray(f.data?.domains)) names.push(...f.data.domains.map((d) => String(d).toLowerCase()));
    }
  }
  return names.filter((n) => n.includes('.'));
}

export function correlate(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const connector = findings.find((f) => f.kind === 'connector' && typeof f.data?.tlsSenderCertificateName === 'string');
  if (connector && !findings.some((f) => f.kind === 'connector-certificate-name-mismatch')) {
    const expected = String(connector.data!.tlsSenderCertificateName).toLowerCase();
    const names = certificateNames(findings);
    if (names.length > 0 && !names.some((n) => covers(n, expected) || covers(expected, n))) {
      out.push(finding('connector-certificate-name-mismatch', expected, connector.excerpt, 'correlation', { expected, seen: names.slice(0, 10) }));
    }
  }
  return out;
}
