/** The small part of NLP.js (v4, plain JavaScript without types) that the intent model uses. */
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/nlu' {
  import type { Container } from '@nlpjs/core';
  export interface Classification {
    intent: string;
    score: number;
  }
  export interface NluResult {
    intent: string;
    score: number;
    classifications: Classification[];
  }
  export class NluManager {
    constructor(settings: { container: Container; locales: string[]; trainByDomain?: boolean; log?: boolean });
    add(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string, domain?: string, settings?: Record<string, unknown>): Promise<NluResult>;
  }
  export const NluNeural: unknown;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module '@nlpjs/lang-de' {
  export const LangDe: unknown;
}
