import type { Language } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, card, submit, text } from './adaptive';

/** The greeting: what the bot can do, and the four ways to start. */
export function buildWelcomeCard(language: Language): AdaptiveCard {
  return card(
    [
      text(t(language, 'welcome.title'), { size: 'Large', weight: 'Bolder' }),
      text(t(language, 'welcome.body')),
      text(t(language, 'welcome.hint'), { isSubtle: true, spacing: 'Small' }),
    ],
    [
      submit(t(language, 'button.describe'), { action: 'describe' }),
      submit(t(language, 'button.paste'), { action: 'paste' }),
      submit(t(language, 'button.upload'), { action: 'upload' }),
      submit(t(language, 'button.handoff'), { action: 'handoff' }),
    ],
    language,
  );
}
