/**
 * The store as an operator meets it: /readyz tells whether the store answers (embedded and
 * Azure), a turn while the Azure store is down fails fast with the polite message, the
 * Azurite `.data` of earlier versions is migrated on first start, and the retention sweep
 * deletes old conversations and closed cases.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Activity } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { startAzurite } from '../../bot/store/azuriteProcess';
import { t } from '../../dialogs/strings';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { silentLogger } from '../bot/helpers/testBot';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { postLocalTurn } from '../helpers/localTurn';

const DAY_MS = 24 * 60 * 60 * 1000;

async function send(app: BotApp, conversation: string, text: string): Promise<{ status: number; text: string; replies: number }> {
  const response = await postLocalTurn(app.url, conversation, {
    id: `m-${Math.random()}`,
    from: { id: 'user-1', name: 'Admin', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    text,
  });
  const body = response.status === 200 ? ((await response.json()) as { activities: Array<Partial<Activity>> }) : { activities: [] };
  return {
    status: response.status,
    text: body.activities
      .map((activity) => activity.text ?? '')
      .join('\n')
      .trim(),
    replies: body.activities.length,
  };
}

describe('store lifecycle: readiness, migration, retention', function () {
  this.timeout(90_000);
  let dir: string;
  let app: BotApp | undefined;

  beforeEach(() => (dir = makeTempDir('store-lifecycle')));
  afterEach(async () => {
    await app?.close();
    app = undefined;
    removeTempDir(dir);
  });

  it('embedded: /readyz is 200 while the store answers and 503 once it does not; /healthz stays 200', async () => {
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dir }), { host: '127.0.0.1', logger: silentLogger });
    assert.equal((await fetch(`${app.url}/readyz`)).status, 200);
    await app.storage.close();
    const ready = await fetch(`${app.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { status: 'unavailable' });
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
  });

  it('Azure: /readyz turns 503 when the storage service dies, and a turn then fails fast with the polite message', async () => {
    const azurite = await startAzurite(path.join(dir, 'azurite-service'), { blob: true, table: true });
    try {
      app = await startServer(loadConfig({ PORT: '0', BLOB_STORAGE_CONNECTION_STRING: azurite.connectionString }), {
        host: '127.0.0.1',
        logger: silentLogger,
      });
      assert.equal((await fetch(`${app.url}/readyz`)).status, 200);
      assert.ok((await send(app, 'alive', NDR_5_7_64_EN)).replies > 0);
      process.kill(azurite.pid!, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await fetch(`${app.url}/readyz`)).status, 503);
      const started = Date.now();
      const turn = await send(app, 'alive', 'talk to a person');
      assert.equal(turn.text, t('en', 'error.turn'));
      assert.ok(Date.now() - started < 20_000, `the failed turn took ${Date.now() - started} ms`);
    } finally {
      await azurite.close();
    }
  });

  it('migrates the Azurite store of earlier versions on first start: conversations go on, nothing is deleted', async () => {
    const old = await startAzurite(path.join(dir, 'azurite'), { blob: true });
    const blobs = new BlobsStorage(old.connectionString, 'bot-state');
    const state = {
      case: {
        version: 1,
        language: 'en',
        welcomed: true,
        handoffRequested: true,
        textFindings: [{ kind: 'smtp-reply', value: '550 5.7.64', excerpt: '550 5.7.64 TenantAttribution' }],
        transcript: [],
      },
      dialogState: { dialogStack: [{ id: 'support', state: {} }] },
    };
    await blobs.write({
      'emulator/conversations/old-1/': state,
      'handoff/emulator/old-1': { state: 'requested', summary: { verdict: 'match' } },
    });
    await old.close();

    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dir }), { host: '127.0.0.1', logger: silentLogger });
    // The conversation goes on from its migrated state (the old, never-served request record is kept as it was).
    assert.equal((await send(app, 'old-1', 'talk to a person')).status, 200);
    assert.ok(await app.cases.openCaseFor('emulator', 'old-1'), 'a person is asked for through the case queue now');
    const handoff = await app.storage.storage.read(['handoff/emulator/old-1']);
    assert.equal((handoff['handoff/emulator/old-1'] as { state?: string } | undefined)?.state, 'requested');
    assert.equal(fs.existsSync(path.join(dir, 'azurite')), false);
    const kept = fs.readdirSync(dir).filter((name) => name.startsWith('azurite-migrated-'));
    assert.equal(kept.length, 1, 'the old folder is kept under a new name');
    assert.ok(fs.existsSync(path.join(dir, kept[0], '__azurite_db_blob__.json')));
  });

  it('retention deletes conversations not written for STATE_RETENTION_DAYS and cases closed that long ago, nothing newer', async () => {
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dir, STATE_RETENTION_DAYS: '30' }), {
      host: '127.0.0.1',
      logger: silentLogger,
    });
    await send(app, 'old-conversation', NDR_5_7_64_EN);
    const cases = app.storage.cases!;
    const open = await cases.create({
      channelId: 'emulator',
      conversationId: 'old-conversation',
      conversationReference: {},
      language: 'en',
      summary: {},
      transcript: [],
      details: {},
    });
    const closed = await cases.create({
      channelId: 'emulator',
      conversationId: 'x',
      conversationReference: {},
      language: 'en',
      summary: {},
      transcript: [],
      details: {},
    });
    await cases.replace({ ...closed, status: 'closed' });

    assert.deepEqual(await app.retention.runOnce(new Date(Date.now() + 29 * DAY_MS)), { state: 0, cases: 0 });
    const swept = await app.retention.runOnce(new Date(Date.now() + 31 * DAY_MS));
    assert.equal(swept.cases, 1);
    assert.ok(swept.state >= 1);
    assert.deepEqual(await app.storage.storage.read(['emulator/conversations/old-conversation/']), {});
    assert.equal(await cases.get(closed.id), undefined);
    assert.equal((await cases.get(open.id))?.status, 'queued', 'an open case is never swept');
  });

  it('reads STATE_RETENTION_DAYS (default 30, 0 keeps everything)', () => {
    assert.equal(loadConfig({}).retentionDays, 30);
    assert.equal(loadConfig({ STATE_RETENTION_DAYS: '90' }).retentionDays, 90);
    assert.equal(loadConfig({ STATE_RETENTION_DAYS: '0' }).retentionDays, 0);
  });
});
