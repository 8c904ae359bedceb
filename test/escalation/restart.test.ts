/**
 * Nothing lost across a restart: a queued and an assigned case survive a graceful restart and a
 * `kill -9` of the bot process, relaying goes on afterwards in both directions, and an agent's
 * message the crash left unsent ("pending") is sent when the bot is back.
 */
import { strict as assert } from 'assert';
import { type ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { SqliteCaseStore } from '../../bot/cases/sqliteCaseStore';
import { databasePath, openDatabase } from '../../bot/store/sqliteDatabase';
import { projectRoot } from '../helpers/paths';
import { ANNA, escalate, type Harness, startHarness, textsOf, until } from './harness';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('handoff across restarts', function () {
  this.timeout(120_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  /** A queued case (user A) and an assigned one (user B, Anna has it and wrote once). */
  async function twoCases(prefix: string) {
    const waiting = harness.user(`${prefix}-queued`);
    const talking = harness.user(`${prefix}-assigned`);
    const queuedId = await escalate(waiting);
    const assignedId = await escalate(talking);
    assert.equal((await harness.desk('POST', `/cases/${assignedId}/take`, { agent: ANNA })).status, 200);
    assert.equal((await harness.desk('POST', `/cases/${assignedId}/messages`, { agent: ANNA, text: 'Before the restart.' })).status, 200);
    return { waiting, talking, queuedId, assignedId };
  }

  async function checkAfterRestart(cases: Awaited<ReturnType<typeof twoCases>>) {
    const queued = (await harness.desk('GET', '/cases?status=queued')).json.cases?.map((item: { id: string }) => item.id) ?? [];
    const assigned = (await harness.desk('GET', '/cases?status=assigned')).json.cases?.map((item: { id: string }) => item.id) ?? [];
    assert.ok(queued.includes(cases.queuedId), 'the queued case is still queued');
    assert.ok(assigned.includes(cases.assignedId), 'the assigned case is still assigned');
    // Relaying goes on: agent -> user, user -> agent, and the waiting user still adds to the case.
    const sent = await harness.desk('POST', `/cases/${cases.assignedId}/messages`, { agent: ANNA, text: 'After the restart.' });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    await cases.talking.waitFor(/Anna Berger \(support\): After the restart\./);
    const quiet = await cases.talking.say('Still here, thanks.');
    assert.equal(quiet.length, 0, textsOf(quiet));
    const messages =
      (await harness.desk('GET', `/cases/${cases.assignedId}/messages`)).json.messages?.map(
        (message: { from: string; text: string }) => `${message.from}: ${message.text}`,
      ) ?? [];
    assert.ok(
      messages.includes('agent: Before the restart.') &&
        messages.includes('agent: After the restart.') &&
        messages.includes('user: Still here, thanks.'),
      messages.join('\n'),
    );
    assert.match(textsOf(await cases.waiting.say('Any news?')), new RegExp(`Added to your case #${cases.queuedId}`));
  }

  it('after a graceful restart', async () => {
    const cases = await twoCases('graceful');
    await harness.restart();
    await checkAfterRestart(cases);
  });

  it('after kill -9 of the bot process, with an agent message the crash left unsent', async () => {
    // The bot as `npm start` runs it, in a child process, on the harness's data folder.
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BOT_DATA_DIR: harness.dataDir,
      HANDOFF_SWEEP_SECONDS: '0.1',
      PUBLIC_URL: '',
    };
    const entry = path.join(projectRoot(), 'dist', 'bot', 'index.js');
    const startChild = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, ['--disable-warning=DEP0111', entry], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      await until(
        async () => {
          if (child.exitCode !== null) throw new Error(`the bot exited: ${stderr}`);
          return fetch(`http://127.0.0.1:${port}/healthz`).then(
            (response) => response.ok,
            () => false,
          );
        },
        60_000,
        'the bot process',
      );
      return child;
    };
    // Point the harness at the child instead of its in-process app.
    await harness.app.close();
    harness.pointAt(`http://127.0.0.1:${port}`);
    let child = await startChild();
    try {
      const cases = await twoCases('crash');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      // What a crash between "stored" and "sent" leaves: an agent message still pending.
      const store = new SqliteCaseStore(openDatabase(databasePath(harness.dataDir)), true);
      const pending = await store.appendMessage({
        caseId: cases.assignedId,
        from: 'agent',
        authorName: ANNA.name,
        text: 'Sent just before the crash.',
        at: new Date(Date.now() - 120_000).toISOString(),
        delivery: 'pending',
      });
      await store.close();

      child = await startChild();
      await cases.talking.waitFor(/Anna Berger \(support\): Sent just before the crash\./);
      await until(
        async () => {
          const messages = (await harness.desk('GET', `/cases/${cases.assignedId}/messages`)).json.messages as Array<{
            seq: number;
            delivery: string;
          }>;
          return messages.find((message) => message.seq === pending.seq)?.delivery === 'delivered';
        },
        10_000,
        'the pending message marked delivered',
      );
      await checkAfterRestart(cases);
      const joined = harness.channel.textsIn(`crash-assigned`).filter((text) => /has joined the chat/.test(text));
      assert.equal(joined.length, 1, 'nothing sent twice');
    } finally {
      child.kill('SIGKILL');
      harness.pointAt(undefined);
      await harness.restart();
    }
  });
});
