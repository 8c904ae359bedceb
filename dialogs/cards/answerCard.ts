import type { Language, RenderedEvidence, RenderedMatch } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, type CardElement, CARD_BYTE_BUDGET, byteSize, card, clip, code, heading, openUrl, submit, text } from './adaptive';

interface Budget {
  evidenceItems: number;
  excerptChars: number;
  ruleOutItems: number;
}

/** Progressively smaller budgets: the first that fits the Teams size limit wins. */
const BUDGETS: Budget[] = [
  { evidenceItems: 8, excerptChars: 300, ruleOutItems: 5 },
  { evidenceItems: 5, excerptChars: 140, ruleOutItems: 3 },
  { evidenceItems: 3, excerptChars: 60, ruleOutItems: 1 },
];

export function evidenceBlocks(language: Language, evidence: RenderedEvidence[], budget: { evidenceItems: number; excerptChars: number }): CardElement[] {
  const shown = evidence.slice(0, budget.evidenceItems);
  const blocks: CardElement[] = shown.map((item) => ({
    type: 'Container',
    spacing: 'Small',
    items: [
      text(`• ${clip(item.label, 200)}`, { spacing: 'None' }),
      ...(item.excerpt ? [text(clip(item.excerpt.replace(/\s+/g, ' ').trim(), budget.excerptChars), { fontType: 'Monospace', isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    ],
  }));
  if (evidence.length > shown.length) blocks.push(text(t(language, 'card.moreEvidence', { count: evidence.length - shown.length }), { isSubtle: true, spacing: 'Small' }));
  return blocks;
}

function buildWithBudget(reply: RenderedMatch, language: Language, budget: Budget, intro?: string): AdaptiveCard {
  const body: CardElement[] = [];
  if (intro) body.push(text(intro, { weight: 'Bolder' }));
  body.push(text(`${reply.kb}: ${reply.title}`, { size: 'Large', weight: 'Bolder' }));
  body.push(text(`${t(language, 'card.confidence', { percent: Math.round(reply.confidence * 100) })} · ${reply.scenario}`, { isSubtle: true, spacing: 'Small' }));
  body.push(heading(t(language, 'card.cause')), text(reply.cause));
  if (reply.evidence.length) body.push(heading(t(language, 'card.why')), ...evidenceBlocks(language, reply.evidence, budget));
  if (reply.steps.length) body.push(heading(t(language, 'card.steps')), ...reply.steps.map((step, index) => text(`${index + 1}. ${step}`, { spacing: 'Small' })));
  if (reply.commands.length) {
    body.push(heading(t(language, 'card.commands')));
    for (const command of reply.commands) body.push(text(command.label, { spacing: 'Small' }), code(command.script));
  }
  if (reply.verify.length) body.push(heading(t(language, 'card.verify')), ...reply.verify.map((line) => text(`• ${line}`, { spacing: 'Small' })));
  const ruleOut = reply.ruleOut.slice(0, budget.ruleOutItems);
  if (ruleOut.length) body.push(heading(t(language, 'card.ruleOut')), ...ruleOut.map((line) => text(`• ${line}`, { spacing: 'Small', isSubtle: true })));
  if (reply.notices.length) body.push(heading(t(language, 'card.notices')), ...reply.notices.map((line) => text(line, { spacing: 'Small', color: 'Attention' })));
  const actions: CardElement[] = [
    submit(t(language, 'card.fixed'), { action: 'fixed', article: reply.article }),
    submit(t(language, 'card.stillBroken'), { action: 'still-broken', article: reply.article }),
    submit(t(language, 'button.handoff'), { action: 'handoff' }),
  ];
  if (/^https:\/\//.test(reply.url)) actions.push(openUrl(t(language, 'card.readArticle'), reply.url));
  return card(body, actions, language);
}

/** The answer: article, cause, evidence, numbered steps, filled commands, verification, buttons. */
export function buildAnswerCard(reply: RenderedMatch, language: Language, intro?: string): AdaptiveCard {
  let built = buildWithBudget(reply, language, BUDGETS[0], intro);
  for (const budget of BUDGETS.slice(1)) {
    if (byteSize(built) <= CARD_BYTE_BUDGET) break;
    built = buildWithBudget(reply, language, budget, intro);
  }
  return built;
}

/** The same commands as a plain message with a code block, copyable on every channel. */
export function buildCommandsMessage(reply: RenderedMatch, language: Language): string | undefined {
  if (!reply.commands.length) return undefined;
  const parts = reply.commands.map((command) => `# ${command.label.replace(/\r?\n/g, ' ')}\n${command.script}`);
  return `${t(language, 'commands.intro', { kb: reply.kb })}\n\n\`\`\`powershell\n${parts.join('\n\n')}\n\`\`\``;
}
