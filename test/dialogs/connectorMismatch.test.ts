/**
 * KB 4051495 through the real bot (TestAdapter), both languages: the dialogs use the knowledge core
 * generically, so the third article must render as a card with its filled Set-InboundConnector
 * commands, within Teams' size limit; and "I don't know" on 5.7.64 lists the checks that separate
 * the causes instead of guessing one.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { byteSize, CARD_BYTE_BUDGET } from '../../dialogs/cards/adaptive';
import { buttons, cardsIn, makeTestBot, visibleText } from '../bot/helpers/testBot';
import { NDR_5_7_64_DE, NDR_5_7_64_EN } from '../bot/helpers/samples';

type Replies = Array<Partial<Activity>>;

const CONNECTOR = `Name                         : Inbound from 82287a2b-a739-95b3-bc4a-e46f4a0a462b
ConnectorType                : OnPremises
ConnectorSource              : HybridWizard
RequireTls                   : True
TlsSenderCertificateName     : mail.adventure-works.com`;

const CERTIFICATE = `Subject            : CN=smtp.adventure-works.com, O=Adventure Works Cycles, C=US
Issuer             : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US
CertificateDomains : {smtp.adventure-works.com, autodiscover.adventure-works.com}
Services           : IMAP, POP, IIS, SMTP
Thumbprint         : C33740A1113357C7D019E9BCAC7BFD3869C7D926`;

const LANGUAGES = [
  {
    language: 'en',
    locale: 'en-US',
    ndr: NDR_5_7_64_EN,
    dontKnow: /^I don't know$/,
    checks: /What tells the causes apart/,
    cause: /Cause/,
  },
  {
    language: 'de',
    locale: 'de-DE',
    ndr: NDR_5_7_64_DE,
    dontKnow: /^Weiß ich nicht$/,
    checks: /Was die Ursachen unterscheidet/,
    cause: /Ursache/,
  },
] as const;

function commandsMessage(replies: Replies): string {
  return replies.map((reply) => reply.text ?? '').find((text) => text.includes('```powershell')) ?? '';
}

for (const lang of LANGUAGES) {
  describe(`KB 4051495 in the bot (${lang.language})`, () => {
    it('answers a connector that no longer matches the renewed certificate with the filled Set-InboundConnector command', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send(`${lang.ndr}\n\n${CONNECTOR}\n\n${CERTIFICATE}`);
      const text = visibleText(replies);
      assert.match(text, /KB 4051495/);
      assert.match(text, lang.cause);
      const commands = commandsMessage(replies);
      assert.match(
        commands,
        /Set-InboundConnector -Identity "Inbound from 82287a2b-a739-95b3-bc4a-e46f4a0a462b" -TlsSenderCertificateName "smtp\.adventure-works\.com"/,
      );
      assert.match(commands, /Get-InboundConnector \| fl Name,ConnectorType,TlsSenderCertificateName,SenderIPAddresses/);
      assert.doesNotMatch(commands, /Restart-Service/, 'a connector change needs no restart');
      const card = cardsIn(replies)[0];
      assert.equal(card.version, '1.5');
      assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
      const actions = [...buttons(replies).values()].map((value) => value.action);
      assert.ok(actions.includes('fixed') && actions.includes('still-broken'));
    });

    it('stays within the Teams size limit with a long paste and many certificates', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const many = Array.from({ length: 40 }, (_, i) =>
        CERTIFICATE.replace('smtp.adventure-works.com', `smtp${i}.adventure-works.com`).replace(
          /C33740A1113357C7D019E9BCAC7BFD3869C7D9\d\d/,
          `C33740A1113357C7D019E9BCAC7BFD3869C7D9${String(100 + i).slice(1)}`,
        ),
      ).join('\n\n');
      const replies = await bot.send(`${lang.ndr}\n\n${CONNECTOR}\n\n${many}\n\n${'Renewed the certificate last week. '.repeat(200)}`);
      assert.match(visibleText(replies), /KB 4051495/);
      for (const card of cardsIn(replies)) assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
    });

    it('after "I don\'t know" on 5.7.64 shows the checks that separate the causes, no restart', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const question = await bot.send(lang.ndr);
      const entry = [...buttons(question).entries()].find(([label]) => lang.dontKnow.test(label));
      assert.ok(entry, [...buttons(question).keys()].join(' | '));
      const replies = await bot.send({ value: entry[1] });
      const text = visibleText(replies);
      assert.match(text, lang.checks);
      assert.match(text, /KB 3212877/);
      assert.match(text, /KB 4051495/);
      assert.match(text, /certutil -verify/);
      assert.match(text, /Get-InboundConnector/);
      assert.doesNotMatch(text, /Restart-Service/);
      for (const card of cardsIn(replies)) assert.ok(byteSize(card) <= CARD_BYTE_BUDGET);
    });
  });
}
