/** The terminal chat: says whether it continues a conversation, --new starts fresh, bare numbers press buttons. */
import { strict as assert } from 'assert';
import { MemoryStorage } from 'botbuilder';
import { buttonNumber, startOrContinue } from '../../bot/consoleChat';

describe('console chat', () => {
  it('says it starts a new conversation when none is stored', async () => {
    assert.deepEqual(await startOrContinue(new MemoryStorage(), false), { continued: false, findings: 0 });
  });

  it('says it continues the stored conversation and how much it holds; --new forgets it', async () => {
    const storage = new MemoryStorage();
    const finding = { kind: 'smtp-reply', value: '5.7.64', excerpt: '550 5.7.64', source: 'ndr' };
    await storage.write({
      'console/conversations/console': { case: { textFindings: [finding, finding], certificateFindings: [finding] } },
    });
    assert.deepEqual(await startOrContinue(storage, false), { continued: true, findings: 3 });
    assert.deepEqual(await startOrContinue(storage, true), { continued: false, findings: 0 });
    assert.deepEqual(await startOrContinue(storage, false), { continued: false, findings: 0 }, 'the old case is gone');
  });

  it('reads "2", "#2" and "2." as button 2 when the latest reply has one, anything else as text', () => {
    assert.equal(buttonNumber('2', 5), 2);
    assert.equal(buttonNumber('#2', 5), 2);
    assert.equal(buttonNumber(' 2. ', 5), 2);
    assert.equal(buttonNumber('6', 5), undefined);
    assert.equal(buttonNumber('0', 5), undefined);
    assert.equal(buttonNumber('550', 5), undefined);
    assert.equal(buttonNumber('2 servers fail', 5), undefined);
  });
});
