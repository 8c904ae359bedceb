/** Plain-text view of an Adaptive Card for text-only surfaces (the console chat). */
import { type AdaptiveCard, type CardElement, elementText, isMonospace } from './adaptive';

export interface TextCard {
  lines: string[];
  /** Submit payloads in button order; the console sends #N as the Nth. */
  submits: Array<{ title: string; data: unknown }>;
  links: Array<{ title: string; url: string }>;
}

function walk(elements: CardElement[] | undefined, lines: string[]): void {
  for (const element of elements ?? []) {
    const text = elementText(element);
    if (text !== undefined) {
      lines.push(isMonospace(element) ? text.split('\n').map((line) => `    ${line}`).join('\n') : text);
    } else if (element.type === 'FactSet') {
      for (const fact of (element.facts as Array<{ title: string; value: string }>) ?? []) lines.push(`  ${fact.title}: ${fact.value}`);
    } else if (element.type === 'ColumnSet') {
      // A title/value row reads as "title: value".
      const cells = ((element.columns as CardElement[]) ?? []).map((column) => {
        const inner: string[] = [];
        walk(column.items as CardElement[], inner);
        return inner.join(' ');
      });
      lines.push(`  ${cells.join(': ')}`);
    } else if (element.type === 'Container') {
      walk(element.items as CardElement[], lines);
    }
  }
}

export function cardToText(card: AdaptiveCard): TextCard {
  const result: TextCard = { lines: [], submits: [], links: [] };
  walk(card.body, result.lines);
  for (const action of card.actions ?? []) {
    if (action.type === 'Action.Submit') result.submits.push({ title: String(action.title), data: action.data });
    if (action.type === 'Action.OpenUrl') result.links.push({ title: String(action.title), url: String(action.url) });
  }
  return result;
}
