/**
 * Cards of the handoff on the user's side: the opened case (with "withdraw"), the agent who joined
 * (with "end the chat", confirmed first) and the rating.
 */
import type { Language } from '../../knowledge/types';
import { type AdaptiveCard, card, submit, text } from '../cards/adaptive';
import { MAX_RATING_COMMENT } from '../submitValues';
import { t } from '../strings';

/** The case number, the place in the queue and what happens next, with one button to withdraw. */
export function buildCaseOpenedCard(language: Language, message: string, caseId: string): AdaptiveCard {
  return card([text(message)], [submit(t(language, 'case.button.cancel'), { action: 'cancel-case', caseId })], language);
}

/**
 * A person from support has joined: the notice with the one way out, "End the chat with the agent"
 * (it asks first: see buildEndConfirmCard). Replaces the queued card's "Withdraw the request".
 */
export function buildAgentJoinedCard(language: Language, message: string, caseId: string): AdaptiveCard {
  return card([text(message)], [submit(t(language, 'case.button.end'), { action: 'cancel-case', caseId })], language);
}

/** "End the chat with <agent>?": yes ends it, no keeps the conversation with the agent. */
export function buildEndConfirmCard(language: Language, message: string, caseId: string): AdaptiveCard {
  return card(
    [text(message)],
    [
      submit(t(language, 'case.button.endConfirm'), { action: 'end-case', caseId, confirm: true }),
      submit(t(language, 'case.button.keep'), { action: 'end-case', caseId, confirm: false }),
    ],
    language,
  );
}

/** 1 to 5 and an optional comment, after the case is closed. */
export function buildRatingCard(language: Language, caseId: string): AdaptiveCard {
  return card(
    [
      text(t(language, 'case.rate.prompt', { caseId }), { weight: 'Bolder' }),
      {
        type: 'Input.Text',
        id: 'comment',
        placeholder: t(language, 'case.rate.comment'),
        isMultiline: true,
        maxLength: MAX_RATING_COMMENT,
        spacing: 'Small',
      },
    ],
    [1, 2, 3, 4, 5].map((score) => submit(String(score), { action: 'rate', caseId, score })),
    language,
  );
}
