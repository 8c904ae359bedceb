/**
 * A conversation stored by the previous release (verdicts naming an article as "KB3212877",
 * "still not working" as article ids, the pending question as ids) continues after the update to
 * cause ids (`kb3212877`), and what the turn stores then carries `cause: {id, level, reference, url}`.
 */
import { strict as assert } from 'assert';
import { type Activity, ConversationState, MemoryStorage, type StoreItems } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { CaseState } from '../../dialogs/caseState';
import type { AttachmentFetcher } from '../../dialogs/ports';
import { SupportDialog } from '../../dialogs/supportDialog';
import { extractFindings } from '../../knowledge';
import { NDR_5_7_64_DE, NDR_5_7_64_EN } from '../bot/helpers/samples';
import { buttons, visibleText } from '../bot/helpers/testBot';
import { unusedHandoff } from '../helpers/escalation';

const KB3212877 = { id: 'kb3212877', level: 'answer', reference: 'KB 3212877', url: 'https://support.microsoft.com/help/3212877' };

/** A case document exactly as the previous release wrote it. */
function previousRelease(text: string, language: 'en' | 'de', rest: Record<string, unknown>): Record<string, unknown> {
  return {
    version: 1,
    language,
    welcomed: true,
    textFindings: extractFindings(text).findings,
    certificateFiles: [],
    certificateFindings: [],
    certificateReports: [],
    chains: [],
    questionsAsked: ['cause-5764'],
    stillNotWorking: [],
    transcript: [],
    ...rest,
  };
}

function client(locale: string) {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const noFiles: AttachmentFetcher = { fetch: () => Promise.resolve({ files: [], problems: [] }) };
  const dialog = new SupportDialog({
    caseState: conversationState.createProperty<CaseState>('case'),
    attachments: noFiles,
    handoff: unusedHandoff,
    maxQuestions: 3,
  });
  const testClient = new DialogTestClient('emulator', dialog, undefined, [], conversationState);
  const send = async (activity: Partial<Activity>) => {
    const first = (await testClient.sendActivity({ type: 'message', locale, ...activity })) as Partial<Activity>;
    const replies = [first];
    for (let next = testClient.getNextReply(); next; next = testClient.getNextReply()) replies.push(next);
    return replies.filter(Boolean);
  };
  /** The conversation's stored documents: its key is only known once a turn has saved it. */
  const storedKey = (): string => {
    const memory = (storage as unknown as { memory: Record<string, string> }).memory;
    const key = Object.keys(memory).find((k) => k.includes('/conversations/'));
    assert.ok(key, 'a turn stored the conversation');
    return key;
  };
  const replaceCase = async (document: Record<string, unknown>) => {
    const key = storedKey();
    const items: StoreItems = await storage.read([key]);
    await storage.write({ [key]: { ...(items[key] as Record<string, unknown>), case: document, eTag: '*' } });
  };
  const storedCase = async () => {
    const key = storedKey();
    return ((await storage.read([key]))[key] as { case: CaseState }).case;
  };
  return { send, replaceCase, storedCase };
}

describe('state stored by the previous release keeps working', () => {
  for (const { locale, language, ndr, fixedText, askText } of [
    { locale: 'en-US', language: 'en' as const, ndr: NDR_5_7_64_EN, fixedText: /glad it works again/, askText: /still fails/ },
    { locale: 'de-DE', language: 'de' as const, ndr: NDR_5_7_64_DE, fixedText: /funktioniert/i, askText: /immer noch nicht/ },
  ]) {
    it(`a pending question stored as ids is answered, and the answer is stored as cause {id, level, reference, url} (${locale})`, async () => {
      const { send, replaceCase, storedCase } = client(locale);
      await send({ text: 'hello' });
      await replaceCase(
        previousRelease(ndr, language, {
          pendingQuestion: { id: 'cause-5764', options: ['chain-not-sent', 'name-mismatch', 'ip-changed'] },
          last: { verdict: 'ask', article: null },
        }),
      );
      const answer = await send({ text: '1' });
      assert.match(visibleText(answer), /KB 3212877/);
      const stored = await storedCase();
      assert.deepEqual(stored.last, { verdict: 'match', cause: KB3212877 });
      assert.equal((stored.last as unknown as Record<string, unknown>).article, undefined, 'the old field is not written again');
    });

    it(`"That fixed it" and "Still not working" on a card the previous release sent (article "KB3212877") are accepted (${locale})`, async () => {
      const { send, replaceCase, storedCase } = client(locale);
      await send({ text: 'hello' });
      const old = previousRelease(ndr, language, { last: { verdict: 'match', article: 'KB3212877' } });
      await replaceCase(old);
      const fixed = await send({ value: { action: 'fixed', article: 'KB3212877' } });
      assert.match(visibleText(fixed), fixedText, 'not "I could not use that button press"');
      assert.deepEqual((await storedCase()).fixed, ['kb3212877']);

      await replaceCase(old);
      const broken = await send({ value: { action: 'still-broken', article: 'KB3212877' } });
      assert.match(visibleText(broken), askText);
      const stored = await storedCase();
      assert.deepEqual(stored.stillNotWorking, ['kb3212877']);
      assert.deepEqual(stored.last, { verdict: 'match', cause: KB3212877 });
    });
  }

  it('"still not working" stored as article ids is not offered again: the other cause is, from the case\'s own evidence', async () => {
    const { send, replaceCase } = client('en-US');
    await send({ text: 'hello' });
    const text =
      "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\nEvent ID: 2004\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot";
    await replaceCase(
      previousRelease(text, 'en', {
        last: { verdict: 'match', article: 'KB2888788' },
        stillNotWorking: ['KB2888788'],
        awaitingStillBrokenChoice: true,
      }),
    );
    const replies = await send({ value: { action: 'still-broken-choice', choice: 'same' } });
    const shown = visibleText(replies);
    assert.match(shown, /the other known cause is the more likely one/);
    assert.match(shown, /KB 3212877/);
    const cardButtons = [...buttons(replies).values()];
    assert.ok(!cardButtons.some((b) => String(b.article).toLowerCase() === 'kb2888788'), 'the answer already tried is not shown again');
  });
});
