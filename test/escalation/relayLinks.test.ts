/**
 * An agent's link after the word "password" reaches the customer whole: "Reset the password at
 * https://aka.ms/sspr" used to arrive as "https:[removed]" while the desk said "delivered".
 * A password given next to a link is still removed.
 */
import { strict as assert } from 'assert';
import { cleanAgentText } from '../../bot/escalation/relayText';
import { activityTexts } from '../helpers/channelServer';
import { ANNA, escalate, type Harness, startHarness } from './harness';

describe('agent messages: links after "password" are relayed whole', function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  async function relay(conversationId: string, locale: string, text: string): Promise<string> {
    const user = harness.user(conversationId, { locale });
    const caseId = await escalate(user);
    assert.equal((await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA })).status, 200);
    const sent = await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    assert.equal(sent.json.message?.delivery, 'delivered');
    const received = await user.waitFor(/Anna Berger \((?:support|Support)\)/);
    const said = activityTexts(received).join('\n');
    assert.equal(sent.json.message?.text && said.includes(sent.json.message.text), true, 'the desk shows what the customer got');
    return said;
  }

  it('English: the customer gets the reset link and the import link', async () => {
    const said = await relay(
      'relay-link-en',
      'en-US',
      'Reset the password at https://aka.ms/sspr\nExport the PFX with a password and import it: https://learn.microsoft.com/exchange/import-pfx',
    );
    assert.ok(said.includes('Reset the password at https://aka.ms/sspr'), said);
    assert.ok(said.includes('import it: https://learn.microsoft.com/exchange/import-pfx'), said);
    assert.ok(!said.includes('[removed]'), said);
  });

  it('German: "Passwort zurücksetzen unter https://..." arrives with its link', async () => {
    const said = await relay('relay-link-de', 'de-DE', 'Passwort zurücksetzen unter https://aka.ms/sspr');
    assert.ok(said.includes('Passwort zurücksetzen unter https://aka.ms/sspr'), said);
    assert.ok(!said.includes('[removed]'), said);
  });

  it('near miss: a password next to a link is still removed (English, German)', () => {
    const cases: Array<[string, string]> = [
      ['The relay password for https://relay.contoso.com: Hunter2-x', 'The relay password for https://relay.contoso.com: [removed]'],
      ['Kennwort für https://relay.contoso.com = Sommer2026!', 'Kennwort für https://relay.contoso.com = [removed]'],
      [
        'Temporary password: Sommer2026!\nChange it at https://aka.ms/sspr',
        'Temporary password: [removed]\nChange it at https://aka.ms/sspr',
      ],
      ['Passwort: https:Sommer2026', 'Passwort: [removed]'],
    ];
    for (const [input, output] of cases) assert.deepEqual(cleanAgentText(input), { ok: true, text: output }, input);
  });
});
