/**
 * The texts generated from the catalogue of causes: the README's cause table, the family table of
 * docs/knowledge-base.md (cause, level, error strings, source with URL) and the Teams app's
 * description (manifest.template.json in English, de.json in German). `npm run docs:causes`
 * (scripts/docsCauses.ts) writes them; a test fails when a file is not what the catalogue gives.
 * The README and the docs page keep the generated part between markers; the manifest's
 * description is one JSON string, replaced in place so the file keeps its layout.
 */
import { LEVEL_ORDER } from './causeCatalogue';
import { canonicalCauseId } from './causeIds';
import { loadKnowledgeBase, type Cause, type KnowledgeBase } from './knowledgeBase';
import { findingLabel } from './render/catalogue';
import type { Language } from './types';

/** Finding kinds whose values are the error strings people search for (codes, events, TLS errors). */
const ERROR_KINDS = new Set(['smtp-reply', 'non-tls-error', 'tls-error', 'auth-error', 'event', 'chain-error']);
/** Rules this strong are what identifies the cause, not context around it. */
const DISTINCTIVE_WEIGHT = 0.3;
/** At most this many error strings per cause in the family table. */
const MAX_ERROR_STRINGS = 5;
/** Teams allows 4,000 characters in description.full. */
export const TEAMS_FULL_DESCRIPTION_MAX = 4000;

const byLevelThenId = (a: Cause, b: Cause) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.id.localeCompare(b.id);

/** Markdown table cells: no pipes or line breaks inside. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function source(cause: Cause): string {
  if (!cause.reference) return cause.url ? `<${cause.url}>` : '—';
  return cause.url ? `[${cell(cause.reference)}](${cause.url})` : cell(cause.reference);
}

/** The error strings that identify a cause: its distinctive evidence (labelled), its recognisers' codes and phrases. */
export function errorStrings(cause: Cause): string[] {
  const out: string[] = [];
  for (const r of cause.recognisers) {
    for (const code of r.codes ?? []) out.push(`\`${code}\``);
    for (const phrase of r.phrases?.en ?? []) out.push(`"${phrase}"`);
  }
  for (const rule of [...cause.evidence.supports].sort((a, b) => b.weight - a.weight)) {
    if (!ERROR_KINDS.has(rule.kind) || rule.weight < DISTINCTIVE_WEIGHT) continue;
    if (!rule.value) continue;
    if (rule.kind === 'smtp-reply' || rule.kind === 'non-tls-error') out.push(`\`${rule.value}\``);
    else if (rule.kind === 'event') out.push(`event ${rule.value}`);
    else out.push(findingLabel(rule.kind, rule.value, 'en') ?? `\`${rule.value}\``);
  }
  return [...new Set(out)].slice(0, MAX_ERROR_STRINGS);
}

/** The README's block: the answers as a table, then the hints and the out-of-scope causes named. */
export function readmeCauses(kb: KnowledgeBase = loadKnowledgeBase()): string {
  const causes = [...kb.causes].sort(byLevelThenId);
  const answers = causes.filter((c) => c.level === 'answer');
  const hints = causes.filter((c) => c.level === 'hint');
  const outOfScope = causes.filter((c) => c.level === 'out-of-scope');
  const lines = [
    `It knows ${answers.length} causes in depth (level \`answer\` in its catalogue of causes, \`knowledge/causes/\`), in German and English:`,
    '',
    '| Cause | Id | Symptom and cause |',
    '|---|---|---|',
    ...answers.map((c) => `| ${source(c)} | \`${c.id}\` | ${cell(c.title.en)} |`),
    '',
    `It recognises ${hints.length} neighbouring problems that look similar (level \`hint\`), which it names with their checks and never claims: ${hints.map((c) => cell(c.title.en)).join('; ')}.`,
  ];
  if (outOfScope.length > 0)
    lines.push(
      '',
      `Errors that are not about TLS certificates are said to be out of scope on the first screen, with their one-line cause (level \`out-of-scope\`): ${outOfScope.map((c) => cell(c.title.en)).join('; ')}.`,
    );
  lines.push('', 'Generated from the catalogue by `npm run docs:causes`; `npm run --silent diagnose -- --list-causes` lists it.');
  return lines.join('\n');
}

/** docs/knowledge-base.md's family table: every cause with level, error strings and source. */
export function familyTable(kb: KnowledgeBase = loadKnowledgeBase()): string {
  return [
    '| Cause | Level | Error strings | Source |',
    '|---|---|---|---|',
    ...[...kb.causes]
      .sort(byLevelThenId)
      .map((c) => `| \`${c.id}\`: ${cell(c.title.en)} | ${c.level} | ${cell(errorStrings(c).join(', ') || '—')} | ${source(c)} |`),
  ].join('\n');
}

const TEAMS_TEXT: Record<Language, { intro: string; hints: string; outro: string }> = {
  en: {
    intro:
      'Paste an NDR, a protocol log, an event, Get-ExchangeCertificate or Get-InboundConnector output, or upload a certificate: the assistant recognises certificate problems of mail flow to Exchange Online, explains the cause and gives the PowerShell to fix it, for',
    hints: 'It also names {count} neighbouring problems with their checks.',
    outro: 'When it cannot help, it hands the case over to a person.',
  },
  de: {
    intro:
      'Fügen Sie einen Unzustellbarkeitsbericht, ein Protokoll, ein Ereignis oder die Ausgabe von Get-ExchangeCertificate oder Get-InboundConnector ein oder laden Sie ein Zertifikat hoch: Der Assistent erkennt Zertifikatsprobleme im Mailfluss zu Exchange Online, erklärt die Ursache und nennt das PowerShell zur Behebung, für',
    hints: 'Außerdem nennt er {count} ähnliche Probleme mit ihren Prüfungen.',
    outro: 'Wenn er nicht helfen kann, übergibt er den Fall an einen Menschen.',
  },
};

/** The Teams app's full description in one language: the answers by title, within Teams' 4,000 characters. */
export function teamsDescription(language: Language, kb: KnowledgeBase = loadKnowledgeBase()): string {
  const text = TEAMS_TEXT[language];
  const answers = kb.articles.slice().sort(byLevelThenId);
  const hints = text.hints.replace('{count}', String(kb.lookalikes.length));
  const withTitles = `${text.intro} ${answers.map((a) => `${a.title[language]} (${a.reference})`).join('; ')}. ${hints} ${text.outro}`;
  if (withTitles.length <= TEAMS_FULL_DESCRIPTION_MAX) return withTitles;
  return `${text.intro} ${answers.map((a) => a.reference || canonicalCauseId(a.id)).join(', ')}. ${hints} ${text.outro}`;
}

const marker = (name: string, end: boolean) => `<!-- ${name}:${end ? 'end' : 'start'} (generated by npm run docs:causes; do not edit) -->`;

/** The text with the part between the markers `name` replaced; throws when the markers are missing. */
export function replaceBetweenMarkers(text: string, name: string, content: string): string {
  const start = text.indexOf(marker(name, false));
  const end = text.indexOf(marker(name, true));
  if (start < 0 || end < start) throw new Error(`markers for "${name}" not found: add ${marker(name, false)} and ${marker(name, true)}`);
  return `${text.slice(0, start)}${marker(name, false)}\n${content}\n${text.slice(end)}`;
}

/** The JSON text with the string value of `key` (its first occurrence after `after`) replaced, layout kept. */
export function replaceJsonString(text: string, key: string, value: string, after = ''): string {
  const from = after ? text.indexOf(after) : 0;
  if (from < 0) throw new Error(`"${after}" not found`);
  const pattern = new RegExp(`("${key.replace(/[.[\]]/g, '\\$&')}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'y');
  for (let i = from; i < text.length; i++) {
    pattern.lastIndex = i;
    const m = pattern.exec(text);
    if (m) return `${text.slice(0, i)}${m[1]}${JSON.stringify(value)}${text.slice(i + m[0].length)}`;
  }
  throw new Error(`"${key}" not found`);
}

/** A file the catalogue generates part of: its path (from the project root) and how to regenerate it. */
export interface GeneratedFile {
  path: string;
  generate(current: string, kb: KnowledgeBase): string;
}

export const GENERATED_FILES: GeneratedFile[] = [
  { path: 'README.md', generate: (text, kb) => replaceBetweenMarkers(text, 'causes', readmeCauses(kb)) },
  { path: 'docs/knowledge-base.md', generate: (text, kb) => replaceBetweenMarkers(text, 'cause-family', familyTable(kb)) },
  {
    path: 'deploymentTemplates/teams/manifest.template.json',
    generate: (text, kb) => replaceJsonString(text, 'full', teamsDescription('en', kb), '"description"'),
  },
  {
    path: 'deploymentTemplates/teams/de.json',
    generate: (text, kb) => replaceJsonString(text, 'description.full', teamsDescription('de', kb)),
  },
];
