/**
 * "Still not working" moves to the next cause the evidence allows (issue 22, point 4), typed in
 * any words or pressed, in English and German: after KB 3212877 the renewal story leaves KB 4051495
 * open, so the bot names it with the check that confirms it instead of "no other explanation".
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { buttons, makeTestBot, visibleText } from '../../bot/helpers/testBot';

type Replies = Array<Partial<Activity>>;

function press(replies: Replies, title: string): Partial<Activity> {
  const value = buttons(replies).get(title);
  assert.ok(value, `button "${title}" in ${[...buttons(replies).keys()].join(' | ')}`);
  return { value };
}

const CASES = [
  {
    locale: 'en-US',
    paste:
      'After we renewed the certificate last week the relay fails: 550 5.7.64 TenantAttribution; Relay Access Denied. CAPI2 logs event 30 with 800B0109 on the server.',
    typed: [
      'still not working',
      'still the same NDR after the restart',
      'imported it, no change, same error',
      'no luck, the relay is still denied',
    ],
    stillButton: 'Still not working',
    same: 'Same error as before',
    next: /Then KB 4051495 is the cause the evidence still allows[^]*Get-InboundConnector \| fl Name,ConnectorType,TlsSenderCertificateName/,
    noOther: /no other explanation/,
  },
  {
    locale: 'de-DE',
    paste:
      'Nach der Zertifikatsverlängerung letzte Woche schlägt das Relay fehl: 550 5.7.64 TenantAttribution; Relay Access Denied. CAPI2 protokolliert Ereignis 30 mit 800B0109 auf dem Server.',
    typed: [
      'geht immer noch nicht',
      'Das bringt nichts, immer noch derselbe Fehler',
      'funktioniert weiterhin nicht',
      'immer noch die gleiche NDR',
    ],
    stillButton: 'Geht immer noch nicht',
    same: 'Derselbe Fehler wie vorher',
    next: /Dann ist KB 4051495 die Ursache, die die Belege noch zulassen[^]*Get-InboundConnector \| fl Name,ConnectorType,TlsSenderCertificateName/,
    noOther: /keine andere Erklärung/,
  },
] as const;

describe('"still not working" moves to the next open cause (en/de)', () => {
  for (const c of CASES) {
    it(`${c.locale}: pressed, same error: KB 4051495 with the check that confirms it, not "no other explanation"`, async () => {
      const bot = makeTestBot({ locale: c.locale });
      const answer = await bot.send(c.paste);
      assert.match(visibleText(answer), /KB 3212877: Relay/);
      const ask = await bot.send(press(answer, c.stillButton));
      const next = visibleText(await bot.send(press(ask, c.same)));
      assert.match(next, c.next);
      assert.doesNotMatch(next, c.noOther);
      assert.doesNotMatch(next, /KB 3212877: Relay/);
    });

    for (const typed of c.typed)
      it(`${c.locale}: typed "${typed}": the same next cause`, async () => {
        const bot = makeTestBot({ locale: c.locale });
        await bot.send(c.paste);
        const next = visibleText(await bot.send(typed));
        assert.match(next, c.next);
        assert.doesNotMatch(next, c.noOther);
      });
  }
});
