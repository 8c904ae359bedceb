/**
 * A "what is my IP" service asked at the prompt (irm ifconfig.me, curl ipinfo.io): only what that
 * command printed is the server's public address, never the output of a later command, and a lookup
 * of a given address (ipinfo.io/8.8.8.8) is not the server's own. The address goes into
 * Set-InboundConnector -SenderIPAddresses @{Add="..."} (KB 4051495).
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, diagnose, extractFindings, render, type Language } from '../../knowledge';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE = "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben";
const CONNECTOR = 'SenderIPAddresses : {192.0.2.44}';

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

describe('"what is my IP" at the prompt: only its own answer is the server\'s address', () => {
  describe('the output of a later command is not the answer', () => {
    it('irm ifconfig.me timed out, then Resolve-DnsName of another host: no address (English)', () => {
      const text = `PS C:\\> irm ifconfig.me\nirm : The operation has timed out.\nPS C:\\> (Resolve-DnsName mail.fabrikam.com).IPAddress\n198.51.100.77\n${CONNECTOR}\n${NDR}`;
      const script = addCommand(text, 'en');
      assert.match(script, PLACEHOLDER_EN);
      assert.doesNotMatch(script, /198\.51\.100\.77/);
    });

    it('irm ifconfig.me timed out, then a DNS table: no address (German)', () => {
      const text = `PS C:\\> irm ifconfig.me\nirm : Zeitüberschreitung des Vorgangs.\nPS C:\\> Resolve-DnsName mail.fabrikam.de\n\nName                 Type   TTL   Section    IPAddress\n----                 ----   ---   -------    ---------\nmail.fabrikam.de     A      3600  Answer     198.51.100.77\n\n${CONNECTOR}\n${NDR_DE}`;
      const script = addCommand(text, 'de');
      assert.match(script, PLACEHOLDER_DE);
      assert.doesNotMatch(script, /198\.51\.100\.77/);
    });

    it("curl without a prompt: an error, then another command's address below it is not the answer", () => {
      const text = `curl ifconfig.me\ncurl: (28) Failed to connect to ifconfig.me port 80 after 21041 ms: Timed out\nnslookup -type=a mail.fabrikam.com\n198.51.100.77\n${CONNECTOR}\n${NDR}`;
      assert.match(addCommand(text, 'en'), PLACEHOLDER_EN);
    });

    it("near miss: the answer on the next line is taken, not the later command's (English)", () => {
      const text = `PS C:\\> irm ifconfig.me\n198.51.100.201\nPS C:\\> (Resolve-DnsName mail.fabrikam.com).IPAddress\n198.51.100.77\n${CONNECTOR}\n${NDR}`;
      assert.match(addCommand(text, 'en'), /@\{Add="198\.51\.100\.201"\}/);
    });

    it('near miss: Invoke-WebRequest prints its answer as Content, below a blank line (German)', () => {
      const text = `PS C:\\> Invoke-WebRequest ifconfig.me -UseBasicParsing\n\nStatusCode        : 200\nStatusDescription : OK\nContent           : 198.51.100.202\n\n${CONNECTOR}\n${NDR_DE}`;
      assert.match(addCommand(text, 'de'), /@\{Add="198\.51\.100\.202"\}/);
    });
  });

  describe("a lookup of a given address is not the server's own", () => {
    it('curl ipinfo.io/8.8.8.8 with its JSON answer: no address (English)', () => {
      const text = `$ curl ipinfo.io/8.8.8.8\n{\n  "ip": "8.8.8.8",\n  "hostname": "dns.google",\n  "org": "AS15169 Google LLC"\n}\n${CONNECTOR}\n${NDR}`;
      const script = addCommand(text, 'en');
      assert.match(script, PLACEHOLDER_EN);
      assert.doesNotMatch(script, /8\.8\.8\.8/);
    });

    it('irm ipinfo.io/8.8.8.8 without output: the command line itself is no answer (German)', () => {
      const text = `PS C:\\> irm ipinfo.io/8.8.8.8\n${CONNECTOR}\n${NDR_DE}`;
      const script = addCommand(text, 'de');
      assert.match(script, PLACEHOLDER_DE);
      assert.doesNotMatch(script, /8\.8\.8\.8/);
    });

    it('near miss: irm ipinfo.io without an address, the PowerShell object it prints (German)', () => {
      const text = `PS C:\\> irm ipinfo.io\n\nip       : 203.0.113.90\nhostname : mail.fabrikam.de\ncity     : Frankfurt am Main\n\n${CONNECTOR}\n${NDR_DE}`;
      assert.match(addCommand(text, 'de'), /@\{Add="203\.0\.113\.90"\}/);
    });

    it("near miss: curl ipinfo.io/json and curl ipinfo.io/ip are the caller's own address (English)", () => {
      const json = `$ curl ipinfo.io/json\n{\n  "ip": "203.0.113.91",\n  "city": "Redmond"\n}\n${CONNECTOR}\n${NDR}`;
      assert.match(addCommand(json, 'en'), /@\{Add="203\.0\.113\.91"\}/);
      const plain = `C:\\>curl ipinfo.io/ip\n203.0.113.92\n${CONNECTOR}\n${NDR}`;
      assert.match(addCommand(plain, 'en'), /@\{Add="203\.0\.113\.92"\}/);
    });
  });
});
