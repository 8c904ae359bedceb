import { strict as assert } from 'node:assert';
import { collectScriptCommand } from '../../knowledge/collect/cliCollect';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = collectScriptCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('diagnose --collect-script', () => {
  for (const kind of ['exchange', 'exo', 'iis']) {
    it(`${kind}: the script on standard output, how to run it on standard error`, () => {
      const r = run(['--collect-script', kind]);
      assert.equal(r.code, 0);
      assert.match(r.out, new RegExp(`'mailflow-tls-collect/1 ${kind}'`));
      assert.match(r.err, new RegExp(`mailflow-tls-collect-${kind}\\.ps1`));
    });
  }

  it('in German with --lang de', () => {
    const r = run(['--collect-script=exo', '--lang', 'de']);
    assert.equal(r.code, 0);
    assert.match(r.err, /Speichern Sie das Skript/);
  });

  for (const argv of [['--collect-script'], ['--collect-script', 'linux'], ['--collect-script', 'exo', '--lang', 'fr']])
    it(`a usage error for ${argv.join(' ')}`, () => {
      const r = run(argv);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, /takes/);
    });

  it('leaves every other command line to the diagnosis', () => assert.equal(run(['--json', 'x.log']).code, undefined));
});
