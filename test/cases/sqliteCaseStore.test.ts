import { strict as assert } from 'node:assert';
import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import { SqliteCaseStore } from '../../bot/cases/sqliteCaseStore';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { runCaseStoreContract, sampleCase } from './caseStoreContract';

// Each store instance opens its own connection to the same file, as two bot processes would.
runCaseStoreContract('embedded (SQLite file, two connections)', () => {
  const dir = makeTempDir('case-store');
  const file = path.join(dir, 'bot.sqlite');
  return {
    open: () => SqliteCaseStore.open(file),
    dispose: () => removeTempDir(dir),
  };
});

function lines(child: ChildProcess): AsyncIterator<string> {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const next = waiting.shift();
      if (next) next(line);
      else queue.push(line);
    }
  });
  return {
    next: () =>
      new Promise((resolve) => {
        const line = queue.shift();
        if (line !== undefined) resolve({ value: line, done: false });
        else waiting.push((value) => resolve({ value, done: false }));
      }),
  };
}

describe('embedded case store across processes', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = makeTempDir('case-race')));
  afterEach(() => removeTempDir(dir));

  it('two processes claiming the same 40 cases at once: every case has exactly one winner, the one stored', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const store = SqliteCaseStore.open(file);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await store.create(sampleCase())).id);
    const worker = path.join(__dirname, 'claimWorker.js');
    const children = ['agent-a', 'agent-b'].map((agent) =>
      fork(worker, [file, agent, ...ids], { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] }),
    );
    const outputs = children.map(lines);
    for (const output of outputs) assert.equal((await output.next()).value, 'ready');
    for (const child of children) child.stdin!.end('go\n');
    const [wonA, wonB] = (await Promise.all(outputs.map((output) => output.next()))).map(
      (line) => JSON.parse(line.value as string) as string[],
    );
    for (const child of children) if (child.connected) child.disconnect();
    assert.equal(wonA.length + wonB.length, ids.length, `a won ${wonA.length}, b won ${wonB.length}`);
    assert.deepEqual(new Set([...wonA, ...wonB]), new Set(ids));
    for (const id of ids) {
      const record = await store.get(id);
      assert.equal(record?.status, 'assigned');
      assert.equal(record?.assignedTo?.id, wonA.includes(id) ? 'agent-a' : 'agent-b');
    }
    await store.close();
  });
});
