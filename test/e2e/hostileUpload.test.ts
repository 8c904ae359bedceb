/**
 * A hostile upload cannot stall the host (issue 13): while the chain bomb is analysed in one
 * conversation, /healthz and another conversation answer. Asserted as an order of events
 * (they answer before the bomb's reply), not as durations.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { silentLogger, visibleText } from '../bot/helpers/testBot';
import { chainBomb, chainBombP7b, ISSUE_BOMB, ORDINARY_RSA } from '../certificates/chainBomb';
import { postLocalTurn } from '../helpers/localTurn';
import { inlineAttachment } from '../helpers/inlineAttachment';

type Replies = Array<Partial<Activity>>;

describe('a hostile upload does not stall the host', function () {
  this.timeout(120_000);
  let dataDir: string;
  let app: BotApp;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-bot-hostile-'));
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }), { host: '127.0.0.1', logger: silentLogger });
  });

  after(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(conversation: string, activity: Partial<Activity>): Promise<Replies> {
    const response = await postLocalTurn(app.url, conversation, { id: `a-${conversation}`, ...activity });
    assert.equal(response.status, 200);
    return ((await response.json()) as { activities: Replies }).activities;
  }

  const upload = (name: string, bytes: Uint8Array | string) => ({ attachments: [inlineAttachment(name, bytes)] });

  for (const [label, name, bytes, expected] of [
    // The upload of the issue: a .p7b of 200 certificates, 80 of them "CN=Evil CA" with 3070-bit exponents.
    [
      '3070-bit exponents, .p7b',
      'bomb.p7b',
      chainBombP7b(ISSUE_BOMB),
      /bomb\.p7b: 80 certificate\(s\) have an RSA key that no certification authority issues/,
    ],
    [
      'ordinary keys, PEM',
      'bomb.pem',
      chainBomb({ leaves: 100, issuers: 100, issuerKey: ORDINARY_RSA }),
      /after 1000 signature checks \(the limit per analysis\)/,
    ],
  ] as const) {
    it(`answers /healthz and another conversation while the 200-certificate bomb (${label}) is analysed`, async function () {
      const events: string[] = [];
      const bomb = send(`bomb-${label}`, upload(name, bytes)).then((replies) => {
        events.push('bomb answered');
        return replies;
      });
      // Give the bomb's request a head start into its turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await fetch(`${app.url}/healthz`);
      events.push(`healthz ${health.status}`);
      const other = await send(`other-${label}`, { text: 'help' });
      events.push('other conversation answered');
      assert.match(visibleText(other), /upload a certificate|paste/i);
      const replies = await bomb;
      assert.deepEqual(events, ['healthz 200', 'other conversation answered', 'bomb answered']);
      assert.match(visibleText(replies), expected);
    });
  }
});
