/**
 * A placeholder is a question (issue 22, point 6): after an answer reached by a button (NDR, then
 * "Certificate name changed"), KB 4051495's command has `<name of the inbound connector>`; the
 * answer asks for the one output that gives it, with the exact command, and fills it in when that
 * output is pasted (list or table format), in English and German.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { buttons, makeTestBot } from '../../bot/helpers/testBot';
import { NDR_5_7_64_DE, NDR_5_7_64_EN } from '../../bot/helpers/samples';

type Replies = Array<Partial<Activity>>;

const texts = (replies: Replies) => replies.map((reply) => reply.text ?? '').join('\n');

function press(replies: Replies, title: string): Partial<Activity> {
  const value = buttons(replies).get(title);
  assert.ok(value, `button "${title}" in ${[...buttons(replies).keys()].join(' | ')}`);
  return { value };
}

const LIST = (name: string) => `PS> Get-InboundConnector | fl Name,ConnectorType,TlsSenderCertificateName

Name                     : ${name}
ConnectorType            : OnPremises
TlsSenderCertificateName : mail.woodgrove.com`;

const TABLE = (name: string) => `PS C:\\> Get-InboundConnector | ft Name,ConnectorType,TlsSenderCertificateName -AutoSize

Name${' '.repeat(name.length - 2)}ConnectorType TlsSenderCertificateName
${'-'.repeat(name.length)}  ------------- ------------------------
${name}  OnPremises    mail.woodgrove.com`;

const CASES = [
  {
    locale: 'en-US',
    ndr: NDR_5_7_64_EN,
    option: '2. Certificate name changed',
    asks: /The commands above still lack <name of the inbound connector>\. Run this in Exchange Online PowerShell \(Connect-ExchangeOnline\) and paste its output here/,
    placeholder: '<name of the inbound connector>',
    filled: /Your message shows the inbound connector: /,
  },
  {
    locale: 'de-DE',
    ndr: NDR_5_7_64_DE,
    option: '2. Zertifikatname geändert',
    asks: /In den Befehlen oben fehlt noch <Name des eingehenden Connectors>\. Führen Sie dies in Exchange Online PowerShell \(Connect-ExchangeOnline\) aus und fügen Sie die Ausgabe hier ein/,
    placeholder: '<Name des eingehenden Connectors>',
    filled: /Ihre Nachricht zeigt den eingehenden Connector: /,
  },
] as const;

describe('a placeholder is a question: the answer asks for the output that fills it (en/de)', () => {
  for (const c of CASES)
    for (const { format, paste, name } of [
      { format: 'list', paste: LIST, name: 'Woodgrove OnPrem Relay' },
      { format: 'table', paste: TABLE, name: 'Inbound from SMTP01' },
    ])
      it(`${c.locale}: asks for Get-InboundConnector, then fills in "${name}" from its output (${format})`, async () => {
        const bot = makeTestBot({ locale: c.locale });
        const question = await bot.send(c.ndr);
        const answer = await bot.send(press(question, c.option));
        const before = texts(answer);
        assert.ok(before.includes(`-Identity "${c.placeholder}"`), before);
        assert.match(before, c.asks);
        assert.ok(before.includes('```powershell\nGet-InboundConnector | fl Name,ConnectorType,TlsSenderCertificateName'), before);
        const updated = await bot.send(paste(name));
        const after = texts(updated);
        assert.ok(after.includes(`Set-InboundConnector -Identity "${name}"`), after);
        assert.match(after, c.filled);
        assert.doesNotMatch(after, c.asks, 'the value is filled: no more request for it');
      });
});
