/** Hostile and oversized input: findings or a clear "nothing found", never a throw or a hang. */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, MAX_TEXT_CHARS, render, textAroundPem } from '../../knowledge';

function analyse(text: string) {
  const extraction = extractFindings(text);
  const diagnosis = diagnose(extraction.findings);
  return {
    extraction,
    diagnosis,
    reply: render(diagnosis, extraction.language, { truncated: extraction.truncated ? extraction : undefined }),
  };
}

describe('bad input to the knowledge core', () => {
  it('empty and whitespace-only text: no match, no findings', () => {
    for (const text of ['', '   \n\t  ', '\u0000\u0001\u0002']) {
      const { extraction, diagnosis } = analyse(text);
      assert.equal(extraction.findings.length, 0);
      assert.equal(diagnosis.verdict, 'no_match');
    }
  });

  it('binary bytes decoded as text', () => {
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const { diagnosis } = analyse(bytes.toString('latin1'));
    assert.equal(diagnosis.verdict, 'no_match');
  });

  it('control characters and bidi overrides around a real error still find it', () => {
    const { diagnosis } = analyse(
      '\u202e\u0007454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied\u0000\r\nEvent ID: 2004\r\n',
    );
    assert.equal(diagnosis.article, 'KB2888788');
  });

  it('5 MB of text is analysed up to the cap, and the answer says so', () => {
    const line = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\n";
    const text = 'x'.repeat(5 * 1024 * 1024) + line;
    const { extraction, reply } = analyse(text);
    assert.equal(extraction.truncated, true);
    assert.equal(extraction.analysedChars, MAX_TEXT_CHARS);
    assert.ok(
      reply.notices.some((n) => /analysed the first 2,000,000 characters/.test(n)),
      JSON.stringify(reply.notices),
    );
  });

  it('a log with 100 000 lines keeps a bounded number of findings and still decides', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `2024-02-09T11:${String(i % 60).padStart(2, '0')}:31.442Z,Outbound to Office 365,08DC29A1B2C3D4E5,${i},10.0.5.12:40112,52.101.40.17:25,<,454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied,`,
      );
    }
    const { extraction, diagnosis } = analyse(lines.join('\n'));
    assert.ok(extraction.findings.length < 100, `${extraction.findings.length} findings`);
    assert.equal(diagnosis.article, 'KB2888788');
  });

  it('strings built to make regular expressions backtrack finish (mocha timeout guards the time)', () => {
    const attacks = [
      '550 '.repeat(200_000),
      '5.'.repeat(300_000),
      ' '.repeat(1_000_000) + 'x',
      `Thumbprint${' '.repeat(500_000)}:`,
      `<Event${'<EventID'.repeat(50_000)}`,
      `${'a'.repeat(100_000)}@${'b.'.repeat(100_000)}`,
      `relay ${'denied '.repeat(100_000)}`,
      `Certificate chain\n${' 0 s:CN = x\n'.repeat(50_000)}`,
      `2024-01-01T00:00:00Z,${'"'.repeat(300_000)}`,
      `EOP ${'über '.repeat(100_000)}`,
    ];
    for (const text of attacks) {
      const { reply } = analyse(text);
      assert.ok(reply.kind === 'no_match' || reply.kind === 'ask' || reply.kind === 'match');
    }
  });

  it('PEM armour without an end, repeated, is read linearly', () => {
    const text = `relay access denied via EOP\n${'-----BEGIN CERTIFICATE-----\nAAAA\n'.repeat(30_000)}`;
    const prose = textAroundPem(Buffer.from(text));
    assert.ok(prose?.includes('relay access denied'));
  });

  it('hostile text is never echoed into commands', () => {
    const { diagnosis } = analyse("'); DROP TABLE cases; -- <img src=x onerror=alert(1)> \u202e\u0000");
    assert.equal(diagnosis.verdict, 'no_match');
  });
});
