/**
 * Issue 23, point 5: once a person from support has joined, "Withdraw the request" becomes "End the
 * chat with the agent", and ending it is confirmed first (a button or a typed yes / no, English and
 * German). Before anyone joins, withdrawing stays one step. The real bot on Bot Framework's
 * TestAdapter with the real escalation service over an in-memory case store.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { buttons, makeTestBot, type TestBot, visibleText } from '../bot/helpers/testBot';

const anna = { id: 'agent-anna', name: 'Anna Berger' };

interface Language {
  locale: string;
  askPerson: string;
  cancel: string;
  yes: string;
  no: string;
  joinedButton: RegExp;
  confirmQuestion: RegExp;
  ended: RegExp;
  kept: RegExp;
  withdrawn: RegExp;
  yesButton: string;
  noButton: string;
}

const LANGUAGES: Language[] = [
  {
    locale: 'en-US',
    askPerson: 'talk to a person',
    cancel: 'cancel',
    yes: 'yes',
    no: 'No.',
    joinedButton: /^End the chat with the agent$/,
    confirmQuestion: /Do you want to end the chat with Anna Berger/,
    ended: /You have ended the conversation with support/,
    kept: /you are still talking with Anna Berger/,
    withdrawn: /I have withdrawn your support request/,
    yesButton: 'Yes, end the chat',
    noButton: 'No, keep chatting',
  },
  {
    locale: 'de-DE',
    askPerson: 'Ich möchte mit einem Mitarbeiter sprechen',
    cancel: 'abbrechen',
    yes: 'Ja',
    no: 'nein',
    joinedButton: /^Chat mit dem Support beenden$/,
    confirmQuestion: /Möchten Sie den Chat mit Anna Berger beenden/,
    ended: /Sie haben das Gespräch mit dem Support beendet/,
    kept: /Sie schreiben weiter mit Anna Berger/,
    withdrawn: /Ich habe Ihre Supportanfrage #[0-9A-Z]{8} zurückgezogen/,
    yesButton: 'Ja, Chat beenden',
    noButton: 'Nein, weiterschreiben',
  },
];

async function openCase(bot: TestBot, language: Language): Promise<{ caseId: string; withdraw: Record<string, unknown> }> {
  const replies = await bot.send({ text: language.askPerson, locale: language.locale });
  const caseId = /#([0-9A-Z]{8})/.exec(visibleText(replies))?.[1] ?? '';
  assert.ok(caseId, visibleText(replies));
  const withdraw = [...buttons(replies).values()].find((value) => value.action === 'cancel-case');
  assert.ok(withdraw, 'the case notice has a withdraw button');
  return { caseId, withdraw };
}

/** The agent takes the case; returns the notice the customer got (what the proactive sender sent). */
async function agentJoins(bot: TestBot, caseId: string): Promise<Array<Partial<Activity>>> {
  const before = bot.proactive.sent.length;
  await bot.escalation.take(caseId, anna, 'desk');
  return bot.proactive.sent.slice(before).flatMap((entry) => entry.activities);
}

async function status(bot: TestBot, caseId: string): Promise<string | undefined> {
  return (await bot.cases.get(caseId))?.status;
}

describe('handoff: ending the chat with an agent is confirmed (issue 23, point 5)', () => {
  for (const language of LANGUAGES) {
    const send = (bot: TestBot, activity: Partial<Activity> | string) =>
      bot.send(typeof activity === 'string' ? { text: activity, locale: language.locale } : { locale: language.locale, ...activity });

    it(`after an agent joins, the notice offers "End the chat with the agent", and it asks before ending (${language.locale})`, async () => {
      const bot = makeTestBot({ locale: language.locale });
      const { caseId } = await openCase(bot, language);
      const notice = await agentJoins(bot, caseId);
      assert.match(visibleText(notice), /Anna Berger/);
      const offered = [...buttons(notice).entries()];
      assert.equal(offered.length, 1, 'one button on the notice');
      assert.match(offered[0][0], language.joinedButton);
      assert.deepEqual(offered[0][1], { action: 'cancel-case', caseId });

      // The button asks; nothing is ended yet.
      const asked = await send(bot, { value: offered[0][1] });
      assert.match(visibleText(asked), language.confirmQuestion);
      assert.deepEqual([...buttons(asked).keys()], [language.yesButton, language.noButton]);
      assert.equal(await status(bot, caseId), 'assigned');

      // "No" keeps the chat with the agent.
      assert.match(visibleText(await send(bot, { value: buttons(asked).get(language.noButton) })), language.kept);
      assert.equal(await status(bot, caseId), 'assigned');

      // "Yes" ends it.
      const again = await send(bot, { value: offered[0][1] });
      assert.match(visibleText(await send(bot, { value: buttons(again).get(language.yesButton) })), language.ended);
      const record = await bot.cases.get(caseId);
      assert.equal(record?.status, 'closed');
      assert.equal((record?.details as { closedBy?: string }).closedBy, 'user');
    });

    it(`"${language.cancel}" withdraws at once while queued, but asks first once an agent has joined; typed yes / no answer (${language.locale})`, async () => {
      // Queued: one step, as before.
      const queued = makeTestBot({ locale: language.locale, conversationId: 'conversation-queued' });
      const waiting = await openCase(queued, language);
      assert.match(visibleText(await send(queued, language.cancel)), language.withdrawn);
      assert.equal(await status(queued, waiting.caseId), 'closed');

      const bot = makeTestBot({ locale: language.locale });
      const { caseId, withdraw } = await openCase(bot, language);
      await agentJoins(bot, caseId);

      assert.match(visibleText(await send(bot, language.cancel)), language.confirmQuestion);
      assert.equal(await status(bot, caseId), 'assigned', 'typed cancel alone ends nothing');
      assert.match(visibleText(await send(bot, language.no)), language.kept);
      assert.equal(await status(bot, caseId), 'assigned');

      // A "yes" with no question pending is a message to the agent, not an ending.
      await send(bot, language.yes);
      assert.equal(await status(bot, caseId), 'assigned');
      const relayed = await bot.escalation.messages(caseId);
      assert.ok(relayed.some((message) => message.from === 'user' && message.text === language.yes));

      // The withdraw button of the earlier card asks too, and a typed yes ends the chat.
      assert.match(visibleText(await send(bot, { value: withdraw })), language.confirmQuestion);
      assert.match(visibleText(await send(bot, language.yes)), language.ended);
      assert.equal(await status(bot, caseId), 'closed');
    });

    it(`a message other than yes / no after the question goes to the agent and drops the question (${language.locale})`, async () => {
      const bot = makeTestBot({ locale: language.locale });
      const { caseId } = await openCase(bot, language);
      await agentJoins(bot, caseId);
      await send(bot, language.cancel);
      const text = 'EXCH01 still fails with 5.7.64';
      assert.equal((await send(bot, text)).length, 0, 'the bot stays quiet while an agent has the case');
      assert.ok((await bot.escalation.messages(caseId)).some((message) => message.from === 'user' && message.text === text));
      await send(bot, language.yes);
      assert.equal(await status(bot, caseId), 'assigned', 'the question was dropped: "yes" is a message now');
    });
  }
});
