/**
 * The certificate report as sentences in the user's language, for the bot's report card
 * and the command line. File problems (above all a private key) come first, then what was
 * read, the chain verdicts, per-certificate problems and KB 2888788 pairs.
 */
import type { Language } from '../types';
import { formatDay } from '../language';
import { message, type CatalogueKey } from './catalogue';
import { downloadUrl } from './certificateFindings';
import type { CertificateAnalysis, CertificateReport, ChainReport } from './types';

const NAMES_SHOWN = 10;

function reasonsText(reasons: string[], language: Language): string {
  return reasons.map((r) => message(`reason.${r}` as CatalogueKey, language)).join('; ');
}

function chainLines(chain: ChainReport, language: Language): string[] {
  const subject = chain.subjects[0];
  switch (chain.status) {
    case 'complete-public':
      return [message('chain.completePublic', language, { subject, root: chain.root ?? '' })];
    case 'untrusted-root':
      return [message('chain.untrustedRoot', language, { subject, root: chain.root ?? '' })];
    case 'self-signed':
      return [message('chain.selfSigned', language, { subject })];
    case 'incomplete': {
      // The issuer was not supplied: the chain is incomplete (with the issuer's download address);
      // that the issuer's name looks internal is said separately, never as an "untrusted root".
      const missing = chain.missingIssuer ?? '';
      const url = downloadUrl(chain.missingIssuerUrls);
      const lines = [
        url
          ? message('chain.incompleteWithUrl', language, { subject, missing, url })
          : message('chain.incompleteNoUrl', language, { subject, missing }),
      ];
      if (chain.internalReasons.length > 0) {
        lines.push(message('chain.internalIssuer', language, { subject, missing, reasons: reasonsText(chain.internalReasons, language) }));
      }
      return lines;
    }
  }
}

function problemLines(c: CertificateReport, now: Date, language: Language): string[] {
  const lines: string[] = [];
  const day = (iso: string) => formatDay(iso, language);
  const subject = c.subject;
  if (c.problems.includes('expired')) lines.push(message('problem.expired', language, { subject, date: day(c.notAfter) }));
  if (c.problems.includes('ca-expired')) lines.push(message('problem.caExpired', language, { subject, date: day(c.notAfter) }));
  if (c.problems.includes('not-yet-valid')) lines.push(message('problem.notYetValid', language, { subject, date: day(c.notBefore) }));
  if (c.problems.includes('expires-soon')) {
    const days = Math.max(0, Math.floor((Date.parse(c.notAfter) - now.getTime()) / 86_400_000));
    lines.push(message('problem.expiresSoon', language, { subject, date: day(c.notAfter), days }));
  }
  if (c.problems.includes('weak-signature')) {
    lines.push(
      /sha1|md5|md2/i.test(c.signatureAlgorithm)
        ? message('problem.weakSignature', language, { subject, algorithm: c.signatureAlgorithm })
        : message('problem.weakKey', language, { subject, size: c.keySize ?? 0 }),
    );
  }
  if (c.problems.includes('no-server-auth-eku')) lines.push(message('problem.noServerAuth', language, { subject }));
  return lines;
}

function namesLine(c: CertificateReport, language: Language): string | undefined {
  if (c.subjectAltNames.length === 0) return undefined;
  const names = c.subjectAltNames.slice(0, NAMES_SHOWN).join(', ');
  const more = c.subjectAltNameCount - Math.min(NAMES_SHOWN, c.subjectAltNames.length);
  return more > 0
    ? message('report.namesMore', language, { subject: c.subject, names, more })
    : message('report.names', language, { subject: c.subject, names });
}

export function describeCertificateAnalysis(analysis: CertificateAnalysis, language: Language): string[] {
  const lines: string[] = analysis.fileIssues.map((issue) => issue.message[language]);
  const files = new Set(analysis.certificates.map((c) => c.fileName)).size;
  lines.push(
    analysis.certificates.length > 0
      ? message('report.summary', language, { count: analysis.certificates.length, files })
      : message('report.none', language),
  );
  for (const c of analysis.certificates) {
    lines.push(
      message('report.certificate', language, {
        subject: c.subject,
        issuer: c.issuer,
        thumbprint: c.thumbprint,
        notBefore: formatDay(c.notBefore, language),
        notAfter: formatDay(c.notAfter, language),
        file: c.fileName,
      }),
    );
    if (!c.isCA) {
      const names = namesLine(c, language);
      if (names) lines.push(names);
    }
  }
  for (const chain of analysis.chains) lines.push(...chainLines(chain, language));
  const now = new Date(analysis.analysedAt);
  for (const c of analysis.certificates) lines.push(...problemLines(c, now, language));
  for (const f of analysis.findings) {
    if (f.kind === 'name-mismatch') lines.push(message('problem.nameMismatch', language, { host: f.value }));
  }
  for (const pair of analysis.pairs) {
    const trusted = analysis.certificates.find((c) => c.thumbprint === pair.trustedThumbprint);
    const key =
      pair.trustedChain === 'verified'
        ? 'pair.verified'
        : pair.trustedChain === 'issuer-looks-public'
          ? 'pair.issuerLooksPublic'
          : 'pair.notVerified';
    lines.push(message(key, language, { ...pair, trustedSubject: pair.trustedSubject ?? trusted?.subject ?? pair.trustedThumbprint }));
  }
  for (const f of analysis.findings) {
    if (f.kind !== 'internal-certificate-without-public-twin') continue;
    lines.push(
      message('internal.noPublicTwin', language, {
        subject: String(f.data?.subject ?? f.value),
        thumbprint: String(f.data?.thumbprint ?? ''),
        issuer: String(f.data?.issuer ?? ''),
      }),
    );
  }
  return lines;
}
