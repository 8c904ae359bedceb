import type { Language, RenderedQuestion } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, card, submit, text } from './adaptive';
import { evidenceBlocks } from './answerCard';

/** One separating question, its options as buttons ("I don't know" comes from the engine). */
export function buildQuestionCard(reply: RenderedQuestion, language: Language): AdaptiveCard {
  const body = [
    text(reply.text, { weight: 'Bolder', size: 'Medium' }),
    // Each option with how to find out whether it is true (the "I don't know" option has none).
    ...reply.options.flatMap((option, index) => [
      text(`${index + 1}. ${option.text}`, { spacing: 'Small' }),
      ...(option.howToCheck ? [text(t(language, 'question.howToCheck', { text: option.howToCheck }), { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    ]),
    text(t(language, 'question.typeHint'), { isSubtle: true, size: 'Small' }),
  ];
  if (reply.evidence.length) body.push(text(t(language, 'card.why'), { weight: 'Bolder', spacing: 'Medium' }), ...evidenceBlocks(language, reply.evidence, { evidenceItems: 4, excerptChars: 140 }));
  for (const notice of reply.notices) body.push(text(notice, { color: 'Attention', spacing: 'Small' }));
  // Buttons carry the short label with the option's number; the full text is in the list above.
  const actions = reply.options.map((option, index) => submit(`${index + 1}. ${option.label}`, { action: 'answer', questionId: reply.questionId, optionId: option.id }));
  return card(body, actions, language);
}
