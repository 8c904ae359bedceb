/**
 * The case as the desk shows it: the view of bot/escalation/caseView.ts with every finding and
 * certificate problem labelled in words in both desk languages ("The server presents only its own
 * certificate, without intermediates"), so no agent reads an internal id such as
 * "chain-incomplete". The id stays alongside for tools.
 */
import type { Language } from '../../knowledge/types';
import { findingLabel } from '../../knowledge/render/catalogue';

const LANGUAGES: Language[] = ['en', 'de'];

export type Labels = Record<Language, string>;

/** Context the answer's catalogue leaves unlabelled (it explains nothing alone), in the desk's words. */
const CONTEXT: Record<string, Labels> = {
  'input-format': { en: 'What was pasted: {value}', de: 'Eingefügt wurde: {value}' },
  'host-name': { en: 'Host name: {value}', de: 'Hostname: {value}' },
  'certificate-listing': { en: 'A certificate listing', de: 'Eine Zertifikatsliste' },
  answer: { en: 'Answered a question', de: 'Eine Frage beantwortet' },
};

/** The words for a finding; "kind: value" only for a kind nobody has words for (never empty). */
export function labelsOf(kind: string, value: string): Labels {
  const labels = {} as Labels;
  for (const language of LANGUAGES)
    labels[language] =
      findingLabel(kind, value, language) ??
      CONTEXT[kind]?.[language].replace('{value}', value) ??
      findingLabel(kind, '', language) ??
      (value ? `${kind}: ${value}` : kind);
  return labels;
}

interface LabelledFinding {
  kind?: unknown;
  value?: unknown;
  label?: Labels;
}

interface LabelledCertificate {
  problems?: unknown;
  problemLabels?: Labels[];
}

export function labelledView(view: Record<string, unknown>): Record<string, unknown> {
  const summary = view.summary as { findings?: unknown; certificates?: unknown } | undefined;
  if (!summary || typeof summary !== 'object') return view;
  const findings = Array.isArray(summary.findings)
    ? (summary.findings as LabelledFinding[]).map((finding) =>
        typeof finding?.kind === 'string'
          ? { ...finding, label: labelsOf(finding.kind, typeof finding.value === 'string' ? finding.value : '') }
          : finding,
      )
    : summary.findings;
  const certificates = Array.isArray(summary.certificates)
    ? (summary.certificates as LabelledCertificate[]).map((certificate) =>
        Array.isArray(certificate?.problems)
          ? { ...certificate, problemLabels: (certificate.problems as unknown[]).map((problem) => labelsOf(String(problem), '')) }
          : certificate,
      )
    : summary.certificates;
  return { ...view, summary: { ...summary, findings, certificates } };
}
