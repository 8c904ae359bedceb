/**
 * One separating question. Each option appears once: its button (numbered, short label) with the
 * full option and how to check it right below. "I don't know" and "Talk to a person" close the
 * card in both languages; what was found so far is behind a toggle.
 */
import type { Language, RenderedQuestion } from '../../knowledge/types';
import { DONT_KNOW_OPTION } from '../../knowledge';
import { t } from '../strings';
import { type AdaptiveCard, type CardElement, card, cardKey, clip, fitsBudget, labelled, submit, text } from './adaptive';
import { evidenceBlocks } from './answerCard';
import { detailSections } from './detailSections';

/** Longest option and check texts, tried in turn until the card fits Teams' size limit. */
const TEXT_BUDGETS = [Infinity, 600, 200];

export function buildQuestionCard(reply: RenderedQuestion, language: Language, key: string = cardKey()): AdaptiveCard {
  let built = buildWithBudget(reply, language, key, TEXT_BUDGETS[0]);
  for (const budget of TEXT_BUDGETS.slice(1)) {
    if (fitsBudget(built)) break;
    built = buildWithBudget(reply, language, key, budget);
  }
  return built;
}

function buildWithBudget(reply: RenderedQuestion, language: Language, key: string, maxChars: number): AdaptiveCard {
  const answerData = (optionId: string) => ({ action: 'answer', questionId: reply.questionId, optionId });
  const body: CardElement[] = [text(clip(reply.text, Math.max(maxChars, 400)), { weight: 'Bolder', size: 'Medium' })];
  const options = reply.options.filter((option) => option.id !== DONT_KNOW_OPTION);
  options.forEach((option, index) => {
    const items: CardElement[] = [{ type: 'ActionSet', actions: [submit(`${index + 1}. ${option.label}`, answerData(option.id))] }];
    if (option.text.trim() !== option.label.trim()) items.push(text(clip(option.text, maxChars), { spacing: 'Small' }));
    const check = option.howToCheck?.trim();
    if (check)
      items.push(
        labelled(`${t(language, 'question.howToCheck')}:`, clip(check, maxChars), { isSubtle: true, size: 'Small', spacing: 'Small' }),
      );
    body.push({ type: 'Container', spacing: 'Medium', items });
  });
  body.push(text(t(language, 'question.typeHint'), { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  for (const notice of reply.notices) body.push(text(notice, { color: 'Attention', spacing: 'Small' }));
  if (reply.evidence.length) {
    const excerptChars = Math.min(140, maxChars);
    body.push(
      ...detailSections(
        [
          {
            name: 'found',
            title: t(language, 'question.found'),
            items: evidenceBlocks(language, reply.evidence, { evidenceItems: 4, excerptChars }),
          },
        ],
        key,
      ),
    );
  }
  const dontKnow = reply.options.find((option) => option.id === DONT_KNOW_OPTION);
  const actions: CardElement[] = [];
  if (dontKnow) actions.push(submit(dontKnow.label, answerData(dontKnow.id)));
  actions.push(submit(t(language, 'button.handoff'), { action: 'handoff' }));
  return { ...card(body, actions, language), speak: reply.text };
}
