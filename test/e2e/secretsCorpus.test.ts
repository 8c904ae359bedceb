/**
 * The secrets corpus against the running host (issue 13): every sample is pasted (next to a real
 * error line, so it lands in excerpts), uploaded as a text file, put in file names and in a forged
 * button value; then the user asks for a person. No secret may appear in any reply, in the stored
 * conversation and user state, in the handoff record, in any byte of the store's files on disk,
 * or in the log (written at debug level).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { memoryLog, type MemoryLog } from '../bot/helpers/memoryLog';
import { postLocalTurn } from '../helpers/localTurn';
import { FILE_NAME_SAMPLES, SECRET_SAMPLES } from '../redact/secretsCorpus';

const NDR_LINE = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
const CONVERSATION = 'secrets-corpus';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('secrets corpus: nothing comes out anywhere', function () {
  this.timeout(180_000);
  let dataDir: string;
  let app: BotApp | undefined;
  let log: MemoryLog;
  const replies: string[] = [];
  const stored: string[] = [];
  const allSecrets = [...SECRET_SAMPLES, ...FILE_NAME_SAMPLES].flatMap((sample) =>
    sample.secrets.map((secret) => ({ sample: sample.name, secret })),
  );

  async function send(activity: Record<string, unknown>): Promise<void> {
    const response = await postLocalTurn(app!.url, CONVERSATION, activity);
    const body = await response.text();
    assert.equal(response.status, 200, body);
    replies.push(body);
  }

  before(async function () {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-bot-secrets-'));
    log = memoryLog('debug');
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }), { host: '127.0.0.1', logger: log.logger });

    for (const sample of SECRET_SAMPLES) await send({ id: `paste-${sample.name}`, text: `${sample.text}\n${NDR_LINE}` });
    const everything = SECRET_SAMPLES.map((sample) => sample.text).join('\n');
    for (const sample of FILE_NAME_SAMPLES) {
      const name = sample.text.replace(/\.\w+$/, '.txt');
      await send({
        id: `upload-${sample.name}`,
        attachments: [
          {
            name,
            contentType: 'text/plain',
            contentUrl: `data:text/plain;base64,${Buffer.from(`${NDR_LINE}\n${everything}`).toString('base64')}`,
          },
        ],
      });
      await send({
        id: `unreadable-${sample.name}`,
        attachments: [
          { name: sample.text.replace(/\.\w+$/, '.docx'), contentType: 'application/msword', contentUrl: 'http://127.0.0.1:9/x.docx' },
        ],
      });
    }
    await send({
      id: 'forged-card',
      value: { action: 'answer', questionId: 'password=Vx1-card-Pw', optionId: 'Authorization: Basic Y2FyZC1iYXNpYy1QdzE=' },
    });
    await send({ id: 'handoff', text: 'talk to a person' });

    const storage = app.storage.storage;
    // BotState's keys end in '/' (empty namespace); the user document exists only once the user chose a language.
    const keys = [`emulator/conversations/${CONVERSATION}/`, 'emulator/users/user-1/'];
    const items = await storage.read(keys);
    assert.ok(items[keys[0]], `${keys[0]} stored`);
    const handoffCase = await app.cases.openCaseFor('emulator', CONVERSATION);
    assert.ok(handoffCase, 'the handoff case stored');
    stored.push(JSON.stringify(items[keys[0]]), JSON.stringify({ ...handoffCase, messages: await app.cases.messages(handoffCase.id) }));
    if (items[keys[1]]) stored.push(JSON.stringify(items[keys[1]]));
    await app.close();
    app = undefined;
  });

  after(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the conversation really went through: answers, a redaction notice, a handoff record with the transcript', function () {
    assert.equal(replies.length, SECRET_SAMPLES.length + 2 * FILE_NAME_SAMPLES.length + 2);
    assert.ok(replies.some((body) => body.includes('looks like a private key, password or token')));
    const handoff = JSON.parse(stored[1]) as { summary: { findings: unknown[] }; transcript: Array<{ text: string }> };
    assert.ok(handoff.summary.findings.length > 0);
    assert.ok(handoff.transcript.some((line) => line.text.includes('[removed]')));
  });

  for (const [where, read] of [
    ['replies', () => replies.join('\n')],
    ['stored conversation state, user state and handoff record', () => stored.join('\n')],
    [
      "the store's files on disk",
      () =>
        filesUnder(dataDir)
          .map((file) => fs.readFileSync(file).toString('utf8'))
          .join('\n'),
    ],
    ['the log', () => log.lines.join('\n')],
  ] as const) {
    it(`no secret in ${where}`, function () {
      const text = read();
      assert.ok(text.length > 0, `${where} is not empty`);
      const leaks = allSecrets.filter(({ secret }) => text.includes(secret)).map(({ sample, secret }) => `${sample}: ${secret}`);
      for (const extra of ['Vx1-card-Pw', 'Y2FyZC1iYXNpYy1QdzE=']) if (text.includes(extra)) leaks.push(`forged card value: ${extra}`);
      assert.deepEqual(leaks, []);
    });
  }
});
