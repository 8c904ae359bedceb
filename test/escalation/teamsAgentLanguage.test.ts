/**
 * What the bot tells agents in a Teams chat is in the agents' language throughout: why a message
 * was not sent or not delivered (German agents used to read "Nicht gesendet: Only https links
 * may be sent ..."), and percentages as the chat writes them (German "85 %", English "85%").
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';
import { activityTexts } from '../helpers/channelServer';
import { escalate, type Harness, startHarness } from './harness';

const anna = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Agent' };

const LANGUAGES = [
  {
    language: 'de',
    chat: '19:agents-chat-de@thread.v2',
    percent: /\(\d{1,3} %\)/,
    rejected: 'Nicht gesendet: An den Kunden dürfen nur https-Links gehen („http:“ gefunden).',
    notDelivered:
      'Nicht beim Kunden angekommen: Der Kanal antwortete mit HTTP 403 (der Bot darf dort nicht schreiben oder wurde entfernt).',
    english: /Only https|not allowed to write|Not delivered|the channel/,
  },
  {
    language: 'en',
    chat: '19:agents-chat-en@thread.v2',
    percent: /\(\d{1,3}%\)/,
    rejected: 'Not sent: Only https links may be sent to the customer ("http:" found).',
    notDelivered: 'Not delivered to the customer: the channel answered HTTP 403 (the bot is not allowed to write there, or was removed).',
    english: /Nicht|Kanal/,
  },
] as const;

describe("Teams agents' chat: reasons and numbers in the agents' language", function () {
  this.timeout(60_000);

  for (const lang of LANGUAGES) {
    it(`${lang.language}: a refused link, a refused delivery, the card's percentage`, async () => {
      const harness: Harness = await startHarness({
        AGENT_TEAMS_CONVERSATION_ID: lang.chat,
        AGENT_TEAMS_SERVICE_URL: '{channel}',
        AGENT_LANGUAGE: lang.language,
      });
      try {
        const inChat = async (activity: Partial<Activity>): Promise<string> => {
          const before = harness.channel.requests.length;
          const response = await fetch(`${harness.app.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'message',
              id: `chat-${Math.random().toString(36).slice(2)}`,
              channelId: 'msteams',
              serviceUrl: harness.channel.url,
              from: anna,
              recipient: { id: '28:bot', name: 'Mailflow bot' },
              conversation: { id: lang.chat, conversationType: 'groupChat', isGroup: true },
              ...activity,
            }),
          });
          assert.equal(response.status, 200);
          return harness.channel.requests
            .slice(before)
            .filter((request) => request.conversationId === lang.chat)
            .flatMap((request) => activityTexts(request.body))
            .join('\n');
        };
        const mention = (text: string): Partial<Activity> => ({
          text: `<at>Mailflow bot</at> ${text}`,
          entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'Mailflow bot' }, text: '<at>Mailflow bot</at>' }],
        });

        const user = harness.user(`teams-language-${lang.language}`);
        const caseId = await escalate(user, TWO_SMTP_CERTIFICATES);
        const card = await harness.channel.waitFor(
          (request) => request.conversationId === lang.chat && new RegExp(`#${caseId}`).test(JSON.stringify(request.body)),
        );
        const cardText = activityTexts(card.body).join(' ');
        assert.match(cardText, /KB 2888788/);
        assert.match(cardText, lang.percent, cardText);

        await inChat({ text: '', value: { action: 'desk-take', caseId } });
        await user.waitFor(/has joined/);

        const rejected = await inChat(mention(`#${caseId} see http://contoso.example/fix`));
        assert.ok(rejected.includes(lang.rejected), rejected);
        assert.doesNotMatch(rejected, lang.english);

        harness.channel.refuse(1, 403, (path) => path.includes(user.conversationId));
        const refused = await inChat(mention(`#${caseId} Are you still there?`));
        assert.ok(refused.includes(lang.notDelivered), refused);
        const frame = lang.notDelivered.slice(0, lang.notDelivered.indexOf(':'));
        assert.equal(refused.split(frame).length - 1, 1, `"${frame}" once, not twice: ${refused}`);
        assert.doesNotMatch(refused, lang.english);
      } finally {
        await harness.close();
      }
    });
  }
});
