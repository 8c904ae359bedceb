/** Requests typed in people's words, through the real bot: recognised, and near misses left to the diagnosis. */
import { strict as assert } from 'assert';
import { recogniseIntent } from '../../../dialogs/intents/intentModel';
import { makeTestBot } from '../../bot/helpers/testBot';

describe('typed requests in the conversation', () => {
  for (const { locale, ask } of [
    { locale: 'en-US', ask: 'can I speak to a human please' },
    { locale: 'de-DE', ask: 'Ich möchte mit einem Menschen sprechen' },
  ])
    it(`"${ask}" opens a support case (${locale})`, async () => {
      const bot = makeTestBot({ locale });
      await bot.send(ask);
      assert.equal(bot.handoffs.length, 1);
    });

  it('a paste that names the support mailbox is diagnosed, not a request for a person', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send('mail to our support@ mailbox bounces with 5.7.64');
    assert.equal(bot.handoffs.length, 0);
  });

  // The classifier alone scored these as intents (up to 1.0); they are statements, guesses and chatter.
  for (const text of [
    'It happens with every message to fabrikam.com.',
    'I think the intermediate is missing',
    'maybe it is the certificate',
    'we renewed it in October',
    'hm, und jetzt?',
    'Mein Drucker druckt nicht',
    'yes',
    'the weather is nice today',
    'thanks, I will check the connector',
  ])
    it(`"${text}" is no intent`, async () => {
      assert.equal(await recogniseIntent(text), undefined);
    });
});
