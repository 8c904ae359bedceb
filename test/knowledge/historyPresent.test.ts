/**
 * History is the past (issue 22, point 5): an old, dealt-with cause told before "now ..." adds no
 * evidence to the present, in English and German, whichever words tell the time.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings } from '../../knowledge';

/** Old cause: the missing intermediate (CAPI2 event 30, 800B0109). Present: a renewal and 5.7.64. */
const PAST_INTERMEDIATE: Array<{ lang: 'en' | 'de'; text: string }> = [
  {
    lang: 'de',
    text: 'Kurze Vorgeschichte: Im März hatten wir schon einmal 550 5.7.64 TenantAttribution, damals fehlte das Zwischenzertifikat (CAPI2 Ereignis 30, 800B0109), wir haben es importiert. Jetzt, nach der Verlängerung des Zertifikats, kommt wieder 550 5.7.64 TenantAttribution; Relay Access Denied.',
  },
  {
    lang: 'de',
    text: 'Vorher hatten wir das Problem schon mal, damals lag es am fehlenden Zwischenzertifikat, CAPI2 Ereignis 30 mit 800B0109. Jetzt nach der Zertifikatsverlängerung wieder 550 5.7.64 TenantAttribution; Relay Access Denied.',
  },
  {
    lang: 'de',
    text: 'Früher gab es bei uns CAPI2 Ereignis 30 mit 800B010A, das Zwischenzertifikat haben wir dann importiert. Heute, nach der Erneuerung des Zertifikats: 550 5.7.64 TenantAttribution; Relay Access Denied.',
  },
  {
    lang: 'de',
    text: 'Letzten Monat hatten wir schon einmal CAPI2 Ereignis 30 (800B0109), wir haben das Zwischenzertifikat importiert. Diesmal kommt nach der Zertifikatsverlängerung 550 5.7.64 TenantAttribution; Relay Access Denied zurück.',
  },
  {
    lang: 'en',
    text: 'Last month we had the same 550 5.7.64 TenantAttribution; back then the intermediate was missing (CAPI2 event 30 with 800B0109). Now, after the certificate renewal, relay fails again with 550 5.7.64 TenantAttribution; Relay Access Denied.',
  },
  {
    lang: 'en',
    text: 'We had this 5.7.64 before: CAPI2 event 30 with 800B0109, the intermediate certificate was missing and we imported it into LocalMachine\\CA. Now after renewing the certificate the relay is denied again: 550 5.7.64 TenantAttribution; Relay Access Denied',
  },
  {
    lang: 'en',
    text: 'Previously the relay failed with 550 5.7.64 because CAPI2 event 30 showed 800B010A; we imported the chain. Today, after the certificate was renewed, the relay fails: 550 5.7.64 TenantAttribution; Relay Access Denied.',
  },
];

const OLD_CAUSE_KINDS = new Set(['chain-error', 'chain-incomplete', 'symptom']);

describe('history is the past, only the present decides (en/de)', () => {
  for (const { lang, text } of PAST_INTERMEDIATE)
    it(`${lang}: "${text.slice(0, 60)}..." keeps the old intermediate out of the evidence`, () => {
      const findings = extractFindings(text).findings;
      const old = findings.filter((f) => OLD_CAUSE_KINDS.has(f.kind) && f.value !== 'relay-access-denied');
      assert.deepEqual(
        old.map((f) => `${f.kind}:${f.value}`),
        [],
        `the story's old cause counted: ${findings.map((f) => `${f.kind}:${f.value}`).join(',')}`,
      );
      assert.ok(
        findings.some((f) => f.kind === 'smtp-reply' && f.value === '5.7.64'),
        'the present error is kept',
      );
      const d = diagnose(findings);
      assert.ok(
        !(d.verdict === 'match' && d.article === 'KB3212877'),
        `KB 3212877 answered from the story: ${JSON.stringify(d.candidates)}`,
      );
    });

  it('de: an old 454 4.7.0 (removed internal certificate) does not keep KB 2888788 in the running against a new IP address', () => {
    const d = diagnose(
      extractFindings(
        'Zur Vorgeschichte: Letzten Monat hatten wir 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot, das interne Zertifikat haben wir entfernt. Jetzt haben wir eine neue öffentliche IP-Adresse bekommen und seitdem 550 5.7.64 TenantAttribution; Relay Access Denied.',
      ).findings,
    );
    assert.equal(d.candidates.find((c) => c.article === 'KB2888788')?.confidence, 0, JSON.stringify(d.candidates));
    assert.equal(d.candidates[0].article, 'KB4051495');
  });

  it('en: back then the hybrid queue (454 4.7.0, we removed the internal certificate); now a new IP address: the old 454 is not evidence', () => {
    const findings = extractFindings(
      'Back then our hybrid queue was stuck with 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot, and we removed the internal certificate. Now we have a new public IP address and since then 550 5.7.64 TenantAttribution; Relay Access Denied.',
    ).findings;
    // (That the server is a hybrid one stays true: the route is kept.)
    assert.ok(!findings.some((f) => f.kind === 'tls-error' || (f.kind === 'smtp-reply' && f.value === '4.7.0')), JSON.stringify(findings));
    const d = diagnose(findings);
    assert.equal(d.candidates[0].article, 'KB4051495', JSON.stringify(d.candidates));
  });

  // Near misses beside the history they resemble: what was done and did not help ("still") is evidence now.
  for (const { past, still } of [
    {
      past: 'Previously the intermediate was missing and we imported it into LocalMachine\\CA. Now after the renewal we get 550 5.7.64 TenantAttribution; Relay Access Denied.',
      still:
        'Previously we imported the intermediate into LocalMachine\\CA. Now we still get 550 5.7.64 TenantAttribution; Relay Access Denied.',
    },
    {
      past: 'Damals fehlte das Zwischenzertifikat, wir haben es importiert. Jetzt kommt nach der Verlängerung 550 5.7.64 TenantAttribution; Relay Access Denied.',
      still:
        'Letzte Woche haben wir das Zwischenzertifikat importiert. Jetzt kommt immer noch 550 5.7.64 TenantAttribution; Relay Access Denied.',
    },
  ])
    it(`an old fix is history, a fix that did not help stays evidence: "${still.slice(0, 40)}..."`, () => {
      const kinds = (text: string) => extractFindings(text).findings.map((f) => `${f.kind}:${f.value}`);
      assert.ok(!kinds(past).some((k) => k.startsWith('chain-complete') || k.startsWith('symptom:intermediate')), kinds(past).join(','));
      assert.ok(
        kinds(still).some((k) => k.startsWith('chain-complete')),
        kinds(still).join(','),
      );
    });
});
