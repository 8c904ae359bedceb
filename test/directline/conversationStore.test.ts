import assert from 'node:assert/strict';
import { ConversationStore, DEFAULT_STORE_LIMITS } from '../../bot/directline';
import { parseMultipart, safeFileName } from '../../bot/directline/multipart';

describe('local channel store: bounded memory with a clear eviction policy', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('evicts the least recently active conversation, with its tokens, when full', () => {
    const store = new ConversationStore({ ...DEFAULT_STORE_LIMITS, maxConversations: 2 }, now);
    const a = store.createConversation('dl_a');
    const b = store.createConversation('dl_b');
    store.touch(a.conversation); // a is now more recent than b
    store.createConversation('dl_c');
    assert.equal(store.conversationCount, 2);
    assert.equal(store.conversationForToken(b.token), undefined, 'b was evicted');
    assert.equal(store.conversationForToken(a.token)?.id, a.conversation.id);
  });

  it('drops idle conversations and expired tokens', () => {
    const store = new ConversationStore({ ...DEFAULT_STORE_LIMITS, idleMs: 1000, tokenTtlMs: 500 }, now);
    const { conversation, token } = store.createConversation('dl_a');
    clock += 600;
    assert.equal(store.conversationForToken(token), undefined, 'token expired');
    const fresh = store.issueToken(conversation);
    assert.equal(store.conversationForToken(fresh)?.id, conversation.id);
    clock += 1001;
    assert.equal(store.get(conversation.id), undefined, 'idle conversation gone');
  });

  it('keeps the newest activities and monotonic watermarks', () => {
    const store = new ConversationStore({ ...DEFAULT_STORE_LIMITS, maxActivitiesPerConversation: 3 }, now);
    const { conversation } = store.createConversation('dl_a');
    for (let i = 1; i <= 5; i += 1) store.append(conversation, { type: 'message', text: `m${i}` });
    const all = store.activitiesAfter(conversation, undefined);
    assert.deepEqual(
      all.activities.map((a) => a.text),
      ['m3', 'm4', 'm5'],
    );
    assert.equal(all.watermark, '5');
    assert.deepEqual(
      store.activitiesAfter(conversation, '4').activities.map((a) => a.text),
      ['m5'],
    );
    assert.deepEqual(store.activitiesAfter(conversation, '5').activities, []);
    assert.deepEqual(store.activitiesAfter(conversation, 'garbage').activities.length, 3);
  });

  it('caps file bytes per conversation and overall, oldest files first', () => {
    const store = new ConversationStore(
      { ...DEFAULT_STORE_LIMITS, maxAttachmentBytesPerConversation: 100, maxAttachmentBytesTotal: 150 },
      now,
    );
    const one = store.createConversation('dl_a').conversation;
    const two = store.createConversation('dl_b').conversation;
    const first = store.addAttachment(one, 'a', 'x/y', Buffer.alloc(60));
    const second = store.addAttachment(one, 'b', 'x/y', Buffer.alloc(60));
    assert.equal(store.getAttachment(first?.id ?? ''), undefined, 'per-conversation cap evicted the older file');
    const third = store.addAttachment(two, 'c', 'x/y', Buffer.alloc(100));
    assert.equal(store.getAttachment(second?.id ?? ''), undefined, 'global cap evicted the oldest file');
    assert.ok(store.getAttachment(third?.id ?? ''));
    assert.ok(store.totalAttachmentBytes <= 150);
    assert.equal(store.addAttachment(two, 'd', 'x/y', Buffer.alloc(101)), undefined, 'a file above the cap is refused');
  });
});

describe('multipart upload reader', () => {
  const body = (parts: string[]) => Buffer.from(parts.join('\r\n'));

  it('reads the activity part and files with their names and types', () => {
    const parsed = parseMultipart(
      body([
        '--b1',
        'Content-Disposition: form-data; name="activity"',
        'Content-Type: application/vnd.microsoft.activity',
        '',
        '{"type":"message"}',
        '--b1',
        'Content-Disposition: form-data; name="file"; filename="relay.cer"',
        'Content-Type: application/pkix-cert',
        '',
        'BYTES',
        '--b1--',
        '',
      ]),
      'b1',
    );
    assert.deepEqual(
      parsed.map((p) => [p.name, p.filename, p.contentType, p.data.toString()]),
      [
        ['activity', undefined, 'application/vnd.microsoft.activity', '{"type":"message"}'],
        ['file', 'relay.cer', 'application/pkix-cert', 'BYTES'],
      ],
    );
  });

  it('rejects truncated or unnamed parts with a message', () => {
    assert.throws(
      () => parseMultipart(body(['--b1', 'Content-Disposition: form-data; name="file"', '', 'no end']), 'b1'),
      /ended before its last part/,
    );
    assert.throws(() => parseMultipart(body(['--b1', 'Content-Type: text/plain', '', 'x', '--b1--']), 'b1'), /no name/);
  });

  it('makes file names safe to show and store', () => {
    assert.equal(safeFileName('..\\..\\windows\\system32\\evil.cer'), 'evil.cer');
    assert.equal(safeFileName('a%22b.cer'), 'a_b.cer');
    assert.equal(safeFileName(''), 'file');
    assert.equal(safeFileName(`${'x'.repeat(300)}.pem`).length, 120);
    assert.ok(safeFileName(`${'x'.repeat(300)}.pem`).endsWith('.pem'));
  });
});
