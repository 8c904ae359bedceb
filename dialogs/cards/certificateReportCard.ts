import type { CertificateAnalysis, CertificateReport, ChainReport } from '../../knowledge/certificates/types';
import type { Language } from '../../knowledge/types';
import { formatDay } from '../../knowledge/language';
import { type StringKey, t } from '../strings';
import { type AdaptiveCard, type CardElement, card, clip, facts, fitsBudget, submit, text } from './adaptive';

const MAX_CERTIFICATES = 6;

function problemLabel(language: Language, kind: string): string {
  const key = `cert.problem.${kind}` as StringKey;
  const label = t(language, key);
  return label === key ? kind : label;
}

function chainLine(language: Language, chain: ChainReport): string {
  const status = t(language, `cert.chain.${chain.status}` as StringKey, { missing: chain.missingIssuer ?? '?', root: chain.root ?? '?' });
  const urls = (chain.missingIssuerUrls ?? []).filter((url) => /^https?:\/\//i.test(url)).slice(0, 2);
  return urls.length ? `${status}. ${t(language, 'cert.chain.download', { url: urls.join(', ') })}` : status;
}

function certificateBlock(language: Language, report: CertificateReport, chain: ChainReport | undefined, namesShown: number): CardElement {
  const names = report.subjectAltNames.slice(0, namesShown).join(', ') + (report.subjectAltNames.length > namesShown ? ', …' : '');
  const entries: Array<[string, string]> = [
    [t(language, 'cert.subject'), clip(report.subject, 200)],
    [t(language, 'cert.issuer'), clip(report.issuer, 200)],
    [t(language, 'cert.thumbprint'), report.thumbprint],
    [
      t(language, 'cert.validity'),
      t(language, 'cert.validityRange', { from: formatDay(report.notBefore, language), to: formatDay(report.notAfter, language) }),
    ],
  ];
  if (names) entries.push([t(language, 'cert.names'), names]);
  entries.push([t(language, 'cert.eku'), t(language, report.serverAuthEku ? 'cert.yes' : 'cert.no')]);
  if (chain) entries.push([t(language, 'cert.chain'), chainLine(language, chain)]);
  const problems = report.problems.length
    ? `${t(language, 'cert.problems')}: ${report.problems.map((kind) => problemLabel(language, kind)).join(', ')}`
    : t(language, 'cert.noProblems');
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text(report.fileName, { weight: 'Bolder' }),
      facts(entries),
      text(problems, { color: report.problems.length ? 'Attention' : 'Good', spacing: 'Small' }),
    ],
  };
}

/** Chain, trust, names, validity and thumbprints of every certificate the user uploaded. */
export function buildCertificateReportCard(analysis: CertificateAnalysis, language: Language, fileNotes: string[] = []): AdaptiveCard {
  const build = (namesShown: number, certificates: number) => {
    const body: CardElement[] = [text(t(language, 'cert.title'), { size: 'Large', weight: 'Bolder' })];
    if (!analysis.certificates.length) body.push(text(t(language, 'cert.none')));
    for (const report of analysis.certificates.slice(0, certificates)) {
      const chain = analysis.chains.find((candidate) => candidate.path[0] === report.thumbprint);
      body.push(certificateBlock(language, report, chain, namesShown));
    }
    for (const note of fileNotes.slice(0, 10)) body.push(text(clip(note, 400), { color: 'Attention', spacing: 'Small' }));
    const speak = [
      t(language, 'cert.title'),
      ...analysis.certificates
        .slice(0, 3)
        .map(
          (report) =>
            `${report.fileName}: ${report.problems.length ? report.problems.map((kind) => problemLabel(language, kind)).join(', ') : t(language, 'cert.noProblems')}`,
        ),
    ].join('. ');
    return { ...card(body, [submit(t(language, 'button.handoff'), { action: 'handoff' })], language), speak };
  };
  // Smaller and smaller until it fits Teams' message size limit (names and whole certificates go first).
  let built = build(10, MAX_CERTIFICATES);
  for (const [names, certificates] of [
    [3, 3],
    [1, 1],
    [0, 1],
  ] as const) {
    if (fitsBudget(built)) break;
    built = build(names, certificates);
  }
  return built;
}
