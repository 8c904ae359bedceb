import type { Language } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, card, submit, text } from './adaptive';

/** "Still not working": what happened now decides between the other candidate and a person. */
export function buildStillBrokenCard(language: Language): AdaptiveCard {
  return card(
    [text(t(language, 'stillBroken.ask'), { weight: 'Bolder' })],
    [
      submit(t(language, 'stillBroken.same'), { action: 'still-broken-choice', choice: 'same' }),
      submit(t(language, 'stillBroken.different'), { action: 'still-broken-choice', choice: 'different' }),
      submit(t(language, 'button.handoff'), { action: 'handoff' }),
    ],
    language,
  );
}

/** A card with only the "talk to a person" button. */
export function buildHandoffOfferCard(language: Language, message: string): AdaptiveCard {
  return card([text(message)], [submit(t(language, 'button.handoff'), { action: 'handoff' })], language);
}
