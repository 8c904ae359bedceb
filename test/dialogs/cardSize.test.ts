/**
 * Cards as people see them: Teams rejects messages over about 28 KB, so every card stays under
 * its budget, hidden detail sections included; the answer's first screen holds the verdict, the
 * cause in one sentence, the first step and the main command; questions show each option once.
 */
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { buildCertificateReportCard } from '../../dialogs/cards/certificateReportCard';
import {
  type AdaptiveCard,
  type CardElement,
  byteSize,
  CARD_BYTE_BUDGET,
  cardKey,
  clip,
  elementText,
  fitsBudget,
} from '../../dialogs/cards/adaptive';
import { buildAnswerCard, firstSentence } from '../../dialogs/cards/answerCard';
import { commandElement, commandGroups } from '../../dialogs/cards/commandBlock';
import { buildQuestionCard } from '../../dialogs/cards/questionCard';
import { cardToText } from '../../dialogs/cards/cardToText';
import { replyFor } from '../../dialogs/replies';
import {
  type CertificateAnalysis,
  type CertificateReport,
  diagnose,
  extractFindings,
  render,
  type RenderedMatch,
  type RenderedQuestion,
} from '../../knowledge';

function certificate(i: number): CertificateReport {
  const long = (prefix: string) => `${prefix}${'x'.repeat(400)}`;
  return {
    fileName: long(`file-${i}-`),
    subject: long('CN='),
    issuer: long('CN='),
    serialNumber: 'ab'.repeat(20),
    thumbprint: 'A'.repeat(40),
    sha256: 'B'.repeat(64),
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    subjectAltNames: Array.from({ length: 100 }, (_, n) => `host-${n}-${'y'.repeat(50)}.contoso.com`),
    keyAlgorithm: 'RSA',
    keySize: 2048,
    signatureAlgorithm: 'sha256RSA',
    isCA: false,
    selfSigned: false,
    serverAuthEku: true,
    aiaIssuerUrls: [],
    ocspUrls: [],
    crlUrls: [],
    problems: ['expired', 'weak-signature', 'name-mismatch', 'no-server-auth-eku'],
    subjectAltNameCount: 100,
    internalIssuerReasons: [],
  };
}

const NDR = 'Relaying through EOP fails: 550 5.7.64 TenantAttribution; Relay Access Denied. The CAPI2 log shows event 30 with 800B0109.';

function answerFor(text: string, language: 'en' | 'de'): RenderedMatch {
  const rendered = render(diagnose(extractFindings(text).findings), language);
  assert.equal(rendered.kind, 'match');
  return rendered;
}

/** Every element of the card body, depth first (containers, columns, fallbacks). */
function elements(items: CardElement[] | undefined, out: CardElement[] = []): CardElement[] {
  for (const item of items ?? []) {
    out.push(item);
    elements(item.items as CardElement[], out);
    for (const column of (item.columns as CardElement[]) ?? []) elements(column.items as CardElement[], out);
    if (item.fallback && typeof item.fallback === 'object') elements([item.fallback as CardElement], out);
  }
  return out;
}

/** The text a person sees before opening any section: body elements up to the first hidden one. */
function firstScreen(card: AdaptiveCard): string {
  const visible: string[] = [];
  for (const element of card.body) {
    if (element.isVisible === false) break;
    for (const inner of elements([element])) {
      const value = elementText(inner) ?? (inner.type === 'CodeBlock' ? String(inner.codeSnippet) : undefined);
      if (value !== undefined) visible.push(value);
    }
  }
  return visible.join('\n');
}

describe('card sizes', () => {
  it('a certificate report of 200 large certificates with many notes fits the Teams limit', () => {
    const certificates = Array.from({ length: 200 }, (_, i) => certificate(i));
    const analysis = { certificates, chains: [], findings: [], fileIssues: [], pairs: [] } as unknown as CertificateAnalysis;
    const notes = Array.from({ length: 50 }, (_, i) => `note ${i} ${'z'.repeat(2000)}`);
    for (const language of ['en', 'de'] as const) {
      const card = buildCertificateReportCard(analysis, language, notes);
      assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
    }
  });

  it('an answer card with all its detail sections and very long evidence fits the Teams limit', () => {
    for (const language of ['en', 'de'] as const) {
      const reply = answerFor(NDR, language);
      const huge: RenderedMatch = {
        ...reply,
        evidence: Array.from({ length: 40 }, (_, i) => ({ label: `finding ${i} ${'l'.repeat(300)}`, excerpt: 'e'.repeat(5000) })),
        ruleOut: Array.from({ length: 20 }, (_, i) => `rule-out ${i} ${'r'.repeat(400)}`),
        notices: ['n'.repeat(500)],
      };
      for (const codeStyle of ['plain', 'teams'] as const) {
        const card = buildAnswerCard(huge, language, { codeStyle });
        assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${language}/${codeStyle}: ${byteSize(card)} bytes`);
        const sections = card.body.filter((element) => element.isVisible === false).map((element) => String(element.id).split('-')[0]);
        assert.deepEqual(sections, ['why', 'steps', 'verify', 'ruleout'], 'every detail section is still there, hidden');
      }
    }
  });

  it('a question card with long options and how-to-check texts fits the Teams limit', () => {
    const question: RenderedQuestion = {
      kind: 'ask',
      questionId: 'q',
      text: 'q'.repeat(2000),
      options: Array.from({ length: 8 }, (_, i) => ({
        id: `o${i}`,
        text: 't'.repeat(1500),
        label: `label ${i}`,
        howToCheck: 'c'.repeat(1500),
      })),
      evidence: Array.from({ length: 40 }, (_, i) => ({ label: `finding ${i}`, excerpt: 'e'.repeat(5000) })),
      notices: [],
    };
    for (const language of ['en', 'de'] as const) assert.ok(byteSize(buildQuestionCard(question, language)) <= CARD_BYTE_BUDGET);
  });
});

describe('the size guard', () => {
  // Every way a character's JSON can outgrow it: quotes and backslashes (escaped), umlauts and arrows
  // (several bytes), controls and lone surrogates (six-byte escapes), surrogate pairs (four bytes).
  const printable = fc.constantFrom('"', '\\', 'ä', '→', '\u2028', '\u007f', 'x', ' ');
  const awkward = fc.oneof(
    printable,
    fc.constantFrom('\u0000', '\n', '\u001f', '\ud800', '\udfff', '😀'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );

  for (const [name, unit] of [
    ['printable characters', printable],
    ['any characters', awkward],
  ] as const) {
    it(`tells exactly whether a value fits, never passing one a byte too large: ${name} (property)`, () => {
      const text = fc.string({ unit, maxLength: 60 });
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: unit }), fc.array(fc.tuple(text, text), { maxLength: 5 }), (value, extra) => {
          const cardLike = { type: 'AdaptiveCard', body: [value, Object.fromEntries(extra), undefined, null, 1.5e300, -0, NaN] };
          const size = byteSize(cardLike);
          assert.equal(fitsBudget(cardLike, size), true);
          assert.equal(fitsBudget(cardLike, size - 1), false);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('measures values it cannot bound (toJSON, class instances) by serialising them', () => {
    const date = { at: new Date(0), body: [new Map([['a', 'b']])] };
    const size = byteSize(date);
    assert.equal(fitsBudget(date, size), true);
    assert.equal(fitsBudget(date, size - 1), false);
  });
});

describe('shortened texts and card keys', () => {
  it('shortens on a character boundary and marks the cut, counting characters rather than UTF-16 units', () => {
    assert.equal(clip('abcdef', 6), 'abcdef');
    assert.equal(clip('abcdefg', 6), 'abcde…');
    // Ten emoji: 20 UTF-16 units, 10 characters.
    const emoji = '🔒'.repeat(10);
    assert.equal(clip(emoji, 10), emoji);
    assert.equal(clip(emoji, 5), `${'🔒'.repeat(4)}…`);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 2, max: 40 }), (value, max) => {
        const clipped = clip(value, max);
        assert.ok(Array.from(clipped).length <= max);
        if (Array.from(value).length <= max) assert.equal(clipped, value);
        else assert.ok(clipped.endsWith('…') && value.startsWith(clipped.slice(0, -1)));
      }),
    );
  });

  it('gives every card its own eight-hex-digit key', () => {
    // (100 random 32-bit keys collide about once in 860,000 runs; 1,000 did once in 8,600.)
    const keys = Array.from({ length: 100 }, () => cardKey());
    assert.ok(keys.every((key) => /^[0-9a-f]{8}$/.test(key)));
    assert.equal(new Set(keys).size, keys.length);
  });
});

describe('answer card layout', () => {
  for (const language of ['en', 'de'] as const) {
    it(`shows verdict, one-sentence cause, first step and main command before any toggle (${language})`, () => {
      const reply = answerFor(NDR, language);
      const card = buildAnswerCard(reply, language);
      const screen = firstScreen(card);
      assert.match(screen, /KB 3212877: /);
      assert.ok(screen.includes(firstSentence(reply.cause)), 'the cause, first sentence');
      assert.ok(!screen.includes(reply.cause.slice(firstSentence(reply.cause).length).trim()), 'not the whole cause');
      assert.ok(screen.includes(firstSentence(reply.steps[0])), 'the first step');
      assert.ok(!screen.includes(reply.steps[1]), 'not all steps');
      assert.ok(screen.includes(reply.commands[0].script), 'the main command, whole');
      assert.ok(!screen.includes(reply.verify[0]), 'verification is behind a toggle');
    });
  }

  // KB 4051495's commands start with Connect-ExchangeOnline; its first screen shows the fix, filled.
  const CONNECTOR_CASE = [
    "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'",
    'Name                     : Inbound from 82287a2b-a739-95b3-bc4a-e46f4a0a462b\nConnectorType            : OnPremises\nConnectorSource          : HybridWizard\nTlsSenderCertificateName : mail.adventure-works.com',
    'Subject            : CN=smtp.adventure-works.com, O=Adventure Works Cycles, C=US\nIssuer             : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nCertificateDomains : {smtp.adventure-works.com, autodiscover.adventure-works.com}\nServices           : IMAP, POP, IIS, SMTP\nThumbprint         : C33740A1113357C7D019E9BCAC7BFD3869C7D926',
  ].join('\n\n');
  for (const language of ['en', 'de'] as const) {
    it(`shows KB 4051495's filled Set-InboundConnector as the main command, not Connect-ExchangeOnline (${language})`, () => {
      const reply = answerFor(CONNECTOR_CASE, language);
      assert.equal(reply.kb, 'KB 4051495');
      assert.equal(reply.commands[0].script, 'Connect-ExchangeOnline', 'the commands message keeps the order to run them in');
      const fix =
        'Set-InboundConnector -Identity "Inbound from 82287a2b-a739-95b3-bc4a-e46f4a0a462b" -TlsSenderCertificateName "smtp.adventure-works.com"';
      for (const codeStyle of ['plain', 'teams'] as const) {
        const card = buildAnswerCard(reply, language, { codeStyle });
        const screen = firstScreen(card);
        assert.match(screen, /^KB 4051495: /);
        assert.ok(screen.includes(firstSentence(reply.cause)), 'the cause, first sentence');
        assert.ok(screen.includes(firstSentence(reply.steps[0])), 'the first step');
        assert.ok(screen.includes(fix), screen);
        assert.ok(!screen.split('\n').includes('Connect-ExchangeOnline'), 'the sign-in is not the main command');
        assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
      }
    });
  }

  it('puts the details behind Action.ToggleVisibility buttons whose targets exist, with ids unique per card', () => {
    const reply = answerFor(NDR, 'en');
    const first = buildAnswerCard(reply, 'en');
    const second = buildAnswerCard(reply, 'en');
    const toggles = elements(first.body)
      .filter((element) => element.type === 'ActionSet')
      .flatMap((set) => set.actions as CardElement[])
      .filter((action) => action.type === 'Action.ToggleVisibility');
    assert.deepEqual(
      toggles.map((toggle) => toggle.title),
      ['Why I think so', 'All steps', 'How to verify', 'Other causes'],
    );
    const ids = new Set(
      elements(first.body)
        .map((element) => element.id)
        .filter(Boolean),
    );
    for (const toggle of toggles) for (const target of toggle.targetElements as string[]) assert.ok(ids.has(target), target);
    const secondIds = new Set(
      elements(second.body)
        .map((element) => element.id)
        .filter(Boolean),
    );
    assert.equal([...ids].filter((id) => secondIds.has(id)).length, 0, 'two answers on one page share no element id');
    assert.deepEqual(
      (first.actions ?? []).map((action) => (action.data as { action: string }).action),
      ['fixed', 'still-broken', 'handoff'],
    );
  });

  it('gives Teams the CodeBlock element with the same command as fallback, other channels the runs', () => {
    const reply = answerFor(NDR, 'en');
    const teams = elements(buildAnswerCard(reply, 'en', { codeStyle: 'teams' }).body).find((element) => element.type === 'CodeBlock');
    assert.ok(teams, 'a CodeBlock in Teams');
    assert.equal(teams.codeSnippet, reply.commands[0].script);
    assert.equal(teams.language, 'PowerShell');
    assert.equal(elementText(teams.fallback as CardElement), reply.commands[0].script, 'Teams mobile shows the same command');
    assert.equal(
      elements(buildAnswerCard(reply, 'en').body).some((element) => element.type === 'CodeBlock'),
      false,
      'Web Chat does not know CodeBlock',
    );
  });

  it('sends Teams the card with CodeBlock and every command as its own code block in a message', () => {
    const reply = answerFor(NDR, 'en');
    const bundle = replyFor(reply, 'en', { channelId: 'msteams' });
    const card = bundle.activities[0].attachments?.[0].content as AdaptiveCard;
    assert.ok(elements(card.body).some((element) => element.type === 'CodeBlock'));
    const message = String(bundle.activities[1].text);
    assert.equal(message.match(/```powershell\n/g)?.length, reply.commands.length, 'one code block per command');
    for (const command of reply.commands) assert.ok(message.includes(`\`\`\`powershell\n${command.script}\n\`\`\``), command.script);
    const webChat = replyFor(reply, 'en', { channelId: 'directline' }).activities[0].attachments?.[0].content as AdaptiveCard;
    assert.ok(!elements(webChat.body).some((element) => element.type === 'CodeBlock'));
  });

  it('takes the first sentence without cutting at abbreviations', () => {
    assert.equal(
      firstSentence('Zwei Zertifikate, z. B. eines von einer internen CA. Exchange nimmt das falsche.'),
      'Zwei Zertifikate, z. B. eines von einer internen CA.',
    );
    assert.equal(firstSentence('One sentence only'), 'One sentence only');
    assert.equal(firstSentence('Two certificates (e.g. an internal one). Exchange uses it.'), 'Two certificates (e.g. an internal one).');
  });
});

describe('commands in cards', () => {
  it('never splits a parameter from its value, a cmdlet name or a quoted string', () => {
    const script =
      "Get-ChildItem -Path c:\\import\\ca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA | Where-Object { $_.Subject -like '*Fabrikam TLS RSA CA 2024*' }";
    const groups = commandGroups(script).map((group) => group.trim());
    assert.ok(groups.includes('-CertStoreLocation cert:\\LocalMachine\\CA'), groups.join(' / '));
    assert.ok(groups.includes("-like '*Fabrikam TLS RSA CA 2024*'"), 'a quoted string with spaces stays whole, with its operator');
    assert.ok(groups.includes('Import-Certificate'));
    assert.ok(groups.includes('-Path c:\\import\\ca.cer'));
    assert.equal(commandGroups(script).join(''), script);
  });

  it('lets a long property list break after its commas only', () => {
    const script = 'Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,Thumbprint,Services,NotAfter';
    const groups = commandGroups(script);
    assert.deepEqual(groups.slice(-6), ['FriendlyName,', 'Subject,', 'Issuer,', 'Thumbprint,', 'Services,', 'NotAfter']);
    assert.deepEqual(
      commandGroups("-Filter \"NextHopDomain -like '*.mail.onmicrosoft.com' -and Status -eq 'Retry'\""),
      ["-Filter \"NextHopDomain -like '*.mail.onmicrosoft.com' -and Status -eq 'Retry'\""],
      'quoted text is never cut',
    );
  });

  it('joins back to exactly the command, whatever the command (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '-', ' ', "'", '"', '|', '{', '}', 'x', '\\', ':', '\t') }), (script) => {
        assert.equal(commandGroups(script).join(''), script);
      }),
    );
  });

  it('shows the command block with the exact text in the console view', () => {
    const script = 'Enable-ExchangeCertificate -Thumbprint 0A1B -Services IIS,POP,IMAP';
    const view = cardToText({ type: 'AdaptiveCard', $schema: '', version: '1.5', body: [commandElement(script, 'cmd-x-1', 'teams')] });
    assert.deepEqual(view.lines, [`    ${script}`]);
  });
});

describe('question card layout', () => {
  // render() gives each option's how-to-check in the reply language.
  const howToCheck = { en: 'Event Viewer > CAPI2 > Operational', de: 'Ereignisanzeige > CAPI2 > Betriebsbereit' };
  const questionIn = (language: 'en' | 'de'): RenderedQuestion => ({
    kind: 'ask',
    questionId: 'cause-5764',
    text: '"550 5.7.64 TenantAttribution" has three known causes. Which of these fits best?',
    options: [
      {
        id: 'chain-not-sent',
        text: "The sending server's CAPI2 log shows event 30 (800B0109)",
        label: 'CAPI2 event 30',
        howToCheck: howToCheck[language],
      },
      { id: 'attr36', text: 'The NDR also says ATTR36', label: 'NDR says ATTR36' },
      { id: 'dont-know', text: "I don't know", label: "I don't know" },
    ],
    evidence: [{ label: 'Exchange Online refused the relay', excerpt: '550 5.7.64' }],
    notices: [],
  });

  it('shows each option once, next to its button, with how to check it in the card language', () => {
    for (const [language, check, person] of [
      ['en', 'How to check: Event Viewer > CAPI2 > Operational', 'Talk to a person'],
      ['de', 'So prüfen Sie das: Ereignisanzeige > CAPI2 > Betriebsbereit', 'Mit einem Menschen sprechen'],
    ] as const) {
      const card = buildQuestionCard(questionIn(language), language);
      const texts = elements(card.body)
        .map((element) => elementText(element))
        .filter((value): value is string => value !== undefined);
      assert.equal(texts.filter((value) => value.includes('CAPI2 log shows event 30')).length, 1, 'the option text once');
      assert.ok(texts.includes(check), texts.join('\n'));
      const optionButtons = elements(card.body)
        .filter((element) => element.type === 'ActionSet')
        .flatMap((set) => set.actions as CardElement[])
        .filter((action) => action.type === 'Action.Submit');
      assert.deepEqual(
        optionButtons.map((action) => action.title),
        ['1. CAPI2 event 30', '2. NDR says ATTR36'],
      );
      assert.deepEqual(
        (card.actions ?? []).map((action) => action.title),
        ["I don't know", person],
      );
    }
  });
});
