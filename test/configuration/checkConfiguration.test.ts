/**
 * After a renewal, every stale place on both sides is one finding with its filled command; the
 * same configuration pointing at the current certificate gives none (near miss).
 */
import { strict as assert } from 'node:assert';
import { parseCollected } from '../../knowledge/collect/parseCollected';
import { checkConfiguration, describeConfiguration } from '../../knowledge/configuration/checkConfiguration';
import type { CollectedOutput } from '../../knowledge/collect/format';
import { exchangeOutput, exoOutput, NEW_ISSUER, NEW_SUBJECT, NEW_THUMB } from '../collect/collectedSamples';

const now = new Date('2026-12-07T10:00:00Z');
function parsed(text: string): CollectedOutput {
  const p = parseCollected(text);
  assert.ok(p?.ok);
  return p.output;
}
const currentName = `<I>${NEW_ISSUER}<S>${NEW_SUBJECT}`;

describe('whole-configuration check after a renewal', () => {
  const map = checkConfiguration([parsed(exchangeOutput()), parsed(exoOutput())], { now });

  it('picks the renewed certificate as the current one', () => assert.equal(map.current?.thumbprint, NEW_THUMB));

  it('lists every stale place at once, each with its filled command in the right shell', () => {
    const byId = new Map(map.findings.map((f) => [f.id, f]));
    assert.deepEqual([...byId.keys()].sort(), [
      'hybrid-stale-certificate',
      'inbound-connector-stale-name',
      'outbound-connector-stale-tls-domain',
      'receive-connector-stale-certificate',
      'send-connector-stale-certificate',
    ]);
    assert.equal(
      byId.get('send-connector-stale-certificate')?.command,
      'Set-SendConnector -Identity "Outbound to Office 365 - 1a2b" -TlsCertificateName "<I>CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=`"Contoso, Ltd.`", L=München, C=DE"',
    );
    assert.match(
      byId.get('receive-connector-stale-certificate')!.command,
      /^Set-ReceiveConnector -Identity "EX01\\Default Frontend EX01" -TlsCertificateName "<I>CN=GeoTrust/,
    );
    assert.equal(
      byId.get('inbound-connector-stale-name')?.command,
      'Set-InboundConnector -Identity "Inbound from 1a2b" -TlsSenderCertificateName "mail.contoso.com"',
    );
    assert.equal(byId.get('inbound-connector-stale-name')?.shell, 'exo');
    assert.equal(
      byId.get('outbound-connector-stale-tls-domain')?.command,
      'Set-OutboundConnector -Identity "Outbound to 1a2b" -TlsDomain "mail.contoso.com"',
    );
    assert.equal(byId.get('hybrid-stale-certificate')?.shell, 'hcw');
    assert.match(byId.get('send-connector-stale-certificate')!.evidence, /sendConnectors\[0\]\.TlsCertificateName : <I>CN=Old Public CA/);
  });

  it('what breaks mail now comes before what breaks at the next renewal', () => {
    const firstLater = map.findings.findIndex((f) => f.when === 'next-renewal');
    assert.ok(firstLater > 0 && map.findings.slice(firstLater).every((f) => f.when === 'next-renewal'));
  });

  it('is one answer in English and in German', () => {
    const en = describeConfiguration(map, 'en');
    const de = describeConfiguration(map, 'de');
    assert.match(en[0], /^After the renewal, 5 places still name the old certificate/);
    assert.match(de[0], /^Nach der Erneuerung nennen noch 5 Stellen das alte Zertifikat/);
    assert.ok(de.some((l) => /Sendeconnector "Outbound to Office 365 - 1a2b"/.test(l)));
    assert.ok(!de.some((l) => /\b(still names|place)\b/.test(l)));
  });

  it('near miss: every setting already names the current certificate and its name -> no finding', () => {
    const fixed = exchangeOutput()
      .split('<I>CN=Old Public CA, O=Old CA Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, C=DE')
      .join(currentName.replace(/"/g, '\\"'));
    const exo = exoOutput().replace('owa.contoso.com', 'mail.contoso.com').replace('legacy.contoso.com', 'mail.contoso.com');
    const clean = checkConfiguration([parsed(fixed), parsed(exo)], { now });
    assert.deepEqual(clean.findings, []);
    assert.deepEqual(describeConfiguration(clean, 'en'), []);
  });

  it('a missing intermediate of the current certificate and a certificate without SMTP are found', () => {
    const text = exchangeOutput({ missingIssuer: NEW_ISSUER }).replace('"IMAP, POP, IIS, SMTP"', '"IMAP, POP, IIS"');
    const ids = checkConfiguration([parsed(text)], { now }).findings.map((f) => f.id);
    assert.ok(ids.includes('intermediate-not-in-store'), ids.join());
    assert.ok(ids.includes('certificate-without-smtp'), ids.join());
  });

  it('the current certificate expiring within 30 days is the renewal checklist', () => {
    const ids = checkConfiguration([parsed(exchangeOutput())], { now: new Date('2027-11-20T00:00:00Z') }).findings.map((f) => f.id);
    assert.ok(ids.includes('certificate-expiring'), ids.join());
  });
});
