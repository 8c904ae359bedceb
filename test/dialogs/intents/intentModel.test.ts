/**
 * The intent model on utterances it was never trained on (heldOut.json: paraphrases, typos,
 * German, mixed languages, politeness, longer sentences, and text that is no request to the bot),
 * and the pastes of every eval set, which must never become a request.
 */
import { strict as assert } from 'assert';
import { INTENTS, UTTERANCES, recogniseIntent } from '../../../dialogs/intents/intentModel';
import { recogniseTyped } from '../../../dialogs/textCommands';
import { allEvalCases } from '../../helpers/evalFixtures';
import heldOut from './heldOut.json';

interface HeldOut {
  text: string;
  intent: string;
}

const cases = heldOut as HeldOut[];
const key = (text: string) => text.trim().toLowerCase();

describe('intent model (held-out utterances)', () => {
  it('the held-out set has at least 60 utterances in both languages, none of them in the training files', () => {
    assert.ok(cases.length >= 60, `${cases.length} held-out utterances`);
    const trained = new Set(Object.values(UTTERANCES).flatMap((byIntent) => Object.values(byIntent).flat().map(key)));
    const leaked = cases.filter((entry) => trained.has(key(entry.text)));
    assert.deepEqual(leaked, [], 'held-out utterances are not training data');
    for (const entry of cases) assert.ok(entry.intent === 'none' || (INTENTS as readonly string[]).includes(entry.intent), entry.intent);
    // Every intent is tested, and so is text that is no intent at all.
    for (const intent of [...INTENTS, 'none'])
      assert.ok(
        cases.some((entry) => entry.intent === intent),
        `held-out cases for ${intent}`,
      );
  });

  it('recognises at least 95 % of the held-out utterances, with text that is no request left alone', async () => {
    const wrong: string[] = [];
    for (const entry of cases) {
      const result = await recogniseIntent(entry.text);
      const got = result?.intent ?? 'none';
      if (got !== entry.intent) wrong.push(`${JSON.stringify(entry.text)}: expected ${entry.intent}, got ${got}`);
    }
    const accuracy = (cases.length - wrong.length) / cases.length;
    assert.ok(accuracy >= 0.95, `accuracy ${(accuracy * 100).toFixed(1)} % on ${cases.length}:\n${wrong.join('\n')}`);
  });

  it('never forces problem descriptions and unrelated chatter into an intent, in both languages', async () => {
    for (const entry of cases.filter((item) => item.intent === 'none')) {
      const result = await recogniseTyped(entry.text, 'en');
      assert.equal(result, undefined, `${entry.text} -> ${JSON.stringify(result)}`);
    }
  });

  it('reads no paste of any eval set as a request (0 requests for a person)', async () => {
    const requests: string[] = [];
    for (const entry of allEvalCases()) {
      const result = await recogniseTyped(entry.text, entry.lang);
      if (result) requests.push(`${entry.file} ${entry.id}: ${result.kind}`);
    }
    assert.deepEqual(requests, []);
  });

  it('a paste that mentions support, a person or help is still a paste', async () => {
    for (const text of [
      'mail to our support@ mailbox bounces with 5.7.64',
      'Mails an support@contoso.com kommen mit 550 5.7.64 zurück',
      'help: Remote Server returned 451 4.4.0 Primary target IP address responded with: 454 4.7.5',
      'the agent on EX01 logs event 12014 for the certificate',
    ])
      assert.equal(await recogniseTyped(text, 'en'), undefined, text);
  });
});
