/** The command line applies the same table of secret shapes: nothing of the corpus comes out, and it says so. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../helpers/paths';
import { FILE_NAME_SAMPLES, SECRET_SAMPLES } from './secretsCorpus';

describe('diagnose command line: secrets', function () {
  this.timeout(60_000);
  const cli = path.join(projectRoot(), 'dist', 'knowledge', 'cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagnose-secrets-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints none of the corpus secrets, as text or JSON, and tells the user they were removed', function () {
    const body = ["Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'", ...SECRET_SAMPLES.map((s) => s.text)].join(
      '\n\n',
    );
    const files = FILE_NAME_SAMPLES.map((sample) => {
      const file = path.join(dir, sample.text.replace(/\.\w+$/, '.txt'));
      fs.writeFileSync(file, body);
      return file;
    });
    for (const args of [
      ['--json', ...files],
      ['--lang', 'de', ...files],
    ]) {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      const output = r.stdout + r.stderr;
      for (const sample of [...SECRET_SAMPLES, ...FILE_NAME_SAMPLES]) {
        for (const secret of sample.secrets) assert.ok(!output.includes(secret), `${sample.name}: "${secret}" printed`);
      }
      assert.match(output, /looks like a private key, password or token|wie ein privater Schlüssel, ein Kennwort oder ein Token/);
    }
  });
});
