/** Forged or malformed attachments are reported or skipped; they never abort the turn. */
import { strict as assert } from 'assert';
import type { TurnContext } from 'botbuilder';
import { SafeAttachmentFetcher } from '../../bot/attachments';

function contextWith(attachments: unknown): TurnContext {
  return { activity: { type: 'message', attachments } } as unknown as TurnContext;
}

describe('attachment fetcher with malformed input', () => {
  const fetcher = new SafeAttachmentFetcher({ maxBytes: 64 * 1024, timeoutMs: 1000, allowPrivateHosts: false });

  it('decodes a good data: URL', async () => {
    const received = await fetcher.fetch(
      contextWith([{ contentType: 'text/plain', name: 'notes.txt', contentUrl: 'data:text/plain,hello%20world' }]),
    );
    assert.deepEqual(received.problems, []);
    assert.equal(Buffer.from(received.files[0].bytes).toString(), 'hello world');
  });

  it('reports a data: URL with broken percent-encoding as a bad URL instead of failing the turn', async () => {
    const received = await fetcher.fetch(
      contextWith([
        { contentType: 'text/plain', name: 'broken.txt', contentUrl: 'data:text/plain,%E0%A4%A' },
        { contentType: 'text/plain', name: 'fine.txt', contentUrl: 'data:text/plain,ok' },
      ]),
    );
    assert.deepEqual(received.problems, [{ name: 'broken.txt', kind: 'bad-url' }]);
    assert.deepEqual(
      received.files.map((file) => file.name),
      ['fine.txt'],
    );
  });

  it('ignores attachments that are not an array, and entries that are not objects', async () => {
    for (const attachments of ['abc', 42, { contentUrl: 'data:text/plain,x' }, null, [null], [42, 'x', [], true]]) {
      const received = await fetcher.fetch(contextWith(attachments));
      assert.deepEqual(received, { files: [], problems: [] }, JSON.stringify(attachments));
    }
    const mixed = await fetcher.fetch(
      contextWith([null, 'junk', { contentType: 'text/plain', name: 'a.txt', contentUrl: 'data:text/plain,a' }]),
    );
    assert.deepEqual(
      mixed.files.map((file) => file.name),
      ['a.txt'],
    );
  });

  it('survives forged field types (contentType, name, contentUrl that are not strings)', async () => {
    const received = await fetcher.fetch(
      contextWith([
        { contentType: 5, name: { x: 1 }, contentUrl: ['data:text/plain,x'] },
        { contentType: null, content: null },
      ]),
    );
    assert.deepEqual(received.files, []);
    assert.ok(received.problems.every((problem) => typeof problem.kind === 'string'));
  });
});
