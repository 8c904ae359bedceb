/**
 * Validates what an Adaptive Card Action.Submit sends back. Anything a client sends is untrusted:
 * unknown actions, wrong types or oversized values are "forged" and get a clear message.
 */
import type { Language } from '../knowledge/types';

export type SubmitValue =
  | { action: 'describe' | 'paste' | 'upload' | 'handoff' | 'help' | 'restart' | 'same-problem' }
  | { action: 'fixed' | 'still-broken'; article: string }
  | { action: 'answer'; questionId: string; optionId: string }
  | { action: 'still-broken-choice'; choice: 'same' | 'different' }
  /** The support page's language switch (sent as a postBack, not shown in the transcript). */
  | { action: 'language'; language: Language }
  | { action: 'rate'; caseId: string; score: number; comment?: string }
  | { action: 'cancel-case'; caseId: string }
  /** After an agent joined: confirm ending the chat with the agent (`confirm`), or keep it. */
  | { action: 'end-case'; caseId: string; confirm: boolean };

/** Longest rating comment kept (characters). */
export const MAX_RATING_COMMENT = 500;

const SIMPLE = new Set(['describe', 'paste', 'upload', 'handoff', 'help', 'restart', 'same-problem']);
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/;

const idField = (record: Record<string, unknown>, name: string): string | undefined => {
  const value = record[name];
  return typeof value === 'string' && ID.test(value) ? value : undefined;
};

export function parseSubmitValue(value: unknown): SubmitValue | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const action = record.action;
  if (typeof action !== 'string') return undefined;
  if (SIMPLE.has(action)) return { action } as SubmitValue;
  if (action === 'fixed' || action === 'still-broken') {
    const article = idField(record, 'article');
    return article ? { action, article } : undefined;
  }
  if (action === 'answer') {
    const questionId = idField(record, 'questionId');
    const optionId = idField(record, 'optionId');
    return questionId && optionId ? { action, questionId, optionId } : undefined;
  }
  if (action === 'language') {
    const language = record.language;
    return language === 'de' || language === 'en' ? { action, language } : undefined;
  }
  if (action === 'rate') {
    const caseId = idField(record, 'caseId');
    const score =
      typeof record.score === 'number'
        ? record.score
        : typeof record.score === 'string' && /^[1-5]$/.test(record.score)
          ? Number(record.score)
          : NaN;
    if (!caseId || !Number.isInteger(score) || score < 1 || score > 5) return undefined;
    if (record.comment !== undefined && typeof record.comment !== 'string') return undefined;
    const comment = typeof record.comment === 'string' ? record.comment.trim().slice(0, MAX_RATING_COMMENT) : '';
    return comment ? { action, caseId, score, comment } : { action, caseId, score };
  }
  if (action === 'cancel-case') {
    const caseId = idField(record, 'caseId');
    return caseId ? { action, caseId } : undefined;
  }
  if (action === 'end-case') {
    const caseId = idField(record, 'caseId');
    return caseId && typeof record.confirm === 'boolean' ? { action, caseId, confirm: record.confirm } : undefined;
  }
  if (action === 'still-broken-choice') {
    const choice = record.choice;
    return choice === 'same' || choice === 'different' ? { action, choice } : undefined;
  }
  return undefined;
}
