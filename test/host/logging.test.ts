/** Structured logs: LOG_LEVEL, one JSON line per event, secrets redacted even when a caller slips. */
import { strict as assert } from 'assert';
import { loadConfig } from '../../bot/config';
import { RejectionLog } from '../../bot/http';
import { memoryLog } from '../bot/helpers/memoryLog';

describe('host: structured logs', function () {
  it('reads LOG_LEVEL (default info; unknown values fall back to info)', function () {
    assert.equal(loadConfig({}).logLevel, 'info');
    assert.equal(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel, 'debug');
    assert.equal(loadConfig({ LOG_LEVEL: 'warn' }).logLevel, 'warn');
    assert.equal(loadConfig({ LOG_LEVEL: 'verbose' }).logLevel, 'info');
  });

  it('writes one JSON line per event with level, time and fields, below the level nothing', function () {
    const log = memoryLog('info');
    log.logger.debug?.('not written', { event: 'x' });
    log.logger.info('turn', { event: 'activity', conversationId: 'c-1', activityId: 'a-1' });
    assert.equal(log.lines.length, 1);
    const [entry] = log.entries();
    assert.equal(entry.level, 'info');
    assert.equal(entry.msg, 'turn');
    assert.equal(entry.conversationId, 'c-1');
    assert.equal(typeof entry.time, 'string');
  });

  it('redacts secrets in messages, fields, error messages and stacks', function () {
    const log = memoryLog('debug');
    const error = new Error('JSON parse failed near "password": "Hunter2-log"');
    log.logger.error('failed with Authorization: Bearer abcdefghijklmnop1234', error, { detail: 'client_secret=Cs9-log-Pw' });
    const line = log.lines.join('\n');
    for (const secret of ['Hunter2-log', 'abcdefghijklmnop1234', 'Cs9-log-Pw']) assert.ok(!line.includes(secret), line);
    const [entry] = log.entries();
    assert.equal((entry.error as { type: string }).type, 'Error');
    assert.match((entry.error as { stack: string }).stack, /\[removed\]/);
  });

  it('rate-limits rejected requests and counts what it held back', function () {
    const log = memoryLog('debug');
    let now = 0;
    const rejections = new RejectionLog(log.logger, 3, () => now);
    for (let i = 0; i < 10; i++) rejections.record({ status: 400, reason: 'bad-activity' });
    now = 61_000;
    rejections.record({ status: 401, reason: 'unauthorized' });
    const entries = log.entries();
    assert.equal(entries.length, 4);
    assert.equal(entries[3].suppressedBefore, 7);
    assert.equal(entries[3].reason, 'unauthorized');
  });
});
