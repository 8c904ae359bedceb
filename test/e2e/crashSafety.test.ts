/**
 * A turn the user was answered is durable: the bot process is killed with SIGKILL the moment
 * its reply reaches the channel (a fake Bot Connector, as Web Chat and Teams get replies), and
 * after a restart on the same data folder the conversation goes on from that turn, including a
 * handoff the user was told was recorded.
 */
import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import * as path from 'node:path';
import { openDatabase } from '../../bot/store/sqliteDatabase';
import { SqliteStateStorage } from '../../bot/store/sqliteStateStorage';
import { normaliseCase } from '../../dialogs/caseState';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { type BotProcess, startBotProcess } from '../helpers/botProcess';
import { type ReplyCollector as Connector, startReplyCollector as startConnector } from '../helpers/replyCollector';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

describe('crash safety of the embedded store (kill -9)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let connector: Connector;
  let bot: BotProcess | undefined;
  let nextId = 1;

  async function post(conversation: string, text: string, deliveryMode?: string): Promise<Response> {
    return fetch(`${bot!.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m-${nextId++}`,
        channelId: 'webchat',
        serviceUrl: connector.url,
        deliveryMode,
        from: { id: 'user-1', name: 'Admin', role: 'user' },
        recipient: { id: 'bot', name: 'Bot', role: 'bot' },
        conversation: { id: conversation },
        locale: 'en-US',
        text,
        timestamp: new Date().toISOString(),
      }),
    }).catch((error: Error) => new Response(null, { status: 599, statusText: error.message }));
  }

  /** Sends a message and kills the bot with SIGKILL as soon as the first reply reaches the channel. */
  async function sendAndKillOnReply(conversation: string, text: string): Promise<Partial<Activity>> {
    let killed!: Promise<void>;
    const replied = new Promise<Partial<Activity>>((resolve) => {
      connector.onReply = async (activity) => {
        if (activity.type !== 'message') return;
        connector.onReply = () => Promise.resolve();
        killed = bot!.kill9();
        await killed;
        resolve(activity);
      };
    });
    void post(conversation, text);
    const reply = await replied;
    await killed;
    return reply;
  }

  async function expectReplies(conversation: string, text: string): Promise<string> {
    const response = await post(conversation, text, 'expectReplies');
    assert.equal(response.status, 200);
    const { activities } = (await response.json()) as { activities: Array<Partial<Activity>> };
    return activities.map((activity) => `${activity.text ?? ''} ${JSON.stringify(activity.attachments ?? [])}`).join('\n');
  }

  beforeEach(async () => {
    dataDir = makeTempDir('bot-crash');
    connector = await startConnector();
  });

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await connector.close();
    removeTempDir(dataDir);
  });

  it('keeps the turn whose answer the user saw, and the handoff the user was told was recorded', async () => {
    bot = await startBotProcess({ BOT_DATA_DIR: dataDir });
    const answer = await sendAndKillOnReply('crash-1', NDR_5_7_64_EN);
    assert.ok(answer.text || answer.attachments, 'the user got an answer before the kill');
    assert.notEqual(bot.child.signalCode, null);

    const stored = await readCase(dataDir, 'webchat/conversations/crash-1/');
    assert.ok(
      stored.textFindings.some((finding) => finding.value.includes('5.7.64')),
      'the 5.7.64 finding of the answered turn is on disk',
    );
    assert.ok(stored.last, 'the verdict the user was shown is on disk');

    bot = await startBotProcess({ BOT_DATA_DIR: dataDir });
    const handoffConfirmation = await sendAndKillOnReply('crash-1', 'talk to a person');
    const caseId = /I have opened support case #([0-9A-Z]{8})/.exec(handoffConfirmation.summary ?? '')?.[1];
    assert.ok(caseId, `the user was told the case number: ${handoffConfirmation.summary}`);

    bot = await startBotProcess({ BOT_DATA_DIR: dataDir });
    // The case survived: asking again is answered with the same case and its place in the queue ...
    assert.match(
      await expectReplies('crash-1', 'talk to a person'),
      new RegExp(`Your support case #${caseId} is already open: you are number 1 in the queue`),
    );
    const afterHandoff = await readCase(dataDir, 'webchat/conversations/crash-1/');
    assert.equal(afterHandoff.escalation?.caseId, caseId);
    assert.ok(afterHandoff.textFindings.some((finding) => finding.value.includes('5.7.64')));
  });
});

async function readCase(dataDir: string, key: string) {
  const db = openDatabase(path.join(dataDir, 'bot.sqlite'));
  try {
    const items = await new SqliteStateStorage(db).read([key]);
    return normaliseCase((items[key] as { case?: unknown } | undefined)?.case);
  } finally {
    db.close();
  }
}
