/** Plain-text view of an Adaptive Card for text-only surfaces (the console chat). */
import { type AdaptiveCard, type CardElement, elementText, isMonospace } from './adaptive';

export interface TextCard {
  lines: string[];
  /** Submit payloads in reading order (buttons in the body first, then the card's own); the console sends #N as the Nth. */
  submits: Array<{ title: string; data: unknown }>;
  links: Array<{ title: string; url: string }>;
  /** How many of `submits` are already shown in `lines` (buttons inside the body, numbered in place). */
  shownInLines: number;
  /** The number of the card's first button (the console numbers across all cards of a reply). */
  firstNumber: number;
}

function collectActions(actions: CardElement[] | undefined, result: TextCard): void {
  for (const action of actions ?? []) {
    if (action.type === 'Action.Submit') result.submits.push({ title: String(action.title), data: action.data });
    if (action.type === 'Action.OpenUrl') result.links.push({ title: String(action.title), url: String(action.url) });
    // Action.ToggleVisibility: a terminal shows every section anyway.
  }
}

function walk(elements: CardElement[] | undefined, result: TextCard, lines: string[] = result.lines): void {
  for (const element of elements ?? []) {
    const text = elementText(element);
    if (text !== undefined) {
      lines.push(
        isMonospace(element)
          ? text
              .split('\n')
              .map((line) => `    ${line}`)
              .join('\n')
          : text,
      );
    } else if (element.type === 'CodeBlock') {
      lines.push(
        (typeof element.codeSnippet === 'string' ? element.codeSnippet : '')
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
      );
    } else if (element.type === 'FactSet') {
      for (const fact of (element.facts as Array<{ title: string; value: string }>) ?? []) lines.push(`  ${fact.title}: ${fact.value}`);
    } else if (element.type === 'ColumnSet') {
      // A title/value row reads as "title: value".
      const cells = ((element.columns as CardElement[]) ?? []).map((column) => {
        const inner: string[] = [];
        walk(column.items as CardElement[], result, inner);
        return inner.join(' ');
      });
      lines.push(`  ${cells.join(': ')}`);
    } else if (element.type === 'Container') {
      walk(element.items as CardElement[], result, lines);
    } else if (element.type === 'ActionSet') {
      const first = result.submits.length;
      collectActions(element.actions as CardElement[], result);
      // A button inside the card is shown where it stands, with the number that presses it.
      for (let index = first; index < result.submits.length; index++)
        lines.push(`  [#${result.firstNumber + index}] ${result.submits[index].title}`);
      result.shownInLines = result.submits.length;
    }
  }
}

export function cardToText(card: AdaptiveCard, firstNumber = 1): TextCard {
  const result: TextCard = { lines: [], submits: [], links: [], shownInLines: 0, firstNumber };
  walk(card.body, result);
  collectActions(card.actions, result);
  return result;
}
