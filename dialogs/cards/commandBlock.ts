/**
 * A PowerShell command in a card, shown so that it is never split inside a parameter:
 * - the command is cut into groups that must stay on one line (a parameter with its value,
 *   a quoted string with its spaces, a cmdlet name with its hyphen) and each group is its own
 *   TextRun; the support page keeps every run on one line, so lines break only between groups
 *   (browsers otherwise break after any hyphen: `Import-Certificate -` / `CertStoreLocation`),
 *   and after the commas of a long property list;
 * - in Teams the Teams-only CodeBlock element shows it as code on desktop and web (no wrapping,
 *   PowerShell highlighting); Teams mobile does not render CodeBlock and uses the fallback, the
 *   same RichTextBlock as everywhere else.
 * The runs joined are exactly the command, so the page's copy button copies it whole.
 */
import type { CardElement } from './adaptive';

/** How commands are drawn: Teams gets its CodeBlock element (with fallback), other channels the runs. */
export type CodeStyle = 'teams' | 'plain';

/** Prefix of the element id of every command block: the support page adds copy buttons to these. */
export const COMMAND_ID_PREFIX = 'cmd-';

const PARAMETER = /^-[A-Za-z][A-Za-z0-9]*:?$/;

/** Whitespace-separated tokens; a quoted string is one token even when it contains spaces. */
function tokens(script: string): string[] {
  const out: string[] = [];
  let index = 0;
  while (index < script.length) {
    const start = index;
    while (index < script.length && !/\s/.test(script[index])) {
      const quote = script[index];
      if (quote === "'" || quote === '"') {
        const end = script.indexOf(quote, index + 1);
        index = end < 0 ? script.length : end + 1;
      } else {
        index++;
      }
    }
    while (index < script.length && /\s/.test(script[index])) index++;
    out.push(script.slice(start, index));
  }
  return out;
}

/** A token this long that is a comma-separated list may break after its commas (and only there). */
const LONG_LIST = 32;

/** "FriendlyName,Subject,Issuer,..." -> "FriendlyName," "Subject," ...; quoted text is never cut. */
function splitLongList(group: string): string[] {
  if (group.trim().length <= LONG_LIST || /['"]/.test(group) || !group.includes(',')) return [group];
  return group.split(/(?<=,)(?=\S)/);
}

/**
 * The command cut into unbreakable groups, each with the whitespace that follows it: a parameter
 * (`-CertStoreLocation`, `-like`) stays with its value, everything else is one token; a long
 * comma-separated list (Format-List's properties) may break after a comma. Joined, the groups are
 * the command exactly.
 */
export function commandGroups(script: string): string[] {
  const groups: string[] = [];
  const list = tokens(script);
  for (let i = 0; i < list.length; i++) {
    let group = list[i];
    const next = list[i + 1];
    if (PARAMETER.test(group.trim()) && next !== undefined && !PARAMETER.test(next.trim()) && !/^[|;}]/.test(next.trim())) {
      group += next;
      i++;
    }
    groups.push(...splitLongList(group));
  }
  return groups;
}

function runsBlock(script: string, id: string): CardElement {
  return {
    type: 'RichTextBlock',
    id,
    spacing: 'Small',
    inlines: commandGroups(script).map((group) => ({ type: 'TextRun', text: group, fontType: 'Monospace' })),
  };
}

/** One command as a card element (see the file comment). */
export function commandElement(script: string, id: string, style: CodeStyle): CardElement {
  const block = runsBlock(script, id);
  if (style !== 'teams') return block;
  return { type: 'CodeBlock', codeSnippet: script, language: 'PowerShell', spacing: 'Small', fallback: block };
}
