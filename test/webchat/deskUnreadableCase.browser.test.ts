/**
 * One corrupt case row, seen by the agent in real Chromium: the desk lists the readable cases and
 * says in the agent's language that one stored case could not be read (the API's `unreadable`),
 * instead of an empty queue or "the desk could not reach the bot".
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DATABASE_FILE_NAME, openDatabase } from '../../bot/store/sqliteDatabase';
import { silentLogger } from '../bot/helpers/testBot';
import { escalate, startHarness, type Harness } from '../escalation/harness';
import { chromiumOrSkip, launchChromium, watchPageProblems, type BrowserSession } from './chromium';

describe('desk in Chromium: one corrupt case row', function () {
  this.timeout(120_000);
  let harness: Harness;
  let browser: BrowserSession;
  let good = '';
  let bad = '';

  before(async function () {
    const executable = chromiumOrSkip(this);
    harness = await startHarness({}, { logger: silentLogger });
    good = await escalate(harness.user('desk-corrupt-good'));
    bad = await escalate(harness.user('desk-corrupt-bad'));
    const db = openDatabase(path.join(harness.dataDir, DATABASE_FILE_NAME));
    try {
      assert.equal(db.prepare("UPDATE cases SET doc = '{not json' WHERE id = ?").run(bad).changes, 1);
    } finally {
      db.close();
    }
    browser = await launchChromium(executable);
  });

  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  for (const { locale, said } of [
    { locale: 'en', said: /1 stored case\(s\) could not be read/ },
    { locale: 'de', said: /1 gespeicherte\(r\) Fall\/Fälle konnte\(n\) nicht gelesen werden/ },
  ])
    it(`lists the readable case and says one could not be read (${locale})`, async () => {
      const page = await browser.context.newPage();
      const problems = watchPageProblems(page);
      await page.addInitScript((lang) => localStorage.setItem('desk.lang', lang), locale);
      await page.goto(`${harness.app.url}/desk`);
      await page.locator(`.case-item[data-case-id="${good}"]`).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator(`.case-item[data-case-id="${bad}"]`).count(), 0);
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match((await notice.textContent()) ?? '', said);
      assert.deepEqual(problems, []);
      await page.close();
    });
});
