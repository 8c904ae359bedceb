/**
 * Small builders for Adaptive Card 1.5 elements (the newest schema both Teams and Web Chat 4.18
 * render), and the size guard: Teams rejects messages over about 28 KB, so cards stay below
 * CARD_BYTE_BUDGET and long evidence is shortened first.
 */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  lang?: string;
}

export const CARD_BYTE_BUDGET = 24 * 1024;

export function card(body: CardElement[], actions: CardElement[] = [], lang?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    ...(lang ? { lang } : {}),
  };
}

export function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): CardElement {
  return text(value, { weight: 'Bolder', spacing: 'Medium' });
}

export function code(value: string): CardElement {
  return text(value, { fontType: 'Monospace', spacing: 'Small' });
}

export function facts(entries: Array<[string, string]>): CardElement {
  return { type: 'FactSet', facts: entries.map(([title, value]) => ({ title, value })) };
}

export function submit(title: string, data: Record<string, unknown>): CardElement {
  return { type: 'Action.Submit', title, data };
}

export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Shortens to at most `max` characters on a character boundary, marking the cut. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
