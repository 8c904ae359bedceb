/**
 * The merge after a write conflict (two turns of one conversation saved at once on two
 * instances): what each turn added survives, and what only one turn changed is taken from it.
 */
import { strict as assert } from 'node:assert';
import { mergeConversationState } from '../../bot/conversationSaver';
import { mergeCase } from '../../dialogs/caseMerge';
import { findQuestion } from '../../knowledge';
import { type CaseState, newCase } from '../../dialogs/caseState';
import { makeCertificates } from '../bot/helpers/certificates';

const finding = (value: string) => ({ kind: 'smtp-reply', value, excerpt: value, source: 'test' });
const file = (name: string, pem: string) => ({ name, base64: Buffer.from(pem).toString('base64') });
const KB3212877 = { id: 'kb3212877', level: 'answer' as const, reference: 'KB 3212877', url: 'https://support.microsoft.com/help/3212877' };

function caseWith(overrides: Partial<CaseState>): CaseState {
  return { ...newCase(), ...overrides };
}

describe('merging a case after a write conflict', () => {
  it('keeps the findings, questions and transcript lines both turns added, in time order', async () => {
    const base = caseWith({
      textFindings: [finding('550 5.7.64')],
      transcript: [{ from: 'user', text: 'first', at: '2026-01-01T10:00:00.000Z' }],
    });
    const mine = caseWith({
      textFindings: [...base.textFindings, finding('454 4.7.0')],
      questionsAsked: ['q-mine'],
      transcript: [...base.transcript, { from: 'user', text: 'mine', at: '2026-01-01T10:00:02.000Z' }],
    });
    const theirs = caseWith({
      textFindings: [...base.textFindings, finding('450 4.7.320')],
      questionsAsked: ['q-theirs'],
      transcript: [...base.transcript, { from: 'user', text: 'theirs', at: '2026-01-01T10:00:01.000Z' }],
    });
    const merged = await mergeCase(base, mine, theirs);
    assert.deepEqual(
      merged.textFindings.map((f) => f.value),
      ['550 5.7.64', '454 4.7.0', '450 4.7.320'],
    );
    assert.deepEqual(merged.questionsAsked, ['q-mine', 'q-theirs']);
    assert.deepEqual(
      merged.transcript.map((line) => line.text),
      ['first', 'theirs', 'mine'],
    );
  });

  it('merges a pending question stored whole by an older build with one stored as ids: the answer of the turn that answered it wins', async () => {
    const whole = findQuestion('cause-5764');
    assert.ok(whole);
    // Base and theirs were saved by an older build (the whole question); my turn, on the new build, answered it.
    const base = { ...newCase(), pendingQuestion: whole } as unknown;
    const theirs = { ...newCase(), pendingQuestion: whole, questionsAsked: ['cause-5764'] } as unknown;
    const mine = caseWith({ pendingQuestion: undefined, textFindings: [finding('answer')] });
    const merged = await mergeCase(base, mine, theirs);
    assert.equal(merged.pendingQuestion, undefined, 'the answered question is not asked again');
    // The other way round: theirs answered it (older build), mine only read it (as ids) and did something else.
    const ids = { id: 'cause-5764', options: whole.options.map((option) => option.id) };
    const answeredByThem = { ...newCase(), pendingQuestion: undefined, textFindings: [finding('answer')] } as unknown;
    const merged2 = await mergeCase(base, caseWith({ pendingQuestion: ids, questionsAsked: ['x'] }), answeredByThem);
    assert.equal(merged2.pendingQuestion, undefined, 'mine did not change the question: their answer stands');
  });

  it('analyses the certificates of both uploads together: leaf and issuer uploaded in parallel form one chain', async () => {
    const certs = await makeCertificates('relay.woodgrove.com');
    const base = newCase();
    const mine = caseWith({ certificateFiles: [file('leaf.pem', certs.leafPem)] });
    const theirs = caseWith({ certificateFiles: [file('ca.pem', certs.caPem)] });
    const merged = await mergeCase(base, mine, theirs);
    assert.deepEqual(
      merged.certificateFiles.map((f) => f.name),
      ['leaf.pem', 'ca.pem'],
    );
    assert.equal(merged.certificateReports.length, 2);
    // Alone the leaf's chain is incomplete; with the issuer from the other turn it reaches the CA.
    const leafOnly = await mergeCase(base, mine, base);
    assert.equal(leafOnly.chains[0]?.status, undefined, 'no analysis is redone when nothing was added');
    assert.equal(merged.chains.length, 1);
    assert.equal(merged.chains[0].path.length, 2);
    assert.notEqual(merged.chains[0].status, 'incomplete');
  });

  it('takes a field from the turn that changed it; the other turn did not touch it', async () => {
    const base = caseWith({ language: 'en' });
    const mine = caseWith({ language: 'en', last: { verdict: 'match', cause: KB3212877 } });
    const theirs = caseWith({ language: 'de', languageLocked: true });
    const merged = await mergeCase(base, mine, theirs);
    assert.equal(merged.language, 'de');
    assert.equal(merged.languageLocked, true);
    assert.deepEqual(merged.last, { verdict: 'match', cause: KB3212877 });
  });

  it('the support case the other turn opened stays pointed to, unless this turn changed the pointer', async () => {
    const merged = await mergeCase(newCase(), newCase(), caseWith({ escalation: { caseId: 'K7Q2M9XD' } }));
    assert.deepEqual(merged.escalation, { caseId: 'K7Q2M9XD' });
    const cleared = await mergeCase(
      caseWith({ escalation: { caseId: 'K7Q2M9XD' } }),
      newCase(),
      caseWith({ escalation: { caseId: 'K7Q2M9XD' } }),
    );
    assert.equal(cleared.escalation, undefined, 'this turn ended the case');
  });

  it('merges the whole conversation state: the case by content, other properties three-way', async () => {
    const base = { case: newCase(), dialogState: { dialogStack: [] }, eTag: 'old' };
    const mine = { case: caseWith({ textFindings: [finding('550 5.7.64')] }), dialogState: { dialogStack: [{ id: 'support' }] } };
    const theirs = { case: caseWith({ textFindings: [finding('454 4.7.0')] }), dialogState: { dialogStack: [] }, other: 1, eTag: 'new' };
    const merged = await mergeConversationState(base, mine, theirs);
    assert.deepEqual(
      (merged.case as CaseState).textFindings.map((f) => f.value),
      ['550 5.7.64', '454 4.7.0'],
    );
    assert.deepEqual(merged.dialogState, { dialogStack: [{ id: 'support' }] });
    assert.equal(merged.other, 1);
    assert.equal('eTag' in merged, false);
  });
});
