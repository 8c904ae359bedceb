/**
 * Child process of the cross-process claim race (sqliteCaseStore.test.ts): opens the database
 * file given as argv[2], waits for "go" on stdin, claims every case id of argv[4..] as agent
 * argv[3] and prints the ids it won as JSON.
 */
import { SqliteCaseStore } from '../../bot/cases/sqliteCaseStore';

async function main(): Promise<void> {
  const [file, agent, ...ids] = process.argv.slice(2);
  const store = SqliteCaseStore.open(file);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  // Nothing more comes on stdin: an open pipe would keep this process (and the test run) alive.
  process.stdin.destroy();
  const won: string[] = [];
  for (const id of ids) {
    const result = await store.claim(id, { id: agent, name: agent });
    if (result.ok) won.push(id);
  }
  await store.close();
  process.stdout.write(`${JSON.stringify(won)}\n`);
}

void main();
