/**
 * What an agent reads in a case's transcript for a button press (dialogs/buttonPressText.ts):
 * the option's own text in the user's language, a forged value recorded without its content,
 * and the page's language switch as words ("[Pressed: English]"), never an id ("[language] en").
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { buttons, makeTestBot } from '../bot/helpers/testBot';
import { NDR_5_7_64_DE, NDR_5_7_64_EN } from '../bot/helpers/samples';

const LANGUAGES = [
  {
    language: 'en',
    locale: 'en-US',
    ndr: NDR_5_7_64_EN,
    option: "[Pressed: The sending server's CAPI2 log shows event 30 (800B0109), or openssl shows only the server certificate",
    forged: '[Pressed a button the bot could not use]',
    switched: '[Pressed: English]',
    typedSwitch: 'English',
  },
  {
    language: 'de',
    locale: 'de-DE',
    ndr: NDR_5_7_64_DE,
    option:
      '[Gedrückt: Das CAPI2-Protokoll des sendenden Servers zeigt Ereignis 30 (800B0109), oder openssl zeigt nur das Serverzertifikat',
    forged: '[Eine Schaltfläche gedrückt, mit der der Bot nichts anfangen konnte]',
    switched: '[Gedrückt: Deutsch]',
    typedSwitch: 'Deutsch',
  },
] as const;

function optionValue(replies: Array<Partial<Activity>>): Record<string, unknown> {
  const option = [...buttons(replies).entries()].find(([label]) => /CAPI2/.test(label));
  assert.ok(option, [...buttons(replies).keys()].join(' | '));
  return option[1];
}

describe('handoff transcript: button presses read as words', function () {
  for (const lang of LANGUAGES) {
    it(`${lang.language}: the pressed option's text, a forged button without its content, the language switch by name`, async () => {
      const bot = makeTestBot({ locale: lang.locale, conversationId: `presses-${lang.language}` });
      const question = await bot.send(lang.ndr);
      await bot.send({ value: optionValue(question) });
      await bot.send({ value: { action: 'drop-tables', sql: 'DROP TABLE cases; --', note: 'Hunter2-forged' } });
      // The support page's language switch: a postBack with the language, no text.
      await bot.send({ value: { action: 'language', language: lang.language } });
      await bot.send({ value: { action: 'handoff' } });
      assert.equal(bot.handoffs.length, 1);
      const lines = bot.handoffs[0].transcript.filter((line) => line.from === 'user').map((line) => line.text);
      const all = lines.join('\n');
      assert.ok(
        lines.some((text) => text.startsWith(lang.option)),
        all,
      );
      assert.ok(lines.includes(lang.forged), all);
      assert.ok(!/drop-tables|DROP TABLE|Hunter2-forged/.test(all), `the forged value's content is not recorded:\n${all}`);
      assert.ok(lines.includes(lang.switched), all);
      assert.ok(!/\[language\]/.test(all), all);
      // The case store holds the same lines as the agent reads them.
      const stored = (await bot.cases.list('queued'))[0];
      assert.ok(
        stored?.transcript.some((line) => line.text === lang.switched),
        JSON.stringify(stored?.transcript),
      );
    });

    it(`${lang.language}: near miss, a typed language switch is recorded as typed`, async () => {
      const bot = makeTestBot({ locale: lang.locale, conversationId: `typed-switch-${lang.language}` });
      await bot.send(lang.ndr);
      await bot.send(lang.typedSwitch);
      await bot.send({ value: { action: 'handoff' } });
      const lines = bot.handoffs[0].transcript.filter((line) => line.from === 'user').map((line) => line.text);
      assert.ok(lines.includes(lang.typedSwitch), lines.join('\n'));
      assert.ok(!lines.includes(lang.switched), lines.join('\n'));
    });
  }
});
