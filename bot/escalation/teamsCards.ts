/**
 * The case card in the Teams agents' conversation: the worked-up summary (verdict, candidates,
 * findings with excerpts, certificates, questions, last messages) and what can be done now: *Take
 * case* while queued, "Taken by <name>" with *Hand back* and *Close* once taken, "Closed" at the
 * end. Text goes in TextRuns (never Markdown-processed: no link or markup injection from user
 * text), and the card shrinks until it fits Teams' message size.
 */
import type { Language } from '../../knowledge/types';
import type { CaseSummary } from '../../dialogs/ports';
import {
  type AdaptiveCard,
  type CardElement,
  card,
  clip,
  facts,
  fitsBudget,
  heading,
  openUrl,
  submit,
  text,
} from '../../dialogs/cards/adaptive';
import { type StringKey, t } from '../../dialogs/strings';
import type { CaseRecord } from '../cases/caseStore';
import { detailsOf } from './details';

export type AgentCardAction = 'desk-take' | 'desk-release' | 'desk-close';

interface Budget {
  findings: number;
  excerpt: number;
  certificates: number;
  transcript: number;
}

const BUDGETS: Budget[] = [
  { findings: 8, excerpt: 160, certificates: 4, transcript: 6 },
  { findings: 4, excerpt: 80, certificates: 2, transcript: 3 },
  { findings: 2, excerpt: 40, certificates: 1, transcript: 0 },
];

/** "85%", German "85 %", as the chat writes it. */
const percentIn = (language: Language) => (value: number | undefined) =>
  t(language, 'agent.percent', { percent: Math.round((value ?? 0) * 100) });

/** What the card shows: when this differs from the card's last version, it is updated. */
export function cardStateKey(record: CaseRecord): string {
  return `${record.status}:${record.status === 'assigned' ? (record.assignedTo?.id ?? '') : ''}`;
}

function build(record: CaseRecord, language: Language, budget: Budget, deskUrl: string | undefined): AdaptiveCard {
  const summary = (record.summary ?? {}) as Partial<CaseSummary>;
  const details = detailsOf(record);
  const percent = percentIn(language);
  const body: CardElement[] = [
    text(t(language, 'agent.card.title', { caseId: record.id }), { size: 'Large', weight: 'Bolder' }),
    text(
      t(language, 'agent.card.meta', {
        language: t(language, `language.name.${record.language}` as StringKey),
        channel: record.channelId,
        time: record.createdAt.slice(0, 16).replace('T', ' '),
      }),
      { isSubtle: true, spacing: 'None' },
    ),
    text(t(language, `agent.card.trigger.${details.trigger}` as StringKey), { spacing: 'Small' }),
  ];
  const verdict = summary.answer
    ? `${summary.answer.kb}: ${summary.answer.title} (${percent(summary.confidence)})`
    : `${summary.verdict ?? '?'}${summary.lookalikes?.length ? `: ${summary.lookalikes.map((lookalike) => lookalike.title).join('; ')}` : ''}`;
  const rows: Array<[string, string]> = [[t(language, summary.answer ? 'agent.card.answer' : 'agent.card.verdict'), clip(verdict, 300)]];
  const candidates = (summary.candidates ?? []).filter((candidate) => candidate.confidence > 0).slice(0, 3);
  if (candidates.length)
    rows.push([
      t(language, 'agent.card.candidates'),
      candidates.map((candidate) => `${candidate.kb ?? candidate.article} ${percent(candidate.confidence)}`).join(', '),
    ]);
  if (details.contact) rows.push(['E-mail', details.contact.email]);
  body.push(facts(rows));
  const findings = (summary.findings ?? []).slice(0, budget.findings);
  if (findings.length) {
    body.push(heading(t(language, 'agent.card.findings')));
    for (const finding of findings) {
      body.push(text(`• ${clip(`${finding.kind} ${finding.value}`, 120)}`, { spacing: 'None' }));
      if (finding.excerpt)
        body.push(
          text(clip(finding.excerpt.replace(/\s+/g, ' '), budget.excerpt), {
            fontType: 'Monospace',
            size: 'Small',
            isSubtle: true,
            spacing: 'None',
          }),
        );
    }
  }
  const certificates = (summary.certificates ?? []).slice(0, budget.certificates);
  if (certificates.length) {
    body.push(heading(t(language, 'agent.card.certificates')));
    for (const certificate of certificates) {
      const status = [certificate.chainStatus, ...(certificate.problems ?? [])].filter(Boolean).join(', ');
      body.push(
        text(`• ${clip(certificate.subject, 120)} · ${certificate.thumbprint}${status ? ` · ${status}` : ''}`, { spacing: 'None' }),
      );
    }
  }
  const transcript = ((record.transcript ?? []) as Array<{ from?: string; text?: string }>).slice(-budget.transcript);
  if (transcript.length) {
    body.push(heading(t(language, 'agent.card.transcript')));
    for (const line of transcript)
      body.push(
        text(clip(`${line.from === 'user' ? '>' : '<'} ${String(line.text ?? '').replace(/\s+/g, ' ')}`, 200), {
          spacing: 'None',
          size: 'Small',
        }),
      );
  }
  const actions: CardElement[] = [];
  if (record.status === 'queued') {
    actions.push(submit(t(language, 'agent.card.take'), { action: 'desk-take', caseId: record.id }));
  } else if (record.status === 'assigned') {
    body.push(
      text(t(language, 'agent.card.takenBy', { agent: record.assignedTo?.name ?? '?' }), {
        weight: 'Bolder',
        color: 'Good',
        spacing: 'Medium',
      }),
    );
    actions.push(
      submit(t(language, 'agent.card.release'), { action: 'desk-release', caseId: record.id }),
      submit(t(language, 'agent.card.close'), { action: 'desk-close', caseId: record.id }),
    );
  } else {
    body.push(text(t(language, 'agent.card.closed'), { weight: 'Bolder', spacing: 'Medium' }));
  }
  if (deskUrl && /^https:\/\//.test(deskUrl)) actions.push(openUrl(t(language, 'agent.card.openDesk'), deskUrl));
  return card(body, actions, language);
}

export function buildAgentCaseCard(record: CaseRecord, language: Language, deskUrl?: string): AdaptiveCard {
  let built = build(record, language, BUDGETS[0], deskUrl);
  for (const budget of BUDGETS.slice(1)) {
    if (fitsBudget(built)) break;
    built = build(record, language, budget, deskUrl);
  }
  return built;
}

/** A card action from the agents' conversation, validated (anything else is ignored). */
export function parseAgentAction(value: unknown): { action: AgentCardAction; caseId: string } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const action = record.action;
  const caseId = record.caseId;
  if (
    (action === 'desk-take' || action === 'desk-release' || action === 'desk-close') &&
    typeof caseId === 'string' &&
    /^[A-Za-z0-9-]{1,40}$/.test(caseId)
  ) {
    return { action, caseId };
  }
  return undefined;
}
