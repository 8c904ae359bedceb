/**
 * A sender that reaches Exchange Online over IPv6 (KB 4051495): SenderIPAddresses takes IPv4 only, so
 * the answer must never tell the admin to add an address there. Exchange Online's greeting with an
 * IPv6 address counts whether or not the connector's addresses were shown; IPv6 only stated ("our ISP
 * enabled IPv6") is worded as what the user said, never as an address Exchange Online saw, and the
 * step that finds out the address stays.
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, diagnose, extractFindings, render, type Diagnosis, type Finding, type RenderedMatch } from '../../knowledge';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE = "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben";
const greeting = (address: string) =>
  `2025-06-19T09:03:11.301Z,Outbound EOP,08DD9FF628C1B1D9,4,10.0.0.25:50334,52.101.40.17:25,<,250  AM4PEPF00027A6C.mail.protection.outlook.com Hello [${address}] SIZE 157286400,`;

/** The diagnosis after the paste and, when the bot asks which cause fits, the user's answer `option`. */
function answered(text: string, option: string): { d: Diagnosis; language: 'de' | 'en' } {
  const extraction = extractFindings(text);
  let findings: Finding[] = extraction.findings;
  const first = diagnose(findings);
  if (first.verdict === 'ask') {
    assert.equal(first.question!.id, 'cause-5764');
    findings = [...findings, ...answerQuestion(first.question!, option)];
  }
  return { d: diagnose(findings), language: extraction.language };
}

function reply(d: Diagnosis, language: 'de' | 'en'): RenderedMatch {
  const r = render(d, language);
  assert.equal(r.kind, 'match', JSON.stringify(d.candidates));
  return r;
}

const scripts = (r: RenderedMatch) => r.commands.map((c) => c.script).join('\n');

describe('IPv6 sender: the greeting without a connector listing', () => {
  it('English: "IP changed" after an IPv6 greeting gives the IPv6 advice, not an IPv4 address to add', () => {
    const { d, language } = answered(`Relayed mail bounces since Monday:\n${greeting('2001:db8::25')}\n${NDR}`, 'ip-changed');
    assert.equal(d.article, 'KB4051495');
    assert.ok(d.findings.some((f) => f.kind === 'sender-ip-ipv6' && f.value === '2001:db8::25'));
    const r = reply(d, language);
    const steps = r.steps.join('\n');
    assert.match(steps, /IPv6 address 2001:db8::25/);
    assert.match(steps, /IPv4 addresses only/);
    assert.doesNotMatch(steps, /add the new public address/);
    assert.ok(!scripts(r).includes('@{Add='), scripts(r));
    assert.match(scripts(r), /-TlsSenderCertificateName/);
  });

  it('German: the same in German', () => {
    const { d, language } = answered(
      `Seit Montag kommen weitergeleitete Mails zurück:\n${greeting('IPv6:2a02:8108:1:2::5')}\n${NDR_DE}`,
      'ip-changed',
    );
    assert.equal(language, 'de');
    assert.equal(d.article, 'KB4051495');
    const r = reply(d, language);
    const steps = r.steps.join('\n');
    assert.match(steps, /IPv6-Adresse 2a02:8108:1:2::5/);
    assert.match(steps, /nur IPv4-Adressen/);
    assert.ok(!scripts(r).includes('@{Add='), scripts(r));
  });

  it('near miss: an IPv4 greeting still gets the address to add', () => {
    const { d, language } = answered(`Relayed mail bounces since Monday:\n${greeting('198.51.100.40')}\n${NDR}`, 'ip-changed');
    assert.equal(d.article, 'KB4051495');
    assert.ok(!d.findings.some((f) => f.kind === 'sender-ip-ipv6'));
    assert.match(scripts(reply(d, language)), /-SenderIPAddresses @\{Add="198\.51\.100\.40"\}/);
  });

  it('near miss: an IPv6 greeting when the answer is "the certificate name changed" gives no IPv6 advice', () => {
    const { d, language } = answered(`Relayed mail bounces since Monday:\n${greeting('2001:db8::25')}\n${NDR}`, 'name-mismatch');
    assert.equal(d.article, 'KB4051495');
    assert.ok(!d.findings.some((f) => f.kind === 'sender-ip-ipv6'));
    assert.doesNotMatch(reply(d, language).steps.join('\n'), /IPv6 address 2001:db8::25|over IPv4 again/);
  });
});

describe('IPv6 sender: only stated, no address seen', () => {
  it('English: the steps claim no address Exchange Online saw, and keep the step that finds it out', () => {
    const { d, language } = answered(`Our ISP enabled IPv6 on the line last week. The inbound connector is IP-based. ${NDR}`, 'ip-changed');
    assert.equal(d.article, 'KB4051495');
    const steps = reply(d, language).steps.join('\n');
    assert.doesNotMatch(steps, /saw the connection/);
    assert.doesNotMatch(steps, /<IPv6 address/);
    assert.match(steps, /Find out from which address the server reaches Exchange Online now/);
    assert.match(steps, /You say the server now reaches Exchange Online over IPv6/);
    assert.match(steps, /IPv4 addresses only/);
  });

  it('English: "IP changed" as the answer to a stated IPv6 switch (no connector shown) gives the IPv6 advice', () => {
    const { d, language } = answered(`Our ISP enabled IPv6 on the line last week. ${NDR}`, 'ip-changed');
    assert.equal(d.article, 'KB4051495');
    assert.ok(d.findings.some((f) => f.kind === 'sender-ip-ipv6' && f.value === 'stated'));
    const r = reply(d, language);
    assert.match(r.steps.join('\n'), /IPv4 addresses only/);
    assert.ok(!scripts(r).includes('@{Add='), scripts(r));
  });

  it('German: the same in German', () => {
    const { d, language } = answered(
      `Seit der Provider IPv6 freigeschaltet hat, kommt beim Relay ${NDR_DE}. Der Connector prüft die IP.`,
      'ip-changed',
    );
    assert.equal(language, 'de');
    assert.equal(d.article, 'KB4051495');
    const steps = reply(d, language).steps.join('\n');
    assert.doesNotMatch(steps, /hat die Verbindung von der IPv6-Adresse/);
    assert.doesNotMatch(steps, /<IPv6-Adresse/);
    assert.match(steps, /Stellen Sie fest, von welcher Adresse der Server Exchange Online jetzt erreicht/);
    assert.match(steps, /Sie schreiben, dass der Server Exchange Online jetzt über IPv6 erreicht/);
  });

  it('near miss: an IPv6 address Exchange Online saw is still named, and needs no step to find it out', () => {
    const { d, language } = answered(
      `Connector is IP-based: SenderIPAddresses {198.51.100.40}\n${greeting('2001:db8:77::25')}\nOur ISP enabled IPv6 last week. ${NDR}`,
      'ip-changed',
    );
    assert.equal(d.article, 'KB4051495');
    const steps = reply(d, language).steps.join('\n');
    assert.match(steps, /Exchange Online saw the connection from the IPv6 address 2001:db8:77::25/);
    assert.doesNotMatch(steps, /Find out from which (?:public )?address/);
  });
});
