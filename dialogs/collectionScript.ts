/**
 * "Send me the collection script": the read-only script of knowledge/collect for the side the
 * request names (Exchange Online, an IIS SMTP relay, else on-premises Exchange), as a PowerShell
 * code block between the two lines on how to run it, and where the other two scripts are.
 * What the script prints comes back as a paste or an upload and is read exactly (knowledge/collect).
 */
import { MessageFactory } from 'botbuilder';
import { collectionScript, howToRunCollectionScript, type CollectKind } from '../knowledge';
import { t } from './strings';
import { send, type Turn } from './turn';

/** The script the request asks for: its words, else the on-premises Exchange one. */
export function requestedCollectKind(text: string): CollectKind {
  if (/\biis\b|smtpsvc|\bsmtp[- ]?relay\b/i.test(text)) return 'iis';
  if (/exchange[- ]online|\bexo\b|\bm365\b|office[- ]?365|microsoft[- ]365|\btenant\b|\bmandant|connect-exchangeonline/i.test(text))
    return 'exo';
  return 'exchange';
}

export async function sendCollectionScript(turn: Turn, request: string): Promise<void> {
  const kind = requestedCollectKind(request);
  const [run, pasteBack] = howToRunCollectionScript(kind, turn.language);
  const message = [
    run,
    '',
    '```powershell',
    collectionScript(kind).replace(/\r\n/g, '\n').trimEnd(),
    '```',
    '',
    pasteBack,
    '',
    t(turn.language, `collect.others.${kind}`),
  ].join('\n');
  await send(turn, [MessageFactory.text(message)], `${run}\n${pasteBack}`);
}
