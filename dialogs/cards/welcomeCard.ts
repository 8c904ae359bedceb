import { catalogueEntries } from '../../knowledge';
import type { Language } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, card, cardKey, submit, text } from './adaptive';
import { detailSections } from './detailSections';

/** The answers the bot gives, one line each ("- KB 3212877: <title>"), from the catalogue of causes. */
function answerList(language: Language): string {
  return catalogueEntries(language)
    .filter((entry) => entry.level === 'answer')
    .map((entry) => `- ${entry.reference ? `${entry.reference}: ` : ''}${entry.title}`)
    .join('\n');
}

/**
 * The greeting: what the bot can do (the answers of the catalogue by title; the hints behind
 * "Also recognised"), and the four ways to start. Built from the catalogue at run time, so a cause
 * added or promoted appears without touching the UI strings.
 */
export function buildWelcomeCard(language: Language): AdaptiveCard {
  const hints = catalogueEntries(language).filter((entry) => entry.level === 'hint');
  return card(
    [
      text(t(language, 'welcome.title'), { size: 'Large', weight: 'Bolder' }),
      text(t(language, 'welcome.body', { answers: answerList(language) })),
      text(t(language, 'welcome.hint'), { isSubtle: true, spacing: 'Small' }),
      ...detailSections(
        [
          {
            name: 'recognised',
            title: t(language, 'welcome.alsoRecognised', { count: hints.length }),
            items: hints.length
              ? [
                  text(t(language, 'welcome.alsoRecognisedIntro'), { isSubtle: true }),
                  text(hints.map((hint) => `- ${hint.title}${hint.reference ? ` (${hint.reference})` : ''}`).join('\n')),
                ]
              : [],
          },
        ],
        cardKey(),
      ),
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
