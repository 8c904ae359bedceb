/** "Send me the collection script", typed in people's words: the right read-only script, how to run it, in the user's language. */
import { strict as assert } from 'assert';
import { collectionScript } from '../../knowledge';
import { makeTestBot, visibleText } from '../bot/helpers/testBot';
import { exchangeOutput } from '../collect/collectedSamples';

const FIRST_LINE = {
  exchange: '# mailflow-tls-bot collection script for the Exchange Management Shell',
  exo: collectionScript('exo').split('\r\n', 1)[0],
  iis: '# mailflow-tls-bot collection script for an IIS SMTP relay',
};

describe('the collection script in the conversation', () => {
  for (const { locale, ask, kind, run, others } of [
    {
      locale: 'en-US',
      ask: 'send me the collection script',
      kind: 'exchange',
      run: 'Save the script as mailflow-tls-collect-exchange.ps1',
      others: 'the Exchange Online script',
    },
    {
      locale: 'en-US',
      ask: 'can you give me a collection script for Exchange Online?',
      kind: 'exo',
      run: 'Save the script as mailflow-tls-collect-exo.ps1',
      others: 'on-premises Exchange script',
    },
    {
      locale: 'en-US',
      ask: 'collection script for the IIS relay please',
      kind: 'iis',
      run: 'mailflow-tls-collect-iis.ps1 and run it in an elevated Windows PowerShell',
      others: 'the Exchange Online script',
    },
    {
      locale: 'de-DE',
      ask: 'Schicken Sie mir das Sammelskript',
      kind: 'exchange',
      run: 'Speichern Sie das Skript als mailflow-tls-collect-exchange.ps1',
      others: 'Skript für Exchange Online',
    },
  ] as const)
    it(`"${ask}" gets the ${kind} script with how to run it (${locale})`, async () => {
      const bot = makeTestBot({ locale });
      const text = visibleText(await bot.send(ask));
      assert.ok(text.includes('```powershell'), text.slice(0, 300));
      assert.ok(text.includes(FIRST_LINE[kind]), `the ${kind} script, whole: ${text.slice(0, 300)}`);
      assert.ok(text.includes(run), text.slice(0, 300));
      assert.ok(text.includes(others), 'names the other scripts');
      assert.equal(bot.handoffs.length, 0);
      if (locale === 'de-DE') assert.doesNotMatch(text.replace(/```powershell[\s\S]*```/, ''), /\b(Save|Paste|the script)\b/);
    });

  it('what the script prints, pasted back, is read as collected output, not as an unknown text', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send('send me the collection script');
    const text = visibleText(await bot.send(exchangeOutput({ missingIssuer: 'CN=GeoTrust TLS RSA CA G1' })));
    assert.match(text, /an intermediate certificate is missing from LocalMachine\\CA/, text.slice(0, 600));
    assert.match(text, /MissingIssuer : CN=GeoTrust TLS RSA CA G1/);
    assert.doesNotMatch(text, /intermediate-not-in-store/, 'an internal id is never shown');
  });
});
