/** Host configuration as an operator would notice it: where the bot listens, and what it allows. */
import { strict as assert } from 'assert';
import * as os from 'os';
import { loadConfig } from '../../bot/config';
import { startServer } from '../../bot/index';
import { MemoryStorage } from 'botbuilder';
import { silentLogger } from '../bot/helpers/testBot';

describe('host configuration', () => {
  it('local mode (no app id) listens on loopback only; HOST or an app id change that', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }).host, undefined);
  });

  it("a local-mode bot cannot be reached from another machine's point of view (a non-loopback address)", async function () {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) this.skip();
    const storage = { storage: new MemoryStorage(), description: 'memory', close: () => Promise.resolve() };
    const app = await startServer(loadConfig({ PORT: '0' }), { storage, logger: silentLogger });
    try {
      assert.equal((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status, 200);
      await assert.rejects(fetch(`http://${external.address}:${app.port}/healthz`));
    } finally {
      await app.close();
    }
  });
});
