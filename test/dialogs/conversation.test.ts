/**
 * The conversation, end to end through the real bot and knowledge core on a TestAdapter
 * (MemoryStorage: persistence is tested over HTTP in test/e2e). Both languages for every path.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { findQuestion, loadKnowledgeBase } from '../../knowledge';
import { normaliseCase } from '../../dialogs/caseState';
import { makeCertificates } from '../bot/helpers/certificates';
import { evalText } from '../helpers/evalFixtures';
import { buttons, cardsIn, makeTestBot, silentLogger, visibleText } from '../bot/helpers/testBot';
import {
  INTERNAL_THUMBPRINT,
  NDR_5_7_64_DE,
  NDR_5_7_64_EN,
  PUBLIC_THUMBPRINT,
  TWO_SMTP_CERTIFICATES,
  EVENT_2004_DE,
  EVENT_2004_EN,
} from '../bot/helpers/samples';
import { pemAttachment } from '../helpers/inlineAttachment';

type Replies = Array<Partial<Activity>>;

const LANGUAGES = [
  {
    language: 'en',
    locale: 'en-US',
    ndr: NDR_5_7_64_EN,
    welcome: /Paste an error/,
    restart: 'restart',
    help: 'help',
    helpText: /What I can do/,
    forged: /could not use that button press/,
    empty: /Your message was empty/,
    handoff: /opened support case #[0-9A-Z]{8} for you[^]*number 1 in the queue/,
    handoffAgain: /already open: you are number 1 in the queue/,
    cause: 'Cause',
    person: 'Talk to a person',
  },
  {
    language: 'de',
    locale: 'de-DE',
    ndr: NDR_5_7_64_DE,
    welcome: /Fehlermeldung einfügen/,
    restart: 'neu starten',
    help: 'hilfe',
    helpText: /Was ich kann/,
    forged: /Mit diesem Klick kann ich nichts anfangen/,
    empty: /Ihre Nachricht war leer/,
    handoff: /Supportfall #[0-9A-Z]{8} für Sie angelegt[^]*Nummer 1 in der Warteschlange/,
    handoffAgain: /bereits angelegt: Sie sind Nummer 1 in der Warteschlange/,
    cause: 'Ursache',
    person: 'Mit einem Menschen sprechen',
  },
] as const;

function press(replies: Replies, title: RegExp | string) {
  const entry = [...buttons(replies).entries()].find(([label]) => (typeof title === 'string' ? label === title : title.test(label)));
  assert.ok(entry, `button ${title} in ${[...buttons(replies).keys()].join(' | ')}`);
  return { value: entry[1] };
}

function commandsMessage(replies: Replies): string {
  return replies.map((reply) => reply.text ?? '').find((text) => text.includes('```powershell')) ?? '';
}

describe('conversation: a new problem after a no-match', () => {
  it('the same error again after a no-match stays in the case with the certificates sent before it', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const [a, b] = [await makeCertificates('relay.woodgrove.com'), await makeCertificates('mail.woodgrove.com')];
    await bot.send({ attachments: [pemAttachment('leaf-a.pem', a.leafPem)] });
    await bot.send({ attachments: [pemAttachment('ca-a.pem', a.caPem)] });
    await bot.send(NDR_5_7_64_EN);
    // A certificate from an internal CA without its issuer: the case is a look-alike now (no match).
    await bot.send({ attachments: [pemAttachment('leaf-b.pem', b.leafPem)] });
    const text = visibleText(await bot.send(NDR_5_7_64_EN.replace('SMTP01', 'SMTP02')));
    assert.doesNotMatch(text, /started a new case/);
    const key = 'emulator/conversations/conversation-1/';
    const stored = normaliseCase(((await bot.storage.read([key]))[key] as { case?: unknown } | undefined)?.case);
    assert.deepEqual(stored.certificateFiles.map((file) => file.name).sort(), ['ca-a.pem', 'leaf-a.pem', 'leaf-b.pem']);
  });

  it('a healthy openssl chain (no match), then a relay paste that answers KB 3212877 on its own: a new case answered KB 3212877', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send(evalText('review-cases.json', 'r-o04'));
    const text = visibleText(await bot.send(evalText('review-cases.json', 'r-o02')));
    assert.match(text, /^KB 3212877: /m);
    // Its shortened PEM block is named as what it is, not as a file the user never sent.
    assert.match(text, /"certificate pasted in your message" is neither a certificate/);
    assert.match(text, /started a new case/);
    // The notice does not claim an answer the bot never gave.
    assert.doesNotMatch(text, /one I just answered/);
  });

  it('an out-of-scope 5.1.1 (no match), then a 5.7.64 NDR: the question about the causes of 5.7.64, in the same case', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send(evalText('eval-cases.json', 'p11'));
    const replies = await bot.send(evalText('eval-cases.json', 'p01'));
    assert.doesNotMatch(visibleText(replies), /started a new case/);
    const asked = [...buttons(replies).values()].filter((value) => value.action === 'answer');
    assert.equal(asked[0]?.questionId, 'cause-5764', visibleText(replies));
  });

  it('a new case forgets the old case\'s "That fixed it": the agent does not read it in the new case\'s summary', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const answer = await bot.send(TWO_SMTP_CERTIFICATES);
    await bot.send(press(answer, 'That fixed it'));
    assert.match(visibleText(await bot.send(NDR_5_7_64_EN)), /started a new case/);
    await bot.send('talk to a person');
    assert.equal(bot.handoffs.length, 1);
    assert.deepEqual(bot.handoffs[0].summary.fixed, []);
  });

  it('a healthy openssl chain (no match), then a German IIS relay paste: KB 3212877 as a new case, not the connector article', async () => {
    const bot = makeTestBot({ locale: 'de-DE' });
    await bot.send(evalText('review-cases.json', 'r-o04'));
    const text = visibleText(await bot.send(evalText('review-cases-2.json', 't2-ge02')));
    // The answer's title names the article (other articles may follow under "other causes"), below the new-case notice.
    assert.match(text, /^KB 3212877: /m);
    assert.match(text, /neuen Fall begonnen/);
  });
});

for (const lang of LANGUAGES) {
  describe(`conversation (${lang.language})`, () => {
    it('welcomes once per conversation with the four ways to start', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Admin' }] });
      assert.match(visibleText(replies), lang.welcome);
      const actions = [...buttons(replies).values()].map((data) => data.action);
      assert.deepEqual(actions, ['describe', 'paste', 'upload', 'handoff']);
      const again = await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Admin' }] });
      assert.equal(again.length, 0);
    });

    it('names every article it knows in the welcome and mentions the connector output it reads', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const text = visibleText(await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Admin' }] }));
      for (const article of loadKnowledgeBase().articles)
        assert.ok(text.includes(article.reference), `${article.id} (${article.reference}) is named in the welcome:\n${text}`);
      assert.match(text, /Get-InboundConnector/);
      assert.match(visibleText(await bot.send(lang.help)), /Get-InboundConnector/);
    });

    it('answers a pasted NDR as the first message with the separating question, no menu first', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send(lang.ndr);
      assert.doesNotMatch(visibleText(replies), lang.welcome);
      const entries = [...buttons(replies).entries()];
      const options = entries.filter(([, value]) => value.action === 'answer' && value.optionId !== 'dont-know');
      assert.ok(options.length >= 2, 'one button per option');
      assert.ok(
        entries.some(([, value]) => value.optionId === 'dont-know'),
        'offers "I don\'t know"',
      );
      assert.deepEqual(
        entries.filter(([, value]) => value.action === 'handoff').map(([title]) => title),
        [lang.person],
        'the person button, in the language of the card',
      );
      // Channels cut long button titles: short numbered labels, each option's full text below its button.
      for (const [title] of options) assert.ok(title.length <= 44 && /^\d\. /.test(title), title);
    });

    it('asks, takes the answer by button, and answers KB 3212877 with the import command', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const question = await bot.send(lang.ndr);
      const answer = await bot.send(press(question, /CAPI2|800B0109/));
      const text = visibleText(answer);
      assert.match(text, /KB 3212877/);
      assert.match(text, new RegExp(`\\b${lang.cause}\\b`));
      assert.match(commandsMessage(answer), /Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA/);
      const card = cardsIn(answer)[0];
      assert.equal(card.version, '1.5');
      const actions = [...buttons(answer).values()].map((value) => value.action);
      assert.deepEqual(actions, ['fixed', 'still-broken', 'handoff']);
    });

    it('takes a typed number as the answer to the pending question', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      await bot.send(lang.ndr);
      const answer = await bot.send('1');
      assert.match(visibleText(answer), /KB 3212877/);
    });

    it("answers KB 2888788 leading with the send connector, the article's Enable-ExchangeCertificate only as the article's", async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send(TWO_SMTP_CERTIFICATES);
      assert.match(visibleText(replies), /KB 2888788/);
      assert.match(visibleText(replies), lang.language === 'de' ? /Trefferwahrscheinlichkeit: \d+ %/ : /Confidence: \d+%/);
      assert.doesNotMatch(visibleText(replies), /Sicherheit: /);
      const commands = commandsMessage(replies);
      const code = commands
        .split('```powershell\n')[1]
        .split('\n')
        .filter((line) => line && !line.startsWith('#') && !line.startsWith('```'));
      assert.equal(code[0], 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName');
      assert.match(
        commands,
        /Set-SendConnector -TlsCertificateName "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail\.woodgrove\.com"/,
      );
      assert.match(
        commands,
        new RegExp(
          `${lang.language === 'de' ? 'Der Befehl des Artikels, nicht die Lösung' : "The article's own command, not the fix"}[^\\n]*\\n\\n\`\`\`powershell\\nEnable-ExchangeCertificate -Thumbprint ${INTERNAL_THUMBPRINT} -Services IIS,POP,IMAP`,
        ),
      );
      assert.doesNotMatch(commands, new RegExp(`Enable-ExchangeCertificate -Thumbprint ${PUBLIC_THUMBPRINT}`));
      assert.match(commands, new RegExp(`Remove-ExchangeCertificate -Thumbprint ${INTERNAL_THUMBPRINT} -WhatIf`));
    });

    it('the question card says how to check each option', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send(lang.ndr);
      const text = visibleText(replies);
      const prefix = lang.language === 'de' ? 'So prüfen Sie das:' : 'How to check:';
      const hints = text.split('\n').filter((line) => line.trim() === prefix);
      const options = [...buttons(replies).values()].filter((value) => value.action === 'answer' && value.optionId !== 'dont-know');
      assert.equal(hints.length, options.length, text);
      assert.match(
        text,
        lang.language === 'de'
          ? /So prüfen Sie das:\s*\nAuf dem sendenden Server zeigt die Ereignisanzeige/
          : /How to check:\s*\nOn the sending server, Event Viewer/,
      );
      assert.doesNotMatch(text, /ATTR36/, 'an NDR without ATTR36 is not asked about ATTR36');
    });

    it('when nothing is found, says what to paste next', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send(
        lang.language === 'de' ? 'Unsere Mails sind seit heute irgendwie komisch.' : 'Our mail has been strange since this morning.',
      );
      const text = visibleText(replies);
      assert.match(text, /Get-Queue \| fl Identity,LastError/);
      assert.match(text, /Get-ExchangeCertificate \| fl/);
      assert.match(
        text,
        lang.language === 'de'
          ? /Diagnoseteil des Unzustellbarkeitsberichts \("Diagnoseinformationen für Administratoren"\)/
          : /diagnostic part of the NDR \("Diagnostic information for administrators"\)/,
      );
    });

    it('after an answer, a certificate listing (no error of its own) stays in the case: both causes with their checks', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const question = await bot.send(lang.ndr);
      const first = await bot.send(press(question, /CAPI2|800B0109/));
      assert.match(visibleText(first), /KB 3212877/);
      const second = await bot.send(TWO_SMTP_CERTIFICATES);
      const text = visibleText(second);
      // Evidence is never lost (issue 22): the listing names no error, so the NDR and the answer stay.
      assert.doesNotMatch(text, lang.language === 'de' ? /neuen Fall begonnen/ : /started a new case/);
      assert.match(text, /KB 2888788/);
      assert.match(text, /KB 3212877/);
    });

    it('after a KB 2888788 answer, a pasted 5.7.64 NDR is a new case with its own question', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      assert.match(visibleText(await bot.send(TWO_SMTP_CERTIFICATES)), /KB 2888788/);
      const replies = await bot.send(lang.ndr);
      const text = visibleText(replies);
      assert.match(text, lang.language === 'de' ? /neuen Fall begonnen/ : /started a new case/);
      assert.ok(
        [...buttons(replies).values()].some((value) => value.action === 'answer' && value.questionId === 'cause-5764'),
        text,
      );
    });

    it('certificates uploaded before the error stay in the case: a paste after a no-match is not a new case', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const certs = await makeCertificates('relay.woodgrove.com');
      await bot.send({ attachments: [pemAttachment('leaf.pem', certs.leafPem)] });
      await bot.send({ attachments: [pemAttachment('ca.pem', certs.caPem)] });
      const text = visibleText(await bot.send(lang.ndr));
      assert.doesNotMatch(text, lang.language === 'de' ? /neuen Fall begonnen/ : /started a new case/);
      const key = 'emulator/conversations/conversation-1/';
      const stored = normaliseCase(((await bot.storage.read([key]))[key] as { case?: unknown } | undefined)?.case);
      assert.deepEqual(stored.certificateFiles.map((file) => file.name).sort(), ['ca.pem', 'leaf.pem']);
      assert.ok(stored.textFindings.length > 0, "the NDR's findings are in the case");
    });

    it('after a no-match about a look-alike, a pasted event 2004 is a new case answered KB 2888788', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const lookalike = visibleText(
        await bot.send(
          "550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain. The partner connector requires TLS, but the sending server did not use TLS",
        ),
      );
      // The look-alike is named; no article is answered.
      assert.match(lookalike, /5\.7\.51/);
      assert.doesNotMatch(lookalike, /Set-SendConnector|Import-Certificate|Set-InboundConnector/);
      const text = visibleText(await bot.send(lang.language === 'de' ? EVENT_2004_DE : EVENT_2004_EN));
      assert.match(text, /KB 2888788/);
      assert.match(text, lang.language === 'de' ? /neuen Fall begonnen/ : /started a new case/);
    });

    it('shows the answer the user picked in the language of the reply', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const question = await bot.send(lang.ndr);
      const answer = visibleText(await bot.send(press(question, /CAPI2|800B0109/)));
      assert.match(
        answer,
        lang.language === 'de'
          ? /Das CAPI2-Protokoll des sendenden Servers zeigt Ereignis 30/
          : /The sending server's CAPI2 log shows event 30/,
      );
    });

    it('"help" and "restart" work in the middle of an interview', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      await bot.send(lang.ndr);
      const help = await bot.send(lang.help);
      assert.match(visibleText(help), lang.helpText);
      assert.ok(
        [...buttons(help).values()].some((value) => value.action === 'answer'),
        'the pending question is shown again',
      );
      const restarted = await bot.send(lang.restart);
      assert.match(visibleText(restarted), lang.welcome);
      // The case is gone: "1" is no longer an answer, and there is nothing to diagnose.
      const after = await bot.send('1');
      assert.doesNotMatch(visibleText(after), /KB 3212877:/);
    });

    it('rejects forged card values with a clear message', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      await bot.send(lang.ndr);
      for (const value of [
        { action: 'answer', questionId: 'cause-5764', optionId: 'rm -rf' },
        { action: 'answer', questionId: 'invented', optionId: 'x' },
        { action: 'drop-tables' },
        'just a string',
        { action: 'fixed', article: 'KB0000001' },
        { action: 'still-broken-choice', choice: 'same' },
      ]) {
        const replies = await bot.send({ value });
        assert.match(visibleText(replies), lang.forged, JSON.stringify(value));
      }
      // The interview is still usable after the forged values.
      assert.match(visibleText(await bot.send('1')), /KB 3212877/);
    });

    it('answers a greeting with the welcome, not with "no match"', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const replies = await bot.send(lang.language === 'de' ? 'Hallo!' : 'Hi there');
      assert.match(visibleText(replies), lang.welcome);
      assert.deepEqual(
        [...buttons(replies).values()].map((data) => data.action),
        ['describe', 'paste', 'upload', 'handoff'],
      );
    });

    it('answers an empty message with a hint', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      assert.match(visibleText(await bot.send({ text: '   ' })), lang.empty);
    });

    it('hands over to a person with a case summary, once', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const answer = await bot.send(TWO_SMTP_CERTIFICATES);
      const replies = await bot.send(press(answer, lang.language === 'en' ? 'Talk to a person' : 'Mit einem Menschen sprechen'));
      assert.match(visibleText(replies), lang.handoff);
      assert.equal(bot.handoffs.length, 1);
      const summary = bot.handoffs[0].summary;
      assert.equal(summary.article, 'KB2888788');
      assert.equal(summary.language, lang.language);
      assert.ok(summary.findings.some((finding) => finding.excerpt.includes(INTERNAL_THUMBPRINT)));
      assert.ok(bot.handoffs[0].transcript.some((line) => line.from === 'user' && line.text.includes('Woodgrove-DC01-CA')));
      // The agent reads the button press as its label, not as the JSON the card sent back.
      const pressed = bot.handoffs[0].transcript.filter((line) => line.from === 'user').map((line) => line.text);
      assert.ok(
        pressed.includes(lang.language === 'en' ? '[Pressed: Talk to a person]' : '[Gedrückt: Mit einem Menschen sprechen]'),
        pressed.join('\n'),
      );
      assert.ok(!pressed.some((text) => text.includes('"action"')), pressed.join('\n'));
      assert.match(
        visibleText(await bot.send(lang.language === 'en' ? 'talk to a person' : 'mit einem Menschen sprechen')),
        lang.handoffAgain,
      );
      assert.equal(bot.handoffs.length, 1, 'not requested twice');
    });

    it('"still not working" asks what happened and moves on to a person when nothing else fits', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const answer = await bot.send(TWO_SMTP_CERTIFICATES);
      const ask = await bot.send(press(answer, lang.language === 'en' ? 'Still not working' : 'Geht immer noch nicht'));
      const choices = [...buttons(ask).values()];
      assert.deepEqual(
        choices.map((value) => value.choice ?? value.action),
        ['same', 'different', 'handoff'],
      );
      const next = await bot.send({ value: choices[0] });
      const text = visibleText(next);
      // Either the other article, or an honest offer of a person.
      assert.ok(/KB 3212877/.test(text) || [...buttons(next).values()].some((value) => value.action === 'handoff'), text);
      assert.doesNotMatch(text, /KB 2888788:/);
    });

    it('"still not working" with a different error asks for the new error', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const answer = await bot.send(TWO_SMTP_CERTIFICATES);
      const ask = await bot.send(press(answer, lang.language === 'en' ? 'Still not working' : 'Geht immer noch nicht'));
      const replies = await bot.send({ value: [...buttons(ask).values()][1] });
      assert.match(visibleText(replies), lang.language === 'en' ? /paste the new error/ : /neue Fehlermeldung/);
    });

    it('"That fixed it" is acknowledged', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      const answer = await bot.send(TWO_SMTP_CERTIFICATES);
      const replies = await bot.send(press(answer, lang.language === 'en' ? 'That fixed it' : 'Das hat geholfen'));
      assert.match(visibleText(replies), lang.language === 'en' ? /glad it works/ : /schön, dass es wieder funktioniert/);
    });

    it('stops asking after a small bound', async () => {
      const bot = makeTestBot({ locale: lang.locale });
      let replies = await bot.send(lang.ndr);
      let questions = 0;
      while ([...buttons(replies).values()].some((value) => value.action === 'answer')) {
        questions++;
        assert.ok(questions <= 3, 'at most three questions');
        replies = await bot.send(press(replies, lang.language === 'en' ? /^I don't know$/ : /^Weiß ich nicht$/));
      }
      assert.ok(questions >= 1);
      assert.ok(cardsIn(replies).length > 0, 'ends with an answer or an honest no-match');
    });
  });
}

describe('conversation: language', () => {
  it('answers German text in German when the activity has no locale', async () => {
    const bot = makeTestBot();
    const replies = await bot.send('Hallo, seit heute kommen unsere E-Mails nicht mehr an, der Server meldet: ' + EVENT_2004_DE);
    assert.match(visibleText(replies), /Ursache/);
  });

  it('follows the activity locale when the client switches language mid-conversation', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    assert.match(visibleText(await bot.send(TWO_SMTP_CERTIFICATES)), /\bCause\b/);
    assert.match(visibleText(await bot.send({ text: 'hilfe', locale: 'de-DE' })), /Was ich kann/);
  });

  it('"English please" and "auf Deutsch" switch and beat the activity locale', async () => {
    const bot = makeTestBot({ locale: 'de-DE' });
    assert.match(visibleText(await bot.send('English please')), /From now on I will answer in English/);
    assert.match(visibleText(await bot.send(EVENT_2004_DE)), /\bCause\b/);
    assert.match(visibleText(await bot.send('auf Deutsch')), /Ab jetzt antworte ich auf Deutsch/);
    assert.match(visibleText(await bot.send(TWO_SMTP_CERTIFICATES)), /Ursache/);
  });
});

describe('conversation: the pending question in the stored state', () => {
  const key = (conversationId: string) => `emulator/conversations/${conversationId}/`;
  type StoredCase = Record<string, unknown> & { pendingQuestion?: unknown };

  async function storedCase(bot: ReturnType<typeof makeTestBot>, conversationId: string): Promise<StoredCase> {
    const stored = (await bot.storage.read([key(conversationId)])) as Record<string, Record<string, unknown>>;
    return stored[key(conversationId)].case as StoredCase;
  }

  async function replaceCase(bot: ReturnType<typeof makeTestBot>, conversationId: string, change: (stored: StoredCase) => void) {
    const stored = (await bot.storage.read([key(conversationId)])) as Record<string, Record<string, unknown>>;
    change(stored[key(conversationId)].case as StoredCase);
    await bot.storage.write({ [key(conversationId)]: { ...stored[key(conversationId)], eTag: '*' } });
  }

  it('is stored as the question id and the ids of the buttons shown, in their order, without texts', async () => {
    const bot = makeTestBot({ locale: 'en-US', conversationId: 'pending-ids' });
    const question = await bot.send(NDR_5_7_64_EN);
    const shown = [...buttons(question).values()].filter((value) => value.action === 'answer');
    const stored = await storedCase(bot, 'pending-ids');
    assert.deepEqual(stored.pendingQuestion, { id: shown[0].questionId, options: shown.map((value) => value.optionId) });
    const json = JSON.stringify(stored);
    assert.doesNotMatch(json, /CAPI2 log shows event 30|CAPI2-Protokoll des sendenden Servers/);
    assert.match(visibleText(await bot.send(press(question, /CAPI2|800B0109/))), /KB 3212877/);
  });

  it('numbers typed answers as the buttons were numbered when the input left an option out', async () => {
    const bot = makeTestBot({ locale: 'en-US', conversationId: 'pending-subset' });
    await bot.send(NDR_5_7_64_EN);
    await replaceCase(bot, 'pending-subset', (stored) => {
      stored.pendingQuestion = { id: 'cause-5764', options: ['name-mismatch', 'ip-changed', 'dont-know'] };
    });
    const answer = visibleText(await bot.send('1'));
    assert.match(answer, /renewed with a different name/, 'the first button shown was the name option');
    assert.doesNotMatch(answer, /KB 3212877:/);
  });

  for (const [label, language, pick, expected] of [
    ['typed number', 'en-US', '1', /KB 3212877/],
    ['"Ich weiß es nicht"', 'de-DE', 'Ich weiß es nicht', /KB 3212877|KB 4051495|Trefferwahrscheinlichkeit|Ursache/],
  ] as const) {
    it(`takes the answer (${label}) to a question stored whole by an older build`, async () => {
      const conversationId = `pending-old-${language}`;
      const bot = makeTestBot({ locale: language, conversationId });
      await bot.send(language === 'de-DE' ? NDR_5_7_64_DE : NDR_5_7_64_EN);
      const whole = findQuestion('cause-5764');
      assert.ok(whole);
      await replaceCase(bot, conversationId, (stored) => {
        stored.pendingQuestion = whole;
      });
      const replies = await bot.send(pick);
      const text = visibleText(replies);
      assert.doesNotMatch(text, /could not use|nichts anfangen|something went wrong|Entschuldigung/);
      assert.match(text, expected);
      const after = await storedCase(bot, conversationId);
      assert.ok(
        (after.textFindings as Array<{ kind: string; value: string }>).some(
          (finding) => finding.kind === 'answer' && finding.value.startsWith('cause-5764='),
        ),
        'the answer was recorded',
      );
    });
  }

  it('forgets a pending question the knowledge base no longer has, and asks what is worth asking now', async () => {
    const bot = makeTestBot({ locale: 'en-US', conversationId: 'pending-retired' });
    await bot.send(NDR_5_7_64_EN);
    await replaceCase(bot, 'pending-retired', (stored) => {
      stored.pendingQuestion = { id: 'retired-question', options: ['a', 'b', 'dont-know'] };
    });
    // The old button: not taken as an answer, said so.
    const pressed = visibleText(
      await bot.send({ type: 'message', value: { action: 'answer', questionId: 'retired-question', optionId: 'a' } }),
    );
    assert.match(pressed, /could not use that button press/);
    // A typed number: no "my question above is still open" for a question that is gone, but the current question, answerable.
    const typed = await bot.send('1');
    assert.doesNotMatch(visibleText(typed), /still open/);
    const asked = [...buttons(typed).values()].filter((value) => value.action === 'answer');
    assert.equal(asked[0]?.questionId, 'cause-5764', visibleText(typed));
    assert.match(visibleText(await bot.send(press(typed, /CAPI2|800B0109/))), /KB 3212877/);
  });
});

describe('conversation: bad input', () => {
  it('reads a 1 MB paste up to the cap and says so', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const paste = TWO_SMTP_CERTIFICATES + '\n' + 'x'.repeat(1024 * 1024);
    const replies = await bot.send(paste);
    const text = visibleText(replies);
    assert.match(text, /KB 2888788/);
    assert.match(text, /very long: I analysed the first [\d,.]+ of 1[\d,.]+ characters/);
  });

  it('reads a long paste that starts with a screen of blank space, and says it was cut', async () => {
    const bot = makeTestBot({ locale: 'de-DE' });
    const text = visibleText(await bot.send(' \n'.repeat(150_000) + TWO_SMTP_CERTIFICATES + '\n' + 'x'.repeat(300_000)));
    assert.doesNotMatch(text, /Ihre Nachricht war leer/);
    assert.match(text, /KB 2888788/);
    assert.match(text, /sehr lang: Ich habe die ersten [\d,.]+ von [\d,.]+ Zeichen ausgewertet/);
  });

  it('removes a pasted private key and password: not echoed, not stored', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7secretkeymaterial';
    const replies = await bot.send(
      `${TWO_SMTP_CERTIFICATES}\n-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\npassword=Hunter2Hunter2`,
    );
    const text = visibleText(replies);
    assert.match(text, /looks like a private key, password or token/);
    assert.ok(!text.includes(secret) && !text.includes('Hunter2'));
    const stored = JSON.stringify((bot.storage as unknown as { memory: unknown }).memory);
    assert.ok(!stored.includes(secret) && !stored.includes('Hunter2'), 'nothing secret in storage');
  });

  it('says politely when a turn fails, without details, and stays usable', async () => {
    let failNext = false;
    const { MemoryStorage } = await import('botbuilder');
    const storage = new MemoryStorage();
    const flaky = {
      read: (keys: string[]) =>
        failNext ? ((failNext = false), Promise.reject(new Error('disk on fire at /var/secret'))) : storage.read(keys),
      write: storage.write.bind(storage),
      delete: storage.delete.bind(storage),
    };
    const bot = makeTestBot({ locale: 'de-DE', storage: flaky });
    silentLogger.errors.length = 0;
    failNext = true;
    const replies = await bot.send(TWO_SMTP_CERTIFICATES);
    const text = visibleText(replies);
    assert.match(text, /Entschuldigung, bei der Verarbeitung/);
    assert.doesNotMatch(text, /disk on fire|at \/|Error/);
    assert.equal(silentLogger.errors.length, 1, 'the operator log has the error');
    assert.match(visibleText(await bot.send(TWO_SMTP_CERTIFICATES)), /KB 2888788/);
  });

  it('survives a damaged state document (e.g. from an older build) and answers normally', async () => {
    const bot = makeTestBot({ locale: 'en-US', conversationId: 'damaged-1' });
    await bot.send('hello');
    const key = 'emulator/conversations/damaged-1/';
    const stored = (await bot.storage.read([key])) as Record<string, Record<string, unknown>>;
    stored[key].case = {
      version: 1,
      textFindings: 'oops',
      pendingQuestion: { id: 'cause-5764', options: 'nope' },
      language: 'fr',
      transcript: null,
    };
    await bot.storage.write({ [key]: { ...stored[key], eTag: '*' } });
    const replies = await bot.send('1');
    assert.doesNotMatch(visibleText(replies), /Sorry, something went wrong/);
    assert.match(visibleText(await bot.send(TWO_SMTP_CERTIFICATES)), /KB 2888788/);
  });

  it('answers text that has nothing to do with mail flow honestly, with a person on offer', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send('How do I convert a mailbox to a shared mailbox?');
    assert.doesNotMatch(visibleText(replies), /KB 3212877:|KB 2888788:/);
    assert.ok([...buttons(replies).values()].some((value) => value.action === 'handoff'));
  });
});
