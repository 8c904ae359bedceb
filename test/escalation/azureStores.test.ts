/**
 * The same handoff on the Azure path (state in Blob Storage, cases in Table Storage, both on
 * Azurite): escalate, take, relay both ways, close and rate; and two instances on the same
 * account give one winner when two agents race for a case.
 */
import { strict as assert } from 'assert';
import { loadConfig } from '../../bot/config';
import { startServer } from '../../bot/index';
import { silentLogger } from '../bot/helpers/testBot';
import { uniqueStoreName, useAzurite } from '../helpers/azurite';
import { ANNA, BEN, escalate, startHarness, textsOf } from './harness';

describe('handoff on Azure storage (Azurite blob and table)', function () {
  this.timeout(120_000);
  const azurite = useAzurite();

  it('runs a whole case, and two instances racing for it give one winner', async () => {
    const env = {
      BLOB_STORAGE_CONNECTION_STRING: azurite.connectionString,
      BLOB_STORAGE_CONTAINER: uniqueStoreName('state'),
      CASES_TABLE: uniqueStoreName('cases'),
    };
    const harness = await startHarness(env);
    const second = await startServer(loadConfig({ PORT: '0', ...env }), { host: '127.0.0.1', logger: silentLogger });
    try {
      const user = harness.user('azure-1', { locale: 'de-DE' });
      const caseId = await escalate(user, 'Seit Montag bleiben Mails an einen Partner hängen.');
      const take = (base: string, agent: typeof ANNA) =>
        fetch(`${base}/api/desk/cases/${caseId}/take`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ agent }),
        }).then((response) => response.status);
      const statuses = await Promise.all([take(harness.app.url, ANNA), take(second.url, BEN)]);
      assert.deepEqual([...statuses].sort(), [200, 409]);
      const winner = statuses[0] === 200 ? ANNA : BEN;
      await user.waitFor(new RegExp(`${winner.name} aus dem Support ist dem Chat beigetreten`));
      assert.equal((await harness.desk('POST', `/cases/${caseId}/messages`, { agent: winner, text: 'Ich schaue es mir an.' })).status, 200);
      await user.waitFor(new RegExp(`${winner.name} \\(Support\\): Ich schaue es mir an\\.`));
      assert.equal((await user.say('Danke!')).length, 0);
      const messages =
        (await harness.desk('GET', `/cases/${caseId}/messages`)).json.messages?.map(
          (message: { from: string; text: string }) => `${message.from}: ${message.text}`,
        ) ?? [];
      assert.ok(messages.includes('user: Danke!'), messages.join('\n'));
      assert.equal((await harness.desk('POST', `/cases/${caseId}/close`, { agent: winner })).status, 200);
      await user.waitFor(/Wie zufrieden waren Sie/);
      assert.match(textsOf(await user.say('4')), /Vielen Dank für Ihre Bewertung/);
      assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.rating?.score, 4);
    } finally {
      await second.close();
      await harness.close();
    }
  });
});
