/**
 * A paste that tells a timeline and then a long log: only the first 6,000 characters are read for
 * the story, and everything after them belongs to the present. Before, the present was cut at
 * 6,000 characters, so an NDR at the end of an 11 KB log was lost and the old, fixed problem of
 * the past entry was all that was left.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render } from '../../knowledge';
import { splitHistory } from '../../knowledge/evidence/history';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE =
  "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]' zurückgegeben";

/** About 11 KB of a send protocol log in which nothing is wrong. */
const LOG = Array.from(
  { length: 100 },
  (_, i) =>
    `2025-06-19T09:${String(i % 60).padStart(2, '0')}:11.208Z,Outbound to Office 365,08DD9FF628C1B1D9,${i},10.0.0.5:50334,104.47.22.36:25,<,250 2.0.0 OK <queued as ${1000 + i}>,`,
).join('\n');

/** A timeline whose present entry has its evidence below the log: the connector and the NDR. */
function timelineEn(log: string): string {
  return [
    'History of this relay:',
    '- 2023: event 2004 "454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied". Cause was a certificate from our internal CA with SMTP; we removed it. Fixed.',
    '- Today: since the renewal (the certificate is now CN=smtp.contoso.com) relayed mail bounces. Send log, connector and NDR below.',
    log,
    'Inbound connector: TlsSenderCertificateName : mail.contoso.com',
    NDR,
  ].join('\n');
}

function timelineDe(log: string): string {
  return [
    'Verlauf dieses Relays:',
    '- 2023: Ereignis 2004 "454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied". Ursache war ein Zertifikat der internen CA mit SMTP, wir haben es entfernt. Behoben.',
    '- Heute: Seit der Erneuerung (das Zertifikat lautet jetzt auf CN=smtp.contoso.de) kommen weitergeleitete Mails zurück. Sendeprotokoll, Connector und Unzustellbarkeitsbericht unten.',
    log,
    'Inbound Connector: TlsSenderCertificateName : mail.contoso.de',
    NDR_DE,
  ].join('\n');
}

function answer(text: string) {
  const extraction = extractFindings(text);
  const d = diagnose(extraction.findings);
  const reply = render(d, extraction.language);
  return {
    d,
    commands: reply.kind === 'match' ? reply.commands.map((c) => c.script).join('\n') : '',
    summary: `verdict=${d.verdict} article=${d.article} findings=${d.findings.map((f) => `${f.kind}:${f.value}`).join(',')}`,
  };
}

describe('a timeline followed by a long log', () => {
  for (const [lang, timeline, name] of [
    ['English', timelineEn, 'smtp.contoso.com'],
    ['German', timelineDe, 'smtp.contoso.de'],
  ] as const) {
    describe(lang, () => {
      const text = timeline(LOG);

      it('is longer than the part read for the story', () => assert.ok(text.length > 10_000, `${text.length}`));

      it('answers with the connector and the NDR below the log: KB 4051495, set the name the certificate has', () => {
        const { d, commands, summary } = answer(text);
        assert.equal(d.verdict, 'match', summary);
        assert.equal(d.article, 'KB4051495', summary);
        assert.ok(commands.includes(`-TlsSenderCertificateName "${name}"`), commands);
      });

      it('keeps what follows the first 6,000 characters in the present', () => {
        const story = splitHistory(text);
        assert.ok(story, 'a timeline');
        assert.ok(story.present.endsWith(text.slice(-300)), 'the present runs to the end of the paste');
        assert.ok(story.past.includes('UntrustedRoot') && !story.past.includes('5.7.64'));
      });

      it("the same timeline with a short log: the same answer, the old entry's error left out (near miss)", () => {
        const short = timeline(LOG.split('\n').slice(0, 5).join('\n'));
        assert.ok(short.length < 6000);
        const { d, commands, summary } = answer(short);
        assert.equal(d.verdict, 'match', summary);
        assert.equal(d.article, 'KB4051495', summary);
        assert.ok(commands.includes(`-TlsSenderCertificateName "${name}"`), commands);
        assert.ok(!d.findings.some((f) => f.kind === 'event' || (f.kind === 'smtp-reply' && f.value === '4.7.0')), summary);
      });
    });
  }
});
