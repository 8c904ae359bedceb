/**
 * What the user thinks is a hypothesis, not evidence (issue 22, point 3), through the real bot:
 * a guess weighs nothing on its own, and the bot says what would confirm it, in the user's language.
 */
import { strict as assert } from 'assert';
import { diagnose, extractFindings } from '../../../knowledge';
import { makeTestBot, visibleText } from '../../bot/helpers/testBot';

const GUESSES: Array<{ locale: 'en-US' | 'de-DE'; text: string }> = [
  {
    locale: 'en-US',
    text: 'after we renewed the certificate last week the relay fails: 550 5.7.64 TenantAttribution; Relay Access Denied. I think the intermediate is missing?',
  },
  {
    locale: 'en-US',
    text: "Relay to EOP fails with 550 5.7.64 TenantAttribution; Relay Access Denied. Maybe it's the intermediate, probably not sent.",
  },
  { locale: 'en-US', text: '550 5.7.64 TenantAttribution; Relay Access Denied. We suspect the certificate chain is incomplete.' },
  { locale: 'en-US', text: '550 5.7.64 TenantAttribution; Relay Access Denied. Is the intermediate certificate missing?' },
  {
    locale: 'de-DE',
    text: 'Relay über EOP schlägt fehl: 550 5.7.64 TenantAttribution; Relay Access Denied. Wir vermuten, dass das Zwischenzertifikat fehlt.',
  },
  {
    locale: 'de-DE',
    text: 'Seit der Verlängerung kommt 550 5.7.64 TenantAttribution; Relay Access Denied. Könnte das Zwischenzertifikat sein?',
  },
  {
    locale: 'de-DE',
    text: '550 5.7.64 TenantAttribution; Relay Access Denied. Vielleicht fehlt die Zertifikatskette, ich glaube das Zwischenzertifikat.',
  },
];

const WORDS = {
  'en-US': {
    suspect: /You suspect: An intermediate certificate is missing\. I do not count a guess as evidence/,
    check: /openssl s_client|certutil -verify/,
  },
  'de-DE': {
    suspect: /Sie vermuten: Ein Zwischenzertifikat fehlt\. Eine Vermutung zähle ich noch nicht als Beleg/,
    check: /openssl s_client|certutil -verify/,
  },
};

describe('a guess is a hypothesis, not evidence (en/de)', () => {
  for (const { locale, text } of GUESSES)
    it(`${locale}: "${text.slice(-60)}" weighs nothing, and the bot asks for what would confirm it`, async () => {
      const bot = makeTestBot({ locale });
      const reply = visibleText(await bot.send(text));
      assert.doesNotMatch(reply, /KB 3212877: Relay/, 'the guess was answered as KB 3212877');
      assert.match(reply, WORDS[locale].suspect);
      assert.match(reply, WORDS[locale].check);
      // The guess's sentence adds nothing to the diagnosis: the same candidates as without it.
      const without = text.replace(/[^.]*[.?]$/, '').replace(/\s*$/, '');
      assert.deepEqual(diagnose(extractFindings(text).findings).candidates, diagnose(extractFindings(without).findings).candidates);
    });

  for (const { locale, text, suspect } of [
    {
      locale: 'en-US',
      text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'. maybe it's the certificate",
      suspect: /You suspect: "maybe it's the certificate"[^]*Get-ExchangeCertificate/,
    },
    {
      locale: 'de-DE',
      text: "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben. Wir vermuten, es liegt am Zertifikat.",
      suspect: /Sie vermuten: "Wir vermuten, es liegt am Zertifikat\."[^]*Get-ExchangeCertificate/,
    },
  ])
    it(`${locale}: a guess at "the certificate" asks for the certificate listing`, async () => {
      const bot = makeTestBot({ locale });
      assert.match(visibleText(await bot.send(text)), suspect);
    });

  for (const { locale, guess, reason } of [
    {
      locale: 'en-US',
      guess: '550 5.7.64 TenantAttribution; Relay Access Denied. I think the intermediate is missing.',
      reason:
        '550 5.7.64 TenantAttribution; Relay Access Denied. I think the intermediate is missing because CAPI2 logs event 30 with 800B0109.',
    },
    {
      locale: 'de-DE',
      guess: '550 5.7.64 TenantAttribution; Relay Access Denied. Ich glaube, das Zwischenzertifikat fehlt.',
      reason:
        '550 5.7.64 TenantAttribution; Relay Access Denied. Ich glaube, das Zwischenzertifikat fehlt, weil CAPI2 Ereignis 30 mit 800B0109 protokolliert.',
    },
  ])
    it(`${locale}: the reason given for a guess is evidence (the guess alone is not)`, async () => {
      const alone = visibleText(await makeTestBot({ locale }).send(guess));
      assert.doesNotMatch(alone, /KB 3212877: Relay/);
      const withReason = visibleText(await makeTestBot({ locale }).send(reason));
      assert.match(withReason, /KB 3212877: Relay/);
      assert.doesNotMatch(withReason, /You suspect|Sie vermuten/, 'a guess the evidence confirms needs no check');
    });
});
