/**
 * Issue 23, point 3: a case opened in `npm run chat` can be answered. The desk's messages to a
 * console conversation are accepted (not "the channel could not be reached") and wait in the case
 * store; the console chat shows each once, also after a restart of the chat, and the closing
 * notice with how to rate. Log lines go to a file only when asked (never into the chat).
 */
import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { chatLogger } from '../../bot/consoleChat';
import { ConsoleInbox, consoleAwareSender } from '../../bot/consoleInbox';
import { DeliveryError, type ProactiveSender } from '../../bot/escalation/proactive';
import { EscalationService } from '../../bot/escalation/escalationService';
import { loadConfig } from '../../bot/config';
import { makeTestBot, silentLogger, visibleText } from './helpers/testBot';

const anna = { id: 'agent-anna', name: 'Anna Berger' };
const unreachable: ProactiveSender = {
  send: () => Promise.reject(new DeliveryError('the channel could not be reached')),
  run: () => Promise.reject(new DeliveryError('the channel could not be reached')),
};

describe('console chat: agents can answer a case opened in the terminal (issue 23, point 3)', () => {
  for (const { locale, ask, says, closed, rate } of [
    {
      locale: 'en-US',
      ask: 'talk to a person',
      says: 'Anna Berger (support): ',
      closed: /Anna Berger has closed your case/,
      rate: /Type a number from 1/,
    },
    {
      locale: 'de-DE',
      ask: 'mit einem Menschen sprechen',
      says: 'Anna Berger (Support): ',
      closed: /Anna Berger hat Ihren Fall #[0-9A-Z]{8} abgeschlossen/,
      rate: /Tippen Sie eine Zahl von 1/,
    },
  ]) {
    it(`the desk's messages are accepted and shown in the chat once, also after the chat restarts (${locale})`, async () => {
      // The user in the terminal (channel "console") opens a case.
      const user = makeTestBot({ channelId: 'console', conversationId: 'console', locale });
      const opened = visibleText(await user.send(ask));
      const caseId = /#([0-9A-Z]{8})/.exec(opened)?.[1] ?? '';
      assert.ok(caseId, opened);
      // The agent works on it from `npm start`'s desk: another service on the same store, whose
      // channel sender cannot reach a terminal.
      const desk = new EscalationService({
        store: user.cases,
        sender: consoleAwareSender(unreachable),
        config: loadConfig({ PORT: '0' }).escalation,
        logger: silentLogger,
      });
      await desk.take(caseId, anna, 'desk');
      const sent = await desk.agentMessage(caseId, anna, 'Please run Get-ExchangeCertificate on EXCH01 and paste the output.');
      assert.equal(sent.delivery, 'delivered', 'not "the channel could not be reached"');

      const storage = new MemoryStorage();
      const inbox = new ConsoleInbox(user.cases, storage);
      const lines = await inbox.poll();
      assert.equal(lines.length, 2, lines.join('\n'));
      assert.match(lines[0], /Anna Berger/, 'the join notice');
      assert.equal(lines[1], `${says}Please run Get-ExchangeCertificate on EXCH01 and paste the output.`);
      assert.deepEqual(await inbox.poll(), [], 'each message once');

      // The user answers; it goes to the agent, not back into the chat.
      await user.send('Here it is: Thumbprint 1A2B');
      assert.deepEqual(await inbox.poll(), []);

      // The chat was closed and started again: only what is new is shown.
      await desk.agentMessage(caseId, anna, 'Thanks, that is the old certificate.');
      const restarted = new ConsoleInbox(user.cases, storage);
      assert.deepEqual(await restarted.poll(), [`${says}Thanks, that is the old certificate.`]);

      await desk.close(caseId, anna);
      const last = await restarted.poll();
      assert.match(last.join('\n'), closed);
      assert.match(last[last.length - 1], rate);
      // A typed digit rates the case in the terminal.
      await user.send('5');
      assert.equal(((await user.cases.get(caseId))?.details as { rating?: { score: number } }).rating?.score, 5);
      assert.deepEqual(await restarted.poll(), []);
    });
  }

  it('other channels still go through the channel sender (a refusal stays a refusal)', async () => {
    const sender = consoleAwareSender(unreachable);
    await assert.doesNotReject(sender.send({ channelId: 'console' }, [{ type: 'message', text: 'x' }]));
    await assert.rejects(sender.send({ channelId: 'directline' }, [{ type: 'message', text: 'x' }]), /could not be reached/);
  });

  it('logs go to a file with --log FILE and nowhere by default', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chat-log-'));
    try {
      const file = path.join(dir, 'chat.log');
      chatLogger(['--log', file]).info('handoff: case K7Q2M9XD opened');
      assert.match(readFileSync(file, 'utf8'), /"msg":"handoff: case K7Q2M9XD opened"/);
      const quiet = chatLogger([]);
      assert.doesNotThrow(() => quiet.info('nothing'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
