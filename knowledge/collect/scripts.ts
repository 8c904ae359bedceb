/**
 * The three read-only collection scripts (knowledge/collect/scripts/*.ps1) as the bot and the
 * command line hand them out: the text, a file name and two lines on how to run it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { knowledgeDataDir } from '../knowledgeBase';
import type { Language } from '../types';
import { COLLECT_KINDS, type CollectKind } from './format';

export function isCollectKind(value: unknown): value is CollectKind {
  return typeof value === 'string' && (COLLECT_KINDS as readonly string[]).includes(value);
}

const cache = new Map<CollectKind, string>();

/** The script's text (CRLF line ends, as Windows editors and PowerShell ISE expect them). */
export function collectionScript(kind: CollectKind): string {
  let text = cache.get(kind);
  if (text === undefined) {
    text = fs.readFileSync(path.join(knowledgeDataDir(), 'collect', 'scripts', `${kind}.ps1`), 'utf8').replace(/\r?\n/g, '\r\n');
    cache.set(kind, text);
  }
  return text;
}

export function collectionScriptFileName(kind: CollectKind): string {
  return `mailflow-tls-collect-${kind}.ps1`;
}

const SHELL: Record<CollectKind, { en: string; de: string }> = {
  exchange: { en: 'the Exchange Management Shell on each sending server', de: 'der Exchange-Verwaltungsshell auf jedem sendenden Server' },
  exo: { en: 'PowerShell after Connect-ExchangeOnline', de: 'PowerShell nach Connect-ExchangeOnline' },
  iis: {
    en: 'an elevated Windows PowerShell on the IIS SMTP relay',
    de: 'einer Windows PowerShell mit erhöhten Rechten auf dem IIS-SMTP-Relay',
  },
};

/** Two lines: how to run the script and what to do with what it prints. */
export function howToRunCollectionScript(kind: CollectKind, language: Language): [string, string] {
  const file = collectionScriptFileName(kind);
  return language === 'de'
    ? [
        `Speichern Sie das Skript als ${file} und führen Sie es in ${SHELL[kind].de} aus: .\\${file} (es liest nur, es ändert nichts).`,
        `Fügen Sie den ausgegebenen Block (erste Zeile "mailflow-tls-collect/1 ${kind}") hier ein oder laden Sie die Datei hoch, die es speichert (der Pfad steht im Parameter $OutFile, standardmäßig in %TEMP%).`,
      ]
    : [
        `Save the script as ${file} and run it in ${SHELL[kind].en}: .\\${file} (it only reads, it changes nothing).`,
        `Paste the block it prints (first line "mailflow-tls-collect/1 ${kind}") here, or upload the file it saves (the path is in its $OutFile parameter, by default in %TEMP%).`,
      ];
}
