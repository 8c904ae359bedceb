/** `diagnose --list-causes [--json] [--lang]`: the catalogue of causes, as a user runs it (a child process). */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../helpers/paths';

const cli = path.join(projectRoot(), 'dist', 'knowledge', 'cli.js');
const causesDir = path.join(projectRoot(), 'knowledge', 'causes');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The cause folders as the file system has them, independent of the loader. */
function folders(): Array<{ id: string; level: string; reference: string; url?: string; title: { en: string; de: string } }> {
  return fs
    .readdirSync(causesDir)
    .filter((name) => fs.existsSync(path.join(causesDir, name, 'cause.json')))
    .map((name) => ({
      ...(JSON.parse(fs.readFileSync(path.join(causesDir, name, 'cause.json'), 'utf8')) as ReturnType<typeof folders>[0]),
      id: name,
    }));
}

interface ListJson {
  causes: Array<{ id: string; level: string; reference: string; url: string; title: string }>;
  language: string;
}

describe('diagnose --list-causes', () => {
  it('--json lists every cause folder once, by its folder name, with level, reference, URL and English title', () => {
    const r = run(['--list-causes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ListJson;
    assert.equal(out.language, 'en');
    const expected = folders();
    assert.deepEqual(out.causes.map((c) => c.id).sort(), expected.map((f) => f.id).sort());
    for (const f of expected) {
      const listed = out.causes.find((c) => c.id === f.id)!;
      assert.equal(listed.level, f.level, f.id);
      assert.equal(listed.reference, f.reference, f.id);
      assert.equal(listed.url, f.url ?? '', f.id);
      assert.equal(listed.title, f.title.en, f.id);
    }
    assert.ok(
      out.causes.every((c) => c.id === c.id.toLowerCase()),
      'ids are lower case (kb4019940, not KB4019940)',
    );
    const kb = out.causes.find((c) => c.id === 'kb4019940')!;
    assert.deepEqual(
      { level: kb.level, reference: kb.reference, url: kb.url },
      {
        level: 'answer',
        reference: 'KB 4019940',
        url: 'https://support.microsoft.com/help/4019940',
      },
    );
    // Answers first, then hints (then out of scope): what the bot claims, then what it only names.
    const levels = out.causes.map((c) => c.level);
    const order = ['answer', 'hint', 'out-of-scope'];
    assert.deepEqual(
      levels,
      [...levels].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    );
  });

  it('--lang de gives German titles and headings, in the readable table too', () => {
    const json = JSON.parse(run(['--list-causes', '--json', '--lang', 'de']).stdout) as ListJson;
    assert.equal(json.language, 'de');
    const expected = folders();
    for (const c of json.causes) assert.equal(c.title, expected.find((f) => f.id === c.id)!.title.de, c.id);

    const text = run(['--list-causes', '--lang=de']);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^ID\s+Stufe\s+Quelle\s+Titel$/);
    assert.equal(lines.length, expected.length + 1);
    const row = lines.find((l) => l.startsWith('kb4019940 '))!;
    assert.match(row, /^kb4019940\s+answer\s+KB 4019940\s+.*Domäne des Zertifikats ist keine akzeptierte Domäne/);
    const hint = lines.find((l) => l.startsWith('kerberos-temporary-authentication-failure '))!;
    assert.match(hint, /^kerberos-temporary-authentication-failure\s+hint\s+/);
  });

  it('the readable table has one aligned row per cause, English by default', () => {
    const r = run(['--list-causes']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^id\s+level\s+reference\s+title$/);
    const titleColumn = lines[0].indexOf('title');
    for (const line of lines.slice(1)) assert.notEqual(line[titleColumn - 1], undefined, line);
    assert.ok(lines.some((l) => /^kb3212877\s+answer\s+KB 3212877\s+Relaying through Exchange Online Protection/.test(l)));
  });

  it('a file or --answer next to --list-causes is a usage error (exit code 2), and --help names the option', () => {
    const withFile = run(['--list-causes', 'ndr.txt']);
    assert.equal(withFile.code, 2);
    assert.match(withFile.stderr, /--list-causes takes no FILE/);
    assert.equal(withFile.stdout, '');
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--list-causes/);
  });
});

describe('diagnose --json names the cause as {id, level, reference, url}', () => {
  it('an ATTR36 NDR: cause.id kb4019940 with its reference and URL; article is the documented alias in the previous form', () => {
    const r = spawnSync(process.execPath, [cli, '--json', '-'], {
      input: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied ATTR36'",
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      verdict: string;
      cause: unknown;
      article: string;
      candidates: Array<{ cause: string; article: string }>;
    };
    assert.equal(out.verdict, 'match');
    assert.deepEqual(out.cause, {
      id: 'kb4019940',
      level: 'answer',
      reference: 'KB 4019940',
      url: 'https://support.microsoft.com/help/4019940',
    });
    assert.equal(out.article, 'KB4019940');
    assert.ok(out.candidates.every((c) => c.cause === c.cause.toLowerCase() && c.article.toLowerCase() === c.cause));
  });

  it('no match: cause and article are null (German paste)', () => {
    const r = spawnSync(process.execPath, [cli, '--json', '-'], { input: 'Hallo, wie geht es?', encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(r.stdout) as { verdict: string; cause: unknown; article: unknown };
    assert.equal(out.verdict, 'no_match');
    assert.equal(out.cause, null);
    assert.equal(out.article, null);
  });
});
