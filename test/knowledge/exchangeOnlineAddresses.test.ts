/**
 * Exchange Online Protection's own addresses (40.92.0.0/15, 40.107.0.0/16, 52.100.0.0/14,
 * 104.47.0.0/17, as Microsoft publishes them) are never the customer's sending server: the bot
 * never proposes adding one to the inbound connector's SenderIPAddresses (KB 4051495).
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, commandValues, diagnose, extractFindings, render, type Finding, type Language } from '../../knowledge';
import { isExchangeOnlineAddress } from '../../knowledge/evidence/ipRange';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE = "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben";

/** The Set-InboundConnector -SenderIPAddresses command of the answer, after "the connector checks the IP" if the bot asks. */
function addCommand(text: string, language: Language): string {
  let findings = extractFindings(text).findings;
  let d = diagnose(findings);
  for (let asked = 0; d.verdict === 'ask' && asked < 3; asked++) {
    const option = d.question!.options.find((o) => o.id === 'ip-changed');
    assert.ok(option, `asked ${d.question!.id} without "the IP changed"`);
    findings = [...findings, ...answerQuestion(d.question!, option.id)];
    d = diagnose(findings);
  }
  assert.equal(d.article, 'KB4051495', `${d.verdict} ${d.article ?? ''}`);
  const reply = render(d, language);
  assert.equal(reply.kind, 'match');
  const command = reply.commands.find((c) => c.script.includes('-SenderIPAddresses @{Add='));
  assert.ok(command, reply.commands.map((c) => c.script).join('\n'));
  return command.script;
}

const PLACEHOLDER_EN = /@\{Add="<new public IP address of the sending server>"\}/;
const PLACEHOLDER_DE = /@\{Add="<[^">]*öffentliche[^">]*>"\}/;

describe("Exchange Online's own addresses are never the sending server", () => {
  it('"...mail.protection.outlook.com now resolves to 52.101.68.7" is no address to add (English)', () => {
    const text = `Inbound connector is IP based: SenderIPAddresses {192.0.2.44}. contoso-com.mail.protection.outlook.com now resolves to 52.101.68.7. ${NDR}`;
    const script = addCommand(text, 'en');
    assert.match(script, PLACEHOLDER_EN);
    assert.doesNotMatch(script, /52\.101\.68\.7/);
  });

  it('"...outlook.com löst jetzt auf 40.107.22.5 auf" is no address to add (German)', () => {
    const text = `Der Connector prüft die IP, eingetragen ist 192.0.2.44. contoso-de.mail.protection.outlook.com löst jetzt auf 40.107.22.5 auf. ${NDR_DE}`;
    const script = addCommand(text, 'de');
    assert.match(script, PLACEHOLDER_DE);
    assert.doesNotMatch(script, /40\.107\.22\.5/);
  });

  it('a "what is my IP" answer in Exchange Online\'s range is no address to add', () => {
    const text = `PS C:\\> irm ifconfig.me\n104.47.12.33\nSenderIPAddresses : {192.0.2.44}\n${NDR}`;
    assert.match(addCommand(text, 'en'), PLACEHOLDER_EN);
  });

  it("the command takes no Exchange Online address whichever finding named it, and the customer's next to it", () => {
    const eop: Finding = {
      kind: 'sender-ip',
      value: '52.100.1.20',
      excerpt: '52.100.1.20',
      source: 'stated-names',
      data: { role: 'stated-now' },
    };
    assert.equal(commandValues([eop], 'en').values.senderIp?.includes('52.100.1.20') ?? false, false);
    const own: Finding = { ...eop, value: '198.51.100.140', excerpt: '198.51.100.140' };
    assert.equal(commandValues([eop, own], 'en').values.senderIp, '198.51.100.140');
  });

  it('near miss: a new address just outside those ranges is added (English)', () => {
    const text = `Inbound connector is IP based: SenderIPAddresses {192.0.2.44}. Our relay now sends from 52.104.1.5. ${NDR}`;
    assert.match(addCommand(text, 'en'), /@\{Add="52\.104\.1\.5"\}/);
  });

  it('near miss: a new address just outside those ranges is added (German)', () => {
    const text = `Der Connector prüft die IP, eingetragen ist 192.0.2.44. Unsere neue externe IP ist 40.94.1.1. ${NDR_DE}`;
    assert.match(addCommand(text, 'de'), /@\{Add="40\.94\.1\.1"\}/);
  });

  it('the ranges: their edges are in, the addresses next to them are out', () => {
    for (const ip of [
      '40.92.0.1',
      '40.93.255.254',
      '40.107.0.1',
      '52.100.0.1',
      '52.103.255.254',
      '104.47.0.1',
      '104.47.127.254',
      '52.101.68.0/24',
    ])
      assert.equal(isExchangeOnlineAddress(ip), true, ip);
    for (const ip of [
      '40.91.255.255',
      '40.94.0.0',
      '40.106.255.255',
      '40.108.0.0',
      '52.99.255.255',
      '52.104.0.0',
      '104.47.128.0',
      '2a01:111:f400::1',
    ])
      assert.equal(isExchangeOnlineAddress(ip), false, ip);
  });
});
