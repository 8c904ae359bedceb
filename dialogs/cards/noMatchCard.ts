import type { Language, RenderedNoMatch } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, type CardElement, card, clip, heading, submit, text } from './adaptive';
import { evidenceBlocks } from './answerCard';

/**
 * No article applies: say so plainly, name a look-alike if there is one, or list the causes that
 * are still close with the checks that tell them apart; offer a person.
 */
export function buildNoMatchCard(reply: RenderedNoMatch, language: Language): AdaptiveCard {
  const body: CardElement[] = [text(reply.text, { weight: 'Bolder' })];
  if (reply.lookalikes.length) {
    body.push(heading(t(language, 'nomatch.lookalikes')));
    for (const lookalike of reply.lookalikes.slice(0, 3)) {
      const title = lookalike.reference ? `${lookalike.title} (${lookalike.reference})` : lookalike.title;
      body.push(text(title, { weight: 'Bolder', spacing: 'Small' }), text(clip(lookalike.hint, 600), { spacing: 'None' }));
    }
  }
  if (reply.checks?.length) {
    body.push(heading(t(language, 'nomatch.checks')));
    for (const cause of reply.checks.slice(0, 4)) {
      body.push(
        text(cause.reference ? `${cause.reference}: ${clip(cause.title, 200)}` : clip(cause.title, 200), {
          weight: 'Bolder',
          spacing: 'Small',
        }),
      );
      for (const check of cause.checks.slice(0, 3)) body.push(text(`• ${clip(check, 700)}`, { spacing: 'None' }));
    }
  }
  if (reply.pasteNext) body.push(text(reply.pasteNext, { spacing: 'Medium' }));
  if (reply.evidence.length)
    body.push(heading(t(language, 'card.why')), ...evidenceBlocks(language, reply.evidence, { evidenceItems: 5, excerptChars: 140 }));
  for (const notice of reply.notices) body.push(text(notice, { color: 'Attention', spacing: 'Small' }));
  body.push(text(t(language, 'nomatch.offer'), { spacing: 'Medium' }));
  return card(
    body,
    [submit(t(language, 'button.handoff'), { action: 'handoff' }), submit(t(language, 'button.paste'), { action: 'paste' })],
    language,
  );
}
