/**
 * The answer card. Its first screen is what a person needs to act: the verdict (article, title,
 * confidence), the cause in one sentence, the first step (its first sentence) and the main command. Everything else
 * (why I think so, all steps, how to verify, other causes) sits behind toggle buttons, so the
 * card fits one screen of the 420x640 embed and the title is never scrolled away.
 */
import type { Language, RenderedEvidence, RenderedMatch } from '../../knowledge/types';
import { t } from '../strings';
import { type AdaptiveCard, type CardElement, card, cardKey, clip, fitsBudget, labelled, openUrl, submit, text } from './adaptive';
import { type CodeStyle, COMMAND_ID_PREFIX, commandElement } from './commandBlock';
import { detailSections } from './detailSections';

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

export interface AnswerCardOptions {
  /** A line above the title ("Then the other known cause is the more likely one:"). */
  intro?: string;
  codeStyle?: CodeStyle;
  /** Keeps element ids unique on a page with several cards (random by default). */
  key?: string;
}

export function evidenceBlocks(
  language: Language,
  evidence: RenderedEvidence[],
  budget: { evidenceItems: number; excerptChars: number },
): CardElement[] {
  const shown = evidence.slice(0, budget.evidenceItems);
  const blocks: CardElement[] = shown.map((item) => ({
    type: 'Container',
    spacing: 'Small',
    items: [
      text(`• ${clip(item.label, 200)}`, { spacing: 'None' }),
      ...(item.excerpt
        ? [
            text(clip(item.excerpt.replace(/\s+/g, ' ').trim(), budget.excerptChars), {
              fontType: 'Monospace',
              isSubtle: true,
              size: 'Small',
              spacing: 'None',
            }),
          ]
        : []),
    ],
  }));
  if (evidence.length > shown.length)
    blocks.push(text(t(language, 'card.moreEvidence', { count: evidence.length - shown.length }), { isSubtle: true, spacing: 'Small' }));
  return blocks;
}

/** Words after which a period does not end a sentence (German and English abbreviations; case matters: "CA." ends one). */
const ABBREVIATIONS = new Set(['bzw', 'ggf', 'usw', 'etc', 'vs', 'Nr', 'ca', 'inkl', 'evtl', 'sog', 'vgl', 'Dr', 'Mr', 'Ms']);

/** The first sentence of a text (the whole text when it is one sentence). */
export function firstSentence(value: string): string {
  const end = /[.!?]["”)]?(?=\s+["„“(]?[A-ZÄÖÜ0-9])/g;
  for (let match = end.exec(value); match; match = end.exec(value)) {
    const before = /([A-Za-zÄÖÜäöüß]+)\.?$/.exec(value.slice(0, match.index + 1).replace(/[.!?]$/, ''));
    // "z. B.", "e.g.", "i. e.": a single letter before the period is an abbreviation too.
    if (value[match.index] === '.' && before && (before[1].length === 1 || ABBREVIATIONS.has(before[1]))) continue;
    return value.slice(0, match.index + match[0].length);
  }
  return value;
}

/** A label that introduces what follows ("Check: is SMTP still listed?" keeps its question mark). */
function withColon(label: string): string {
  return /[:?!.]$/.test(label.trim()) ? label.trim() : `${label.trim()}:`;
}

/** The rest of a text after its first sentence ('' when there is none). */
function afterFirstSentence(value: string): string {
  return value.slice(firstSentence(value).length).trim();
}

/** The command the first screen shows: the first one the article marks as its fix, else the first. */
export function mainCommand(reply: RenderedMatch): RenderedMatch['commands'][number] | undefined {
  return reply.commands.find((command) => command.main) ?? reply.commands[0];
}

function buildWithBudget(
  reply: RenderedMatch,
  language: Language,
  budget: Budget,
  options: Required<Pick<AnswerCardOptions, 'codeStyle' | 'key'>> & AnswerCardOptions,
): AdaptiveCard {
  const { key } = options;
  const body: CardElement[] = [];
  if (options.intro) body.push(text(options.intro, { weight: 'Bolder', color: 'Accent' }));
  body.push(text(`${reply.kb}: ${reply.title}`, { weight: 'Bolder', spacing: options.intro ? 'Small' : 'None' }));
  body.push(
    text(t(language, 'card.confidence', { percent: Math.round(reply.confidence * 100) }), {
      isSubtle: true,
      size: 'Small',
      spacing: 'None',
    }),
  );
  for (const notice of reply.notices) body.push(text(notice, { color: 'Attention', spacing: 'Small' }));
  body.push(labelled(`${t(language, 'card.cause')}:`, firstSentence(reply.cause), { spacing: 'Small' }));
  // The first step's first sentence; the whole step is under "All steps".
  if (reply.steps.length) body.push(labelled(`${t(language, 'card.firstStep')}:`, firstSentence(reply.steps[0]), { spacing: 'Small' }));
  // The article's fix where it marks one (KB 4051495's Set-InboundConnector comes after Connect-ExchangeOnline), else its first command.
  const main = mainCommand(reply);
  if (main) {
    body.push(text(withColon(main.label), { size: 'Small', isSubtle: true, spacing: 'Small' }));
    body.push(commandElement(main.script, `${COMMAND_ID_PREFIX}${key}-1`, options.codeStyle));
  }

  const causeRest = afterFirstSentence(reply.cause);
  const why: CardElement[] = [
    ...(causeRest ? [text(causeRest, { spacing: 'Small' })] : []),
    text(reply.scenario, { isSubtle: true, spacing: 'Small' }),
    ...evidenceBlocks(language, reply.evidence, budget),
  ];
  if (/^https:\/\//.test(reply.url))
    why.push({ type: 'ActionSet', spacing: 'Small', actions: [openUrl(t(language, 'card.readArticle'), reply.url)] });
  body.push(
    ...detailSections(
      [
        { name: 'why', title: t(language, 'card.why'), items: why },
        {
          name: 'steps',
          title: t(language, 'card.steps'),
          items: reply.steps.map((step, index) => text(`${index + 1}. ${step}`, { spacing: 'Small' })),
        },
        { name: 'verify', title: t(language, 'card.verify'), items: reply.verify.map((line) => text(`• ${line}`, { spacing: 'Small' })) },
        {
          name: 'ruleout',
          title: t(language, 'card.ruleOut'),
          items: reply.ruleOut.slice(0, budget.ruleOutItems).map((line) => text(`• ${line}`, { spacing: 'Small' })),
        },
      ],
      key,
    ),
  );
  const actions: CardElement[] = [
    // `article` is the submit field cards of every release carry; it holds the cause id (older cards: "KB3212877").
    submit(t(language, 'card.fixed'), { action: 'fixed', article: reply.causeRef.id }),
    submit(t(language, 'card.stillBroken'), { action: 'still-broken', article: reply.causeRef.id }),
    submit(t(language, 'button.handoff'), { action: 'handoff' }),
  ];
  return { ...card(body, actions, language), speak: `${reply.kb}: ${reply.title}. ${firstSentence(reply.cause)}` };
}

/** The answer card (see the file comment); shrinks its evidence until it fits Teams' size limit. */
export function buildAnswerCard(reply: RenderedMatch, language: Language, options: AnswerCardOptions = {}): AdaptiveCard {
  const settings = { ...options, codeStyle: options.codeStyle ?? 'plain', key: options.key ?? cardKey() } as const;
  let built = buildWithBudget(reply, language, BUDGETS[0], settings);
  for (const budget of BUDGETS.slice(1)) {
    if (fitsBudget(built)) break;
    built = buildWithBudget(reply, language, budget, settings);
  }
  return built;
}

/**
 * Every command as a plain message, one code block per command under its label: copyable on every
 * channel (Teams shows preformatted text on desktop, iOS and Android; the support page adds a copy
 * button to each block).
 */
export function buildCommandsMessage(reply: RenderedMatch, language: Language): string | undefined {
  if (!reply.commands.length) return undefined;
  const parts = reply.commands.map(
    (command) => `${withColon(command.label.replace(/\r?\n/g, ' '))}\n\n\`\`\`powershell\n${command.script}\n\`\`\``,
  );
  return `${t(language, 'commands.intro', { kb: reply.kb })}\n\n${parts.join('\n\n')}`;
}
