/**
 * "IPv6 is not enabled on the relay" says the way out did not change. Before, the network-changed
 * phrase read "IPv6 ... enabled" without its negation, so a certificate-based connector got a
 * command to add a new address to SenderIPAddresses; and the German "IPv6 ist nicht aktiviert"
 * also counted as a server that sends over IPv6.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, type Diagnosis } from '../../knowledge';
import { freeTextExtractor } from '../../knowledge/evidence/freeText';

const NDR = '550 5.7.64 TenantAttribution; Relay Access Denied';
const ADD = '-SenderIPAddresses @{Add=';

function answer(text: string): { d: Diagnosis; commands: string; summary: string } {
  const extraction = extractFindings(text);
  const d = diagnose(extraction.findings);
  const reply = render(d, extraction.language);
  const commands = reply.kind === 'match' ? reply.commands.map((c) => c.script).join('\n') : '';
  const summary = `verdict=${d.verdict} article=${d.article} findings=${d.findings.map((f) => `${f.kind}:${f.value}`).join(',')}`;
  return { d, commands, summary };
}

const has = (d: Diagnosis, kind: string, value: string) => d.findings.some((f) => f.kind === kind && f.value === value);

const CERT_EN =
  'The certificate was renewed, it is now CN=smtp.contoso.com. Inbound connector: TlsSenderCertificateName : mail.contoso.com.';
const CERT_DE =
  'Das Zertifikat wurde erneuert, es lautet jetzt auf CN=smtp.contoso.de. Inbound Connector: TlsSenderCertificateName : mail.contoso.de.';

describe('IPv6 that is not enabled is no network change', () => {
  describe('a certificate-based connector: only the name to set, no address to add', () => {
    for (const [name, text, certificateName] of [
      ['English: "IPv6 is not enabled on the relay"', `${CERT_EN} IPv6 is not enabled on the relay. ${NDR}`, 'smtp.contoso.com'],
      ['German: "IPv6 ist auf dem Relay nicht aktiviert"', `${CERT_DE} IPv6 ist auf dem Relay nicht aktiviert. ${NDR}`, 'smtp.contoso.de'],
      ['English: "we haven\'t enabled IPv6 anywhere"', `${CERT_EN} We haven't enabled IPv6 anywhere. ${NDR}`, 'smtp.contoso.com'],
    ] as const) {
      it(name, () => {
        const { d, commands, summary } = answer(text);
        assert.equal(d.verdict, 'match', summary);
        assert.equal(d.article, 'KB4051495', summary);
        assert.ok(commands.includes(`-TlsSenderCertificateName "${certificateName}"`), commands);
        assert.ok(!commands.includes(ADD), `a command adds an address:\n${commands}`);
        assert.ok(!has(d, 'change', 'network-changed'), summary);
      });
    }
  });

  it('German: an IP-based connector and "IPv6 ist auf dem Relay nicht aktiviert" is no IPv6 sender', () => {
    const { d, commands, summary } = answer(
      `Der Inbound-Connector ist IP-basiert (SenderIPAddresses {198.51.100.7}). IPv6 ist auf dem Relay nicht aktiviert. ${NDR}`,
    );
    assert.ok(!has(d, 'sender-ip-ipv6', 'stated') && !has(d, 'ipv6-stated', 'stated'), summary);
    assert.ok(!commands.includes('-TlsSenderCertificateName'), `told to switch to a certificate:\n${commands}`);
  });

  for (const text of ['We are not dual-stack.', 'Wir sind nicht Dual-Stack.', 'IPv6 ist bei uns abgeschaltet.']) {
    it(`${JSON.stringify(text)} is none`, () => {
      const found = freeTextExtractor.extract({ text, lines: [text], lower: text.toLowerCase() });
      assert.ok(!found.some((f) => f.value === 'network-changed' || f.kind === 'ipv6-stated'), found.map((f) => f.kind).join(','));
    });
  }

  describe('IPv6 switched on and the other network changes still count (near misses)', () => {
    it('English: "IPv6 was enabled on the relay last week" is a network change: the address to find out and add', () => {
      const { d, commands, summary } = answer(`${CERT_EN} IPv6 was enabled on the relay last week. ${NDR}`);
      assert.equal(d.article, 'KB4051495', summary);
      assert.ok(has(d, 'change', 'network-changed'), summary);
      assert.ok(commands.includes(ADD), commands);
    });

    it('German: "Der Provider hat letzte Woche IPv6 freigeschaltet" is a network change and an IPv6 sender', () => {
      const { d, summary } = answer(
        `Der Inbound-Connector ist IP-basiert (SenderIPAddresses {198.51.100.7}). Der Provider hat letzte Woche IPv6 freigeschaltet. ${NDR}`,
      );
      assert.equal(d.article, 'KB4051495', summary);
      assert.ok(has(d, 'change', 'network-changed') && has(d, 'sender-ip-ipv6', 'stated'), summary);
    });

    for (const text of [
      'We moved the relay to Azure last weekend and IPv6 is not enabled there.',
      'Wir haben den Relay-Server nach Azure migriert, IPv6 ist dort nicht aktiviert.',
      'The uplink went dual-stack on Tuesday.',
    ]) {
      it(`${JSON.stringify(text)} is a network change`, () => {
        const found = freeTextExtractor.extract({ text, lines: [text], lower: text.toLowerCase() });
        assert.ok(
          found.some((f) => f.kind === 'change' && f.value === 'network-changed'),
          found.map((f) => `${f.kind}:${f.value}`).join(','),
        );
      });
    }
  });
});
