/**
 * What new evidence changed: a case snapshot before the turn and after it, compared. The bot then
 * says in one line that nothing changed instead of repeating a card, or names what the upload or
 * paste filled in ("The certificate shows the missing issuer: Fabrikam TLS RSA CA 2024 ...") above
 * the updated answer. Only plain data and the knowledge core; no Bot Framework here.
 */
import { commandValues, type Diagnosis, findArticle, type Language, MATCH_THRESHOLD } from '../knowledge';
import { type StringKey, t } from './strings';

/** The values a reader notices in steps and commands, most telling first (the issuer by its name, not its whole DN). */
const REPORTED = [
  'missingIssuerCN',
  'missingIssuerUrl',
  'intermediateFilePath',
  'connectorName',
  'senderIp',
  'untrustedThumbprint',
  'trustedThumbprint',
  'untrustedIssuer',
  'fqdn',
  'remainingServices',
  'endEntity',
] as const;
/** Below this the answer card carries render()'s low-confidence notice (knowledge/render/render.ts). */
const LOW_CONFIDENCE_PERCENT = Math.round(MATCH_THRESHOLD * 100);
/** At most this many values are named in the line above an updated answer; the card has them all. */
const MAX_NAMED = 3;
type ReportedValue = (typeof REPORTED)[number];

export interface CaseSnapshot {
  verdict: Diagnosis['verdict'];
  article: string | null;
  questionId?: string;
  /** Whole percent, as the card shows it. */
  percent: number;
  /** Command values taken from the user's evidence (placeholders and article defaults left out). */
  values: Partial<Record<ReportedValue, string>>;
}

/** What the commands say with no evidence at all (placeholders, article defaults): fixed per language. */
const defaultValues = new Map<Language, Readonly<Record<string, string>>>();

function defaultsFor(language: Language): Readonly<Record<string, string>> {
  let defaults = defaultValues.get(language);
  if (!defaults) {
    defaults = Object.freeze({ ...commandValues([], language).values });
    defaultValues.set(language, defaults);
  }
  return defaults;
}

export function caseSnapshot(diagnosis: Diagnosis, language: Language): CaseSnapshot {
  let values: CaseSnapshot['values'] | undefined;
  return {
    verdict: diagnosis.verdict,
    article: diagnosis.article,
    questionId: diagnosis.verdict === 'ask' ? diagnosis.question?.id : undefined,
    percent: Math.round(diagnosis.confidence * 100),
    // Worked out when first read: only two answers are compared by their values (compareSnapshots),
    // and a first reply or a question reads none.
    get values() {
      return (values ??= reportedValues(diagnosis, language));
    },
  };
}

function reportedValues(diagnosis: Diagnosis, language: Language): CaseSnapshot['values'] {
  const filled = commandValues(diagnosis.findings, language);
  const defaults = defaultsFor(language);
  const values: CaseSnapshot['values'] = {};
  for (const name of REPORTED) {
    const value = filled.values[name];
    if (value !== undefined && !filled.unknown.has(name) && value !== defaults[name]) values[name] = value;
  }
  return values;
}

export type Update =
  /** Nothing a reader would notice changed. */
  | { kind: 'unchanged' }
  /** Same answer, only the confidence moved; `resend` when it crossed the low-confidence line (the card's notice changes). */
  | { kind: 'supports'; before: number; after: number; resend: boolean }
  /** Same answer, new names, thumbprints, URLs or file names in its steps and commands. */
  | { kind: 'filled'; changes: Array<{ name: ReportedValue; value: string; old?: string }>; before: number; after: number }
  /** Another verdict, article or question: a new reply. */
  | { kind: 'changed' };

export function compareSnapshots(before: CaseSnapshot, after: CaseSnapshot): Update {
  if (before.verdict !== after.verdict || before.article !== after.article || before.questionId !== after.questionId)
    return { kind: 'changed' };
  const changes =
    after.verdict === 'match'
      ? REPORTED.filter((name) => after.values[name] !== undefined && after.values[name] !== before.values[name]).map((name) => ({
          name,
          value: after.values[name] as string,
          old: before.values[name],
        }))
      : [];
  if (changes.length) return { kind: 'filled', changes, before: before.percent, after: after.percent };
  if (after.verdict === 'match' && after.percent !== before.percent) {
    const resend = before.percent < LOW_CONFIDENCE_PERCENT !== after.percent < LOW_CONFIDENCE_PERCENT;
    return { kind: 'supports', before: before.percent, after: after.percent, resend };
  }
  return { kind: 'unchanged' };
}

/** Where the new evidence came from, for "The certificate shows ...". */
export type EvidenceSource = 'certificate' | 'file' | 'message';

/** "KB 3212877" for an article id. */
export function kbOf(article: string | null): string {
  return findArticle(article)?.kb ?? article ?? '';
}

/** The sentence that goes above an updated answer ('filled'), or the one line that replaces it. */
export function describeUpdate(
  update: Update,
  after: CaseSnapshot,
  language: Language,
  source: EvidenceSource,
  newEvidence: boolean,
): string | undefined {
  const kb = kbOf(after.article);
  switch (update.kind) {
    case 'unchanged':
      if (after.verdict === 'ask') return t(language, newEvidence ? 'update.unchangedQuestion' : 'update.nothingNewQuestion');
      if (after.verdict === 'match') return t(language, newEvidence ? 'update.unchanged' : 'update.nothingNew', { kb });
      return undefined;
    case 'supports':
      return t(language, 'update.supports', { kb, before: update.before, after: update.after });
    case 'filled': {
      const items = update.changes.slice(0, MAX_NAMED).map(({ name, value, old }) => {
        const phrase = t(language, `update.value.${name}` as StringKey, { value });
        return old ? t(language, 'update.was', { value: phrase, old }) : phrase;
      });
      const list = items.join('; ');
      const lines = [t(language, 'update.filled', { source: t(language, `update.source.${source}` as StringKey), list })];
      if (update.after !== update.before) lines.push(t(language, 'card.confidence', { percent: `${update.before} → ${update.after}` }));
      return lines.join(' ');
    }
    case 'changed':
      return undefined;
  }
}
