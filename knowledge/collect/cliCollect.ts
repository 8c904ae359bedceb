/**
 * `diagnose --collect-script exchange|exo|iis [--lang de|en]`: prints the read-only collection
 * script (standard output) and two lines on how to run it (standard error, so that
 * `> script.ps1` saves the script alone). Kept apart from cli.ts, which calls it first.
 */
import { COLLECT_KINDS } from './format';
import { collectionScript, howToRunCollectionScript, isCollectKind } from './scripts';

export const COLLECT_USAGE = `       npm run --silent diagnose -- --collect-script exchange|exo|iis [--lang de|en] > script.ps1
  --collect-script  print the read-only collection script (how to run it goes to standard error)`;

export interface CollectCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The exit code when argv asks for a collection script, undefined otherwise. */
export function collectScriptCommand(argv: string[], io: CollectCommandIo): number | undefined {
  const at = argv.findIndex((a) => a === '--collect-script' || a.startsWith('--collect-script='));
  if (at < 0) return undefined;
  const kind = argv[at].includes('=') ? argv[at].slice('--collect-script='.length) : argv[at + 1];
  const langAt = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const lang = langAt < 0 ? 'en' : argv[langAt].includes('=') ? argv[langAt].slice(7) : argv[langAt + 1];
  if (!isCollectKind(kind)) {
    io.err(`diagnose: --collect-script takes one of ${COLLECT_KINDS.join(', ')}, not ${JSON.stringify(kind ?? '')}\n`);
    return 2;
  }
  if (lang !== 'de' && lang !== 'en') {
    io.err(`diagnose: --lang takes "de" or "en", not ${JSON.stringify(lang ?? '')}\n`);
    return 2;
  }
  io.out(collectionScript(kind));
  for (const line of howToRunCollectionScript(kind, lang)) io.err(`${line}\n`);
  return 0;
}
