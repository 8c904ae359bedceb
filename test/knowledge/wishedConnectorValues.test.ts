/**
 * A connector field quoted in a sentence is the connector's setting only when the words say so
 * ("still shows", "has", "steht noch"). A value someone wants there ("SenderIPAddresses needs
 * 203.0.113.9 as well?", "Muss unter SenderIPAddresses jetzt 203.0.113.9 rein?",
 * "TlsSenderCertificateName should be smtp.contoso.com now") is not: read as the setting, it made
 * the connector match the new address or name and ruled KB 4051495 out.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, type Diagnosis } from '../../knowledge';
import { connectorConfigExtractor } from '../../knowledge/evidence/connectorConfig';

const NDR = '550 5.7.64 TenantAttribution; Relay Access Denied';
const NEW_IP_EN = `Since yesterday relayed mail bounces: ${NDR}. Our ISP gave us a new public IP 203.0.113.9.`;
const NEW_IP_DE = `Seit gestern kommen weitergeleitete Mails zurück: ${NDR}. Wir haben vom Provider eine neue öffentliche IP 203.0.113.9 bekommen.`;
const RENEWED_EN = 'The certificate was renewed, it is now CN=smtp.contoso.com.';
const RENEWED_DE = 'Das Zertifikat wurde erneuert, es lautet jetzt auf CN=smtp.contoso.de.';

function answer(text: string): { d: Diagnosis; commands: string; summary: string } {
  const extraction = extractFindings(text);
  const d = diagnose(extraction.findings);
  const reply = render(d, extraction.language);
  const commands = reply.kind === 'match' ? reply.commands.map((c) => c.script).join('\n') : '';
  const summary = `verdict=${d.verdict} article=${d.article} findings=${d.findings.map((f) => `${f.kind}:${f.value}`).join(',')}`;
  return { d, commands, summary };
}

/** What the connector extractor reads as the inbound connector's setting in one line. */
function connectorSetting(line: string): string | undefined {
  const found = connectorConfigExtractor.extract({ text: line, lines: [line], lower: line.toLowerCase() });
  const connector = found.find((f) => f.kind === 'connector');
  const data = connector?.data as { senderIpAddresses?: string[]; tlsSenderCertificateName?: string } | undefined;
  return data?.senderIpAddresses?.join(',') ?? data?.tlsSenderCertificateName;
}

describe('a connector value someone wants is not the connector setting', () => {
  describe('SenderIPAddresses: the new address is to be added, KB 4051495 with the command that adds it', () => {
    const rows: Array<{ name: string; text: string; command: string }> = [
      {
        name: 'English: "I guess SenderIPAddresses needs 203.0.113.9 as well?"',
        text: `${NEW_IP_EN} The connector is IP-based, I guess SenderIPAddresses needs 203.0.113.9 as well?`,
        command: '-SenderIPAddresses @{Add="203.0.113.9"}',
      },
      {
        name: 'English: "I want to change SenderIPAddresses to 203.0.113.9"',
        text: `${NEW_IP_EN} The connector is IP-based. I want to change SenderIPAddresses to 203.0.113.9.`,
        command: '-SenderIPAddresses @{Add="203.0.113.9"}',
      },
      {
        name: 'German: "Muss unter SenderIPAddresses jetzt 203.0.113.9 rein?"',
        text: `${NEW_IP_DE} Der Connector ist IP-basiert. Muss unter SenderIPAddresses jetzt 203.0.113.9 rein?`,
        command: '-SenderIPAddresses @{Add="203.0.113.9"}',
      },
      {
        name: 'German: "Wir müssen SenderIPAddresses auf 203.0.113.9 ändern"',
        text: `${NEW_IP_DE} Der Connector ist IP-basiert. Wir müssen SenderIPAddresses auf 203.0.113.9 ändern.`,
        command: '-SenderIPAddresses @{Add="203.0.113.9"}',
      },
    ];
    for (const row of rows) {
      it(row.name, () => {
        const { d, commands, summary } = answer(row.text);
        assert.equal(d.verdict, 'match', summary);
        assert.equal(d.article, 'KB4051495', summary);
        assert.ok(commands.includes(row.command), `no command contains ${row.command}:\n${commands}`);
      });
    }
  });

  describe('TlsSenderCertificateName: the new name is wished for, not a connector that matches', () => {
    const rows: Array<{ name: string; text: string }> = [
      {
        name: 'English: "TlsSenderCertificateName should be smtp.contoso.com now"',
        text: `${RENEWED_EN} I think TlsSenderCertificateName should be smtp.contoso.com now. ${NDR}`,
      },
      {
        name: 'German: "Der TlsSenderCertificateName muss jetzt smtp.contoso.de sein, oder?"',
        text: `${RENEWED_DE} Der TlsSenderCertificateName muss jetzt smtp.contoso.de sein, oder? ${NDR}`,
      },
    ];
    for (const row of rows) {
      it(`${row.name}: KB 4051495 or a question, not the missing intermediate and not "ruled out"`, () => {
        const { d, summary } = answer(row.text);
        assert.ok(d.verdict === 'ask' || (d.verdict === 'match' && d.article === 'KB4051495'), summary);
        assert.ok(!d.findings.some((f) => f.kind === 'connector-matches-sender'), summary);
      });
    }
  });

  describe('the current setting in a sentence still counts (near misses)', () => {
    it('English: "SenderIPAddresses still shows 203.0.113.9" matches the new address: no command to add it', () => {
      const { d, commands, summary } = answer(`${NEW_IP_EN} The connector is IP-based and SenderIPAddresses still shows 203.0.113.9.`);
      assert.ok(!(d.verdict === 'match' && d.article === 'KB4051495'), summary);
      assert.ok(!commands.includes('@{Add='), commands);
      assert.ok(
        d.findings.some((f) => f.kind === 'connector-matches-sender'),
        summary,
      );
    });

    it('German: "Unter SenderIPAddresses steht noch 62.153.40.2" is the old address: KB 4051495 adds the new one', () => {
      const { d, commands, summary } = answer(`${NEW_IP_DE} Unter SenderIPAddresses steht noch 62.153.40.2.`);
      assert.equal(d.verdict, 'match', summary);
      assert.equal(d.article, 'KB4051495', summary);
      assert.ok(commands.includes('-SenderIPAddresses @{Add="203.0.113.9"}'), commands);
    });

    it('German: "Im Inbound Connector steht unter TlsSenderCertificateName noch smtp.contoso.de" matches the certificate', () => {
      const { d, summary } = answer(`${RENEWED_DE} Im Inbound Connector steht unter TlsSenderCertificateName noch smtp.contoso.de. ${NDR}`);
      assert.ok(!(d.verdict === 'match' && d.article === 'KB4051495'), summary);
      assert.ok(
        d.findings.some((f) => f.kind === 'connector-matches-sender'),
        summary,
      );
    });
  });

  describe('which wording is read as the setting (connector extractor)', () => {
    const rows: Array<[string, string | undefined]> = [
      // Wished, planned, asked for: not the setting.
      ['I guess SenderIPAddresses needs 203.0.113.9 as well?', undefined],
      ['Change SenderIPAddresses to 203.0.113.9?', undefined],
      ['Should I set SenderIPAddresses to 203.0.113.9?', undefined],
      ['The TlsSenderCertificateName has to be smtp.contoso.com', undefined],
      ['Can I just update the TlsSenderCertificateName to smtp.contoso.com?', undefined],
      ['SenderIPAddresses sollte 203.0.113.9 enthalten.', undefined],
      ['Unter SenderIPAddresses muss 203.0.113.9 eingetragen werden.', undefined],
      // What the connector has: the setting.
      ['Im Connector steht unter SenderIPAddresses noch 62.153.40.2.', '62.153.40.2'],
      ['TlsSenderCertificateName on the connector still says mail.contoso.com.', 'mail.contoso.com'],
      ['Should I worry that SenderIPAddresses still has 198.51.100.7?', '198.51.100.7'],
      ['How do I add 203.0.113.9 when SenderIPAddresses has 198.51.100.7?', '198.51.100.7'],
      ['TlsSenderCertificateName is mail.contoso.com and I want to change it to smtp.contoso.com', 'mail.contoso.com'],
      // A change told as done is the setting now.
      ['We changed SenderIPAddresses to 203.0.113.9 yesterday.', '203.0.113.9'],
      ['Wir haben SenderIPAddresses auf 203.0.113.9 geändert.', '203.0.113.9'],
    ];
    for (const [line, setting] of rows) {
      it(`${JSON.stringify(line)} -> ${setting ?? 'no setting'}`, () => assert.equal(connectorSetting(line), setting));
    }
  });
});
