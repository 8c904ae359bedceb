/**
 * The handoff's small rules, table-driven: office hours in a time zone, what an agent may send,
 * what counts as "cancel", a rating or an e-mail address, the settings' clear messages, and the
 * Teams case card staying within Teams' size limit.
 */
import { strict as assert } from 'assert';
import type { CaseRecord } from '../../bot/cases/caseStore';
import { loadEscalationConfig } from '../../bot/escalation/config';
import { parseOfficeHours } from '../../bot/escalation/officeHours';
import { cleanAgentText } from '../../bot/escalation/relayText';
import { buildAgentCaseCard } from '../../bot/escalation/teamsCards';
import { byteSize, CARD_BYTE_BUDGET } from '../../dialogs/cards/adaptive';
import { isCancelCommand, typedRating, validEmail } from '../../dialogs/escalation/userInput';

describe('handoff rules', () => {
  it('office hours are read in the configured time zone, across daylight saving time', () => {
    const hours = parseOfficeHours('Mon-Fri 08:00-17:00', 'Europe/Berlin');
    const cases: Array<[string, boolean]> = [
      ['2026-03-02T06:59:00Z', false], // Monday 07:59 CET
      ['2026-03-02T07:00:00Z', true], // Monday 08:00 CET
      ['2026-03-02T15:59:00Z', true], // Monday 16:59 CET
      ['2026-03-02T16:00:00Z', false], // Monday 17:00 CET
      ['2026-07-06T06:30:00Z', true], // Monday 08:30 CEST
      ['2026-07-06T15:30:00Z', false], // Monday 17:30 CEST
      ['2026-03-07T10:00:00Z', false], // Saturday
    ];
    for (const [at, open] of cases) assert.equal(hours.isOpen(new Date(at)), open, at);
    const split = parseOfficeHours('Mo-Do 08:00-17:00; Fr 08:00-14:00, Sa 10:00-24:00', 'UTC');
    assert.equal(split.isOpen(new Date('2026-03-06T13:59:00Z')), true);
    assert.equal(split.isOpen(new Date('2026-03-06T14:00:00Z')), false);
    assert.equal(split.isOpen(new Date('2026-03-07T23:59:00Z')), true);
    const wrap = parseOfficeHours('Fri-Mon 09:00-10:00', 'UTC');
    assert.equal(wrap.isOpen(new Date('2026-03-08T09:30:00Z')), true, 'Sunday inside Fri-Mon');
    assert.equal(wrap.isOpen(new Date('2026-03-04T09:30:00Z')), false, 'Wednesday outside');
  });

  it('explains bad settings clearly', () => {
    const problems = (env: Record<string, string>) => loadEscalationConfig(env, true).problems.join('\n');
    assert.match(problems({ HANDOFF_OFFICE_HOURS: 'weekdays 8 to 5' }), /does not look like "Mon-Fri 08:00-17:00"/);
    assert.match(problems({ HANDOFF_OFFICE_HOURS: 'Mon-Fri 17:00-08:00' }), /end must be after the start/);
    assert.match(problems({ HANDOFF_OFFICE_HOURS: 'Mon-Fri 08:00-17:00', HANDOFF_TIMEZONE: 'Mars/Olympus' }), /not an IANA time zone/);
    assert.match(problems({ HANDOFF_WAIT_MINUTES: 'soon' }), /HANDOFF_WAIT_MINUTES must be a number/);
    assert.match(problems({ AGENT_TEAMS_CONVERSATION_ID: 'General' }), /AGENT_TEAMS_CONVERSATION_ID must look like 19:/);
    assert.match(problems({ AGENT_DESK_KEY: 'short' }), /at least 16 characters/);
    const teams = loadEscalationConfig({ AGENT_TEAMS_CONVERSATION_ID: '19:abc@thread.tacv2;messageid=1700000000000' }, false);
    assert.equal(teams.teams?.conversationId, '19:abc@thread.tacv2', 'a thread link names its channel');
    assert.equal(teams.teams?.serviceUrl, 'https://smba.trafficmanager.net/teams/');
    const defaults = loadEscalationConfig({}, true);
    assert.equal(defaults.waitMinutes, 15);
    assert.deepEqual(defaults.problems, []);
  });

  it('lets agents send plain text with https links only', () => {
    const accepted: Array<[string, string]> = [
      ['Please restart the transport service.', 'Please restart the transport service.'],
      ['See [KB 2888788](https://support.microsoft.com/help/2888788)', 'See KB 2888788 (https://support.microsoft.com/help/2888788)'],
      ['Key: password=Sommer2026!', 'Key: password=[removed]'],
      ['line one\r\nline two\u0007', 'line one\nline two'],
      ['**bold** and <b>tags</b> stay text', '**bold** and <b>tags</b> stay text'],
    ];
    for (const [input, output] of accepted) assert.deepEqual(cleanAgentText(input), { ok: true, text: output }, input);
    const refused = [
      'http://contoso.com',
      '[x](javascript:alert(1))',
      'JavaScript:alert(1)',
      'file://server/share',
      'data:text/html;base64,AAAA',
      '',
      '   ',
      'x'.repeat(4001),
    ];
    for (const input of refused) assert.equal(cleanAgentText(input).ok, false, JSON.stringify(input.slice(0, 40)));
    assert.equal(cleanAgentText({ text: 'x' }).ok, false);
  });

  it('recognises cancel, ratings and e-mail addresses in both languages', () => {
    for (const text of ['cancel', 'Cancel the request', 'abbrechen', 'Anfrage zurückziehen', 'Chat beenden.'])
      assert.ok(isCancelCommand(text), text);
    for (const text of ['cancel my subscription to the newsletter please', 'abbrechen? nein', 'how do I cancel a queued message'])
      assert.ok(!isCancelCommand(text), text);
    assert.deepEqual(['5', '4/5', '3 stars', '2 Sterne', '6', '10', 'five'].map(typedRating), [
      5,
      4,
      3,
      2,
      undefined,
      undefined,
      undefined,
    ]);
    const emails: Array<[string, string | undefined]> = [
      ['admin@contoso.com', 'admin@contoso.com'],
      ['Max.Mustermann@Fabrikam.DE', 'Max.Mustermann@fabrikam.de'],
      ['<it-support+mail@sub.woodgrove.co.uk>', 'it-support+mail@sub.woodgrove.co.uk'],
      ['admin@contoso', undefined],
      ['admin@@contoso.com', undefined],
      ['.admin@contoso.com', undefined],
      ['admin@-contoso.com', undefined],
      ['admin@contoso.c0m', undefined],
      [`${'a'.repeat(65)}@contoso.com`, undefined],
    ];
    for (const [input, output] of emails) assert.equal(validEmail(input), output, input);
  });

  it('keeps the Teams case card within the size Teams accepts, whatever the summary holds', () => {
    // Control characters are six bytes each in JSON ("\u0001"), "€" three in UTF-8: the card's
    // first, fullest level is over the budget, so only shrinking it keeps it within.
    const huge = '\u0001\u0002\u0003\u0004\u0005\u0006\u001f€'.repeat(500);
    const record = {
      id: 'ABCD2345',
      status: 'queued',
      channelId: 'webchat',
      conversationId: 'c',
      conversationReference: {},
      language: 'en',
      createdAt: '2026-03-02T10:00:00.000Z',
      updatedAt: '2026-03-02T10:00:00.000Z',
      summary: {
        verdict: 'no_match',
        confidence: 0,
        candidates: [],
        findings: Array.from({ length: 40 }, (_, index) => ({
          kind: 'smtp-reply',
          value: `550 5.7.${index} ${huge}`,
          excerpt: huge,
          source: 'ndr',
        })),
        certificates: Array.from({ length: 20 }, () => ({
          subject: `CN=${huge}`,
          issuer: 'CN=CA',
          thumbprint: 'A'.repeat(40),
          notAfter: '2030-01-01',
          problems: ['chain-incomplete'],
        })),
      },
      transcript: Array.from({ length: 40 }, () => ({ from: 'user', text: huge, at: '2026-03-02T10:00:00.000Z' })),
      details: { trigger: 'no-match' },
      eTag: 'e',
    } as unknown as CaseRecord;
    const card = buildAgentCaseCard(record, 'en', 'https://bot.contoso.com/desk#case=ABCD2345');
    assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
    assert.ok(JSON.stringify(card).includes('550 5.7.0'), 'the findings are still there, shortened');
    assert.ok(JSON.stringify(card).includes('"action":"desk-take"'));
    assert.ok(JSON.stringify(card).includes('Action.OpenUrl'));
  });
});
