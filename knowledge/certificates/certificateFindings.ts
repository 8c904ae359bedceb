/**
 * Turns the analysis results into findings, the currency of the diagnosis. Every finding
 * has source "certificate", an excerpt naming the certificate and its file, and data the
 * answer renderer fills commands from (thumbprints, FQDN, download URL).
 */
import type { Finding } from '../types';
import type { BuiltChain } from './buildChain';
import type { CertificateFacts } from './certificateFacts';
import type { CertificatePairReport, FileIssue } from './types';

export const FINDING_SOURCE = 'certificate';

function finding(kind: string, value: string, excerpt: string, data: Finding['data']): Finding {
  return { kind, value, excerpt, source: FINDING_SOURCE, data };
}

function label(c: CertificateFacts): string {
  return `${c.report.subject} [${c.report.thumbprint}]`;
}

/** The first AIA address an admin can open in a browser (AD CS also publishes ldap:// ones). */
export function downloadUrl(urls: readonly string[] | undefined): string | undefined {
  return urls?.find((u) => /^https?:\/\/[^\s"'<>\\]+$/i.test(u));
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

export function chainFinding(chain: BuiltChain, trustedTwin: boolean): Finding | undefined {
  const start = chain.certificates[0];
  const report = chain.report;
  const base = { endEntity: start.report.subject, thumbprint: start.report.thumbprint, fileName: start.report.fileName };
  switch (report.status) {
    case 'incomplete': {
      const missing = report.missingIssuer ?? '';
      const top = chain.top.report;
      // The public twin of a KB 2888788 pair: its missing intermediate says nothing about the server.
      if (trustedTwin && report.internalReasons.length === 0) return undefined;
      // The issuer was not given, so its root was never seen: report the incomplete chain (with
      // the issuer's AIA address), never an "untrusted root". That the issuer looks internal is a
      // separate finding (internalIssuerFinding).
      return finding('chain-incomplete', missing, `${top.subject} issued by ${missing} (not supplied) — file ${top.fileName}`, {
        ...base,
        missingIssuer: missing,
        aiaUrl: downloadUrl(top.aiaIssuerUrls),
        topCertificate: top.subject,
        chainLength: report.path.length,
      });
    }
    case 'untrusted-root':
      return finding(
        'untrusted-root',
        report.root ?? '',
        `${start.report.subject} chains to ${report.root} (not publicly trusted) — file ${start.report.fileName}`,
        { ...base, root: report.root, basis: 'chain', reasons: report.internalReasons },
      );
    case 'self-signed':
      return finding('self-signed', start.report.thumbprint, `${start.report.subject} is self-signed — file ${start.report.fileName}`, {
        ...base,
        subject: start.report.subject,
      });
    default:
      return undefined;
  }
}

/** An incomplete chain whose missing issuer's name looks like an enterprise CA: Exchange Online will not trust it, whatever intermediates are sent. */
export function internalIssuerFinding(chain: BuiltChain): Finding | undefined {
  const report = chain.report;
  if (report.status !== 'incomplete' || report.internalReasons.length === 0) return undefined;
  const start = chain.certificates[0].report;
  const missing = report.missingIssuer ?? '';
  return finding(
    'issuer-looks-internal',
    missing,
    `${chain.top.report.subject} issued by ${missing} (internal CA by its name: ${report.internalReasons.join(', ')}; chain not verified) — file ${chain.top.report.fileName}`,
    {
      endEntity: start.subject,
      thumbprint: start.thumbprint,
      fileName: start.fileName,
      issuer: missing,
      reasons: report.internalReasons,
      aiaUrl: downloadUrl(chain.top.report.aiaIssuerUrls),
    },
  );
}

/** The names a server certificate covers (subject CN and DNS SANs): compared with the inbound connector's TlsSenderCertificateName. */
export function certificateNamesFinding(c: CertificateFacts): Finding {
  const r = c.report;
  return finding('certificate-names', r.thumbprint, `${label(c)} — file ${r.fileName}`, {
    subject: r.subject,
    issuer: r.issuer,
    thumbprint: r.thumbprint,
    fileName: r.fileName,
    names: [...new Set([...(r.commonName ? [r.commonName.toLowerCase()] : []), ...c.names.ordered])].slice(0, 50),
  });
}

export function validityFindings(c: CertificateFacts, now: Date, soonDays: number): Finding[] {
  const r = c.report;
  const data = { subject: r.subject, thumbprint: r.thumbprint, fileName: r.fileName, notBefore: r.notBefore, notAfter: r.notAfter };
  if (c.notAfter.getTime() < now.getTime()) {
    // An expired CA certificate in a bundle (an old cross-sign, a replaced intermediate) is not the server's certificate expiring.
    if (r.isCA) return [finding('ca-expired', r.thumbprint, `${label(c)} (CA) expired ${day(r.notAfter)} — file ${r.fileName}`, data)];
    return [finding('expired', r.thumbprint, `${label(c)} expired ${day(r.notAfter)} — file ${r.fileName}`, data)];
  }
  if (c.notBefore.getTime() > now.getTime()) {
    return [finding('not-yet-valid', r.thumbprint, `${label(c)} valid from ${day(r.notBefore)} — file ${r.fileName}`, data)];
  }
  const days = Math.floor((c.notAfter.getTime() - now.getTime()) / 86_400_000);
  if (days <= soonDays) {
    return [
      finding('expires-soon', r.thumbprint, `${label(c)} expires ${day(r.notAfter)} (${days} days) — file ${r.fileName}`, {
        ...data,
        days,
      }),
    ];
  }
  return [];
}

export function weakSignatureFinding(c: CertificateFacts, reason: 'signature' | 'key-size'): Finding {
  const r = c.report;
  const what = reason === 'signature' ? `signed with ${r.signatureAlgorithm}` : `${r.keySize}-bit ${r.keyAlgorithm} key`;
  return finding('weak-signature', r.thumbprint, `${label(c)} ${what} — file ${r.fileName}`, {
    subject: r.subject,
    thumbprint: r.thumbprint,
    fileName: r.fileName,
    reason,
    algorithm: r.signatureAlgorithm,
    keySize: r.keySize,
  });
}

export function noServerAuthFinding(c: CertificateFacts): Finding {
  const r = c.report;
  return finding('no-server-auth-eku', r.thumbprint, `${label(c)} has no Server Authentication EKU — file ${r.fileName}`, {
    subject: r.subject,
    thumbprint: r.thumbprint,
    fileName: r.fileName,
  });
}

export function nameMismatchFinding(host: string, certificates: CertificateFacts[]): Finding {
  const names = certificates.flatMap((c) => c.names.ordered.slice(0, 10)).slice(0, 20);
  return finding('name-mismatch', host, `${host} is not among the names ${names.join(', ')}`, {
    host,
    names,
    thumbprints: certificates.map((c) => c.report.thumbprint),
  });
}

const TRUSTED_CHAIN_WORDS: Record<NonNullable<CertificatePairReport['trustedChain']>, string> = {
  verified: 'chain verified to a public root',
  'issuer-looks-public': "its issuer's name looks like a public CA (chain not verified)",
  'not-verified': 'chain not verified',
};

/**
 * Two uploaded certificates cover one name, one from an internal CA. Files carry no service
 * assignment, so this is not "bound to SMTP": if both are enabled for SMTP, Exchange can use
 * the internal one (KB 2888788).
 */
export function pairFinding(pair: CertificatePairReport, untrusted: CertificateFacts): Finding {
  const trustedChain = TRUSTED_CHAIN_WORDS[pair.trustedChain ?? 'not-verified'];
  return finding(
    'uploaded-certificate-pair',
    pair.fqdn,
    `${pair.fqdn}: ${pair.trustedSubject ?? ''} [${pair.trustedThumbprint}] (${trustedChain}) and ${pair.untrustedSubject} [${pair.untrustedThumbprint}] from ${pair.untrustedIssuer} (internal CA) — file ${untrusted.report.fileName}`,
    { ...pair },
  );
}

/** An internal-CA server certificate and no public certificate for any of its names among the files. */
export function internalWithoutTwinFinding(c: CertificateFacts): Finding {
  const r = c.report;
  return finding(
    'internal-certificate-without-public-twin',
    r.commonName ?? r.thumbprint,
    `${label(c)} from ${r.issuer}, no public certificate for its names — file ${r.fileName}`,
    {
      subject: r.subject,
      issuer: r.issuer,
      thumbprint: r.thumbprint,
      fileName: r.fileName,
    },
  );
}

export function fileIssueFinding(issue: FileIssue): Finding | undefined {
  if (issue.kind === 'too-many-certificates') return undefined;
  if (issue.kind === 'private-key-present') {
    return finding('private-key-present', issue.fileName, `${issue.fileName} contains a private key (not read, not stored)`, {
      fileName: issue.fileName,
    });
  }
  return finding('not-a-certificate', issue.fileName, `${issue.fileName}: ${issue.message.en}`, {
    fileName: issue.fileName,
    reason: issue.kind,
  });
}
