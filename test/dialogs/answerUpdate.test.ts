/**
 * New evidence after an answer or a question: the reply says what it changed (names, download
 * URL, file name filled into steps and commands) or, when nothing changed, says so in one line
 * instead of repeating the card. The language switch re-sends the welcome or the current reply.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { buttons, cardsIn, makeTestBot, visibleText } from '../bot/helpers/testBot';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { type TestPki, testPki } from '../certificates/pki';
import { type CaseSnapshot, caseSnapshot, compareSnapshots, describeUpdate } from '../../dialogs/answerUpdate';
import { diagnose, extractFindings } from '../../knowledge';
import { inlineAttachment } from '../helpers/inlineAttachment';

type Replies = Array<Partial<Activity>>;

const NDR_WITH_CAPI2 =
  'Relaying through EOP fails: 550 5.7.64 TenantAttribution; Relay Access Denied. The CAPI2 log on the relay server shows event 30 with 800B0109.';
const NDR_WITH_CAPI2_DE =
  'Der Relay über EOP scheitert: 550 5.7.64 TenantAttribution; Relayzugriff verweigert. Im CAPI2-Protokoll des Relayservers steht Ereignis 30 mit 800B0109.';

function upload(name: string, bytes: Uint8Array): Partial<Activity> {
  return { text: '', attachments: [inlineAttachment(name, bytes)] };
}

const commandsIn = (replies: Replies) => replies.map((reply) => reply.text ?? '').find((text) => text.includes('```powershell')) ?? '';
const answerCards = (replies: Replies) =>
  cardsIn(replies).filter((card) =>
    /KB \d{7}: /.test(visibleText([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }])),
  );

describe('uploads and pastes that change the answer', () => {
  let pki: TestPki;
  before(async () => {
    pki = await testPki();
  });

  it('fills the missing issuer, its download URL and the file name into the answer after an upload, and says so first', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const answer = await bot.send(NDR_WITH_CAPI2);
    assert.match(commandsIn(answer), /-like '\*<name of the intermediate CA>\*'/, 'a placeholder before the upload');

    const replies = await bot.send(upload('smtp.cer', pki.server.der));
    const texts = replies.map((reply) => reply.text ?? '');
    const line = texts.find((text) => text.startsWith('The certificate shows'));
    assert.ok(line, texts.join('\n---\n'));
    assert.match(line, /the missing issuer: Fabrikam TLS RSA CA 2024/);
    assert.match(line, /its download address: http:\/\/crt\.fabrikam\.test\/FabrikamTLSRSACA2024\.crt/);
    assert.match(line, /the file name to import: c:\\import\\FabrikamTLSRSACA2024\.crt/);
    const commands = commandsIn(replies);
    assert.match(commands, /-like '\*Fabrikam TLS RSA CA 2024\*'/);
    assert.match(commands, /Get-ChildItem -Path c:\\import\\FabrikamTLSRSACA2024\.crt \| Import-Certificate/);
    assert.doesNotMatch(commands, /<name of the intermediate CA>/);
    // The updated answer comes right after the line; the certificate report follows it.
    const order = replies.map((reply) =>
      reply.text?.startsWith('The certificate shows')
        ? 'line'
        : cardsIn([reply]).length
          ? visibleText([reply]).includes('Certificate report')
            ? 'report'
            : 'answer'
          : 'text',
    );
    assert.ok(order.indexOf('line') < order.indexOf('answer') && order.indexOf('answer') < order.indexOf('report'), order.join(','));
    assert.match(
      visibleText(
        answerCards(replies).map((content) => ({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] })),
      ),
      /http:\/\/crt\.fabrikam\.test\/FabrikamTLSRSACA2024\.crt/,
      'the first step names the download URL',
    );
  });

  it('says in one line that the same certificate again changes nothing, instead of repeating the answer', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send(NDR_WITH_CAPI2);
    await bot.send(upload('smtp.cer', pki.server.der));
    const again = await bot.send(upload('smtp-copy.cer', pki.server.der));
    assert.equal(answerCards(again).length, 0, 'no second answer card');
    assert.equal(commandsIn(again), '', 'no second commands message');
    assert.ok(
      again.some((reply) => reply.text === 'That does not change my answer above (KB 3212877).'),
      again.map((reply) => reply.text).join('\n'),
    );
  });

  it('says in one line that a message with nothing new leaves the answer as it is (German)', async () => {
    const bot = makeTestBot({ locale: 'de-DE' });
    await bot.send(NDR_WITH_CAPI2_DE);
    const replies = await bot.send('hm, und jetzt?');
    assert.equal(replies.length, 1);
    assert.equal(replies[0].text, 'In dieser Nachricht habe ich nichts Neues gefunden; meine Antwort oben (KB 3212877) gilt weiter.');
  });

  it('says in one line that new evidence supports the answer when only the confidence moves', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    // 5.7.64 alone has several causes (issue 10, point 10): the first message names the chain problem too.
    const first = await bot.send(
      'Relaying through EOP fails: 550 5.7.64 TenantAttribution; Relay Access Denied. openssl says: Verify return code: 21 (unable to verify the first certificate)',
    );
    assert.equal(answerCards(first).length, 1);
    const replies = await bot.send('The CAPI2 log on the relay server shows event 30 with 800B0109.');
    assert.equal(replies.length, 1, replies.map((reply) => reply.text).join('\n'));
    assert.match(replies[0].text ?? '', /^That supports my answer above \(KB 3212877\): confidence \d+% before, \d+% now\.$/);
  });

  it('does not repeat the open question when an upload does not answer it, and reports the certificate', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const question = await bot.send(NDR_5_7_64_EN);
    assert.ok([...buttons(question).values()].some((value) => value.action === 'answer'));
    const replies = await bot.send(upload('self.cer', pki.selfSigned.der));
    assert.match(visibleText(replies), /Certificate report/);
    assert.equal(
      [...buttons(replies).values()].filter((value) => value.action === 'answer').length,
      0,
      'the question card is not repeated',
    );
    assert.match(replies[replies.length - 1].text ?? '', /does not answer my question above yet/);
  });

  it('answers when an upload settles the open question, and says that it does', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send(NDR_5_7_64_EN);
    const replies = await bot.send(upload('smtp.cer', pki.server.der));
    const cards = answerCards(replies);
    assert.equal(cards.length, 1, visibleText(replies));
    assert.match(visibleText(replies), /With that I can answer:/);
  });
});

describe('what changed (snapshots)', () => {
  const snapshot = (percent: number, values: CaseSnapshot['values'] = {}): CaseSnapshot => ({
    verdict: 'match',
    article: 'KB3212877',
    percent,
    values,
  });

  it('names new and changed values, most telling first', () => {
    const update = compareSnapshots(
      snapshot(80, { fqdn: 'a.contoso.com' }),
      snapshot(90, { fqdn: 'b.contoso.com', missingIssuerCN: 'Fabrikam CA' }),
    );
    assert.deepEqual(update, {
      kind: 'filled',
      before: 80,
      after: 90,
      changes: [
        { name: 'missingIssuerCN', value: 'Fabrikam CA', old: undefined },
        { name: 'fqdn', value: 'b.contoso.com', old: 'a.contoso.com' },
      ],
    });
    assert.equal(
      describeUpdate(update, snapshot(90), 'en', 'message', true),
      'Your message shows the missing issuer: Fabrikam CA; the server name: b.contoso.com (before: a.contoso.com). The steps and commands below now use it. Confidence: 80 → 90%',
    );
  });

  it('takes only values from the evidence, never placeholders or article defaults, in either language and on every call', () => {
    const bare = diagnose(extractFindings(NDR_WITH_CAPI2).findings);
    for (const language of ['en', 'de', 'en', 'de'] as const) {
      const values = caseSnapshot(bare, language).values;
      assert.deepEqual(values, {}, language);
      // A snapshot is the caller's to change: the next one is not affected.
      (values as Record<string, string>).fqdn = 'changed.contoso.com';
    }
    const withHost = diagnose(extractFindings(NDR_5_7_64_EN).findings);
    assert.equal(caseSnapshot(withHost, 'de').values.fqdn, 'smtp01.woodgrove.local');
  });

  it('re-sends the answer when the confidence crosses the low-confidence line (its notice changes), else one line', () => {
    assert.deepEqual(compareSnapshots(snapshot(60), snapshot(80)), { kind: 'supports', before: 60, after: 80, resend: true });
    assert.deepEqual(compareSnapshots(snapshot(75), snapshot(80)), { kind: 'supports', before: 75, after: 80, resend: false });
    assert.deepEqual(compareSnapshots(snapshot(80), snapshot(80)), { kind: 'unchanged' });
    assert.deepEqual(compareSnapshots(snapshot(80), { ...snapshot(80), article: 'KB2888788' }), { kind: 'changed' });
  });
});

describe('language switch', () => {
  it('re-sends the welcome in the new language before a case starts (the page sends a postBack)', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Admin' }] });
    const replies = await bot.send({ value: { action: 'language', language: 'de' }, locale: 'de-DE' });
    const text = visibleText(replies);
    assert.match(text, /Ab jetzt antworte ich auf Deutsch/);
    assert.match(text, /Fehlermeldung einfügen/, 'the German welcome card');
    assert.ok(buttons(replies).has('Mit einem Menschen sprechen'));
    assert.ok(replies.every((reply) => reply.locale === 'de-DE'));
  });

  it('re-sends the open question in the new language, with the person button', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    await bot.send(NDR_5_7_64_EN);
    const replies = await bot.send('auf Deutsch');
    assert.match(visibleText(replies), /Was trifft am ehesten zu\?/);
    assert.ok(buttons(replies).has('Mit einem Menschen sprechen'));
    assert.ok(buttons(replies).has('Weiß ich nicht'));
  });

  it('refuses a language it does not speak as a forged button press', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send({ value: { action: 'language', language: 'fr' } });
    assert.match(visibleText(replies), /could not use that button press/);
  });
});
