/** The support dialog on its own, with botbuilder-testing's DialogTestClient. */
import { strict as assert } from 'assert';
import { type Activity, ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { CaseState } from '../../dialogs/caseState';
import type { AttachmentFetcher } from '../../dialogs/ports';
import { SupportDialog } from '../../dialogs/supportDialog';
import { NDR_5_7_64_DE, NDR_5_7_64_EN } from '../bot/helpers/samples';
import { buttons, visibleText } from '../bot/helpers/testBot';
import { unusedHandoff } from '../helpers/escalation';

function client(locale: string) {
  const conversationState = new ConversationState(new MemoryStorage());
  const noFiles: AttachmentFetcher = { fetch: () => Promise.resolve({ files: [], problems: [] }) };
  const dialog = new SupportDialog({
    caseState: conversationState.createProperty<CaseState>('case'),
    attachments: noFiles,
    handoff: unusedHandoff,
    maxQuestions: 1,
  });
  const testClient = new DialogTestClient('emulator', dialog, undefined, [], conversationState);
  const send = async (text: string) => {
    const first = (await testClient.sendActivity({ type: 'message', text, locale })) as Partial<Activity>;
    const replies = [first];
    for (let next = testClient.getNextReply(); next; next = testClient.getNextReply()) replies.push(next);
    return replies.filter(Boolean);
  };
  return { testClient, send };
}

describe('SupportDialog (DialogTestClient)', () => {
  for (const { locale, ndr, answered } of [
    { locale: 'en-US', ndr: NDR_5_7_64_EN, answered: /Cause/ },
    { locale: 'de-DE', ndr: NDR_5_7_64_DE, answered: /Ursache/ },
  ]) {
    it(`stays waiting for the next message and keeps the case between turns (${locale})`, async () => {
      const { testClient, send } = client(locale);
      const question = await send(ndr);
      assert.equal(testClient.dialogTurnResult.status, 'waiting');
      assert.ok(question.length === 1 && question[0].attachments?.length === 1);
      const answer = await send('1');
      assert.match(visibleText(answer), /KB 3212877/);
      assert.match(visibleText(answer), answered);
    });

    it(`with maxQuestions 1, "I don't know" ends the interview with an answer or an honest no-match (${locale})`, async () => {
      const { send } = client(locale);
      await send(ndr);
      const next = await send(locale.startsWith('de') ? 'weiß nicht' : "I don't know");
      assert.ok(next.length > 0);
      const answerButtons = [...buttons(next).values()].filter((value) => value.action === 'answer');
      assert.equal(answerButtons.length, 0, 'no second question');
    });
  }
});
