/**
 * The desk's agent tools in real Chromium (issue 23, point 6): the unread count in the title,
 * search and language filter, a live SLA timer, canned replies inserted in the customer's
 * language, an internal note shown for agents only (the customer's channel never receives it),
 * findings in words, and a closed case that no longer says "waiting since".
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { silentLogger } from '../bot/helpers/testBot';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { escalate, startHarness, textsOf, type Harness } from '../escalation/harness';
import { chromiumOrSkip, launchChromium, watchPageProblems, type BrowserSession } from './chromium';

describe('desk in Chromium: unread, filters, SLA timer, canned replies, notes, words', function () {
  this.timeout(120_000);
  let harness: Harness;
  let browser: BrowserSession;
  let page: Page;
  let problems: string[] = [];
  let english = '';
  let german = '';

  before(async function () {
    const executable = chromiumOrSkip(this);
    harness = await startHarness({ HANDOFF_SLA_MINUTES: '5' }, { logger: silentLogger });
    english = await escalate(harness.user('tools-en', { name: 'Chris Meyer' }), NDR_5_7_64_EN);
    german = await escalate(harness.user('tools-de', { locale: 'de-DE' }), 'Hallo, unsere Mails an einen Partner kommen nicht an.');
    browser = await launchChromium(executable);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    problems = watchPageProblems(page);
    await page.addInitScript(() => localStorage.setItem('desk.lang', 'en'));
    await page.goto(`${harness.app.url}/desk`);
    await page.locator('#agent-name').fill('Anna Berger');
    await page.locator('#agent-save').click();
    await page.locator(`.case-item[data-case-id="${german}"]`).waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('two unseen cases: "(2)" in the title, each with a live SLA timer; opening one counts down', async () => {
    assert.match(await page.title(), /^\(2\) Agent desk/);
    await page
      .locator(`.case-item[data-case-id="${english}"] .sla`)
      .filter({ hasText: /SLA: 5 min left/ })
      .waitFor();
    await page.locator(`.case-item[data-case-id="${english}"]`).click();
    await page.waitForFunction(() => document.title.startsWith('(1) '));
  });

  it('search and the language filter narrow the queue', async () => {
    await page.locator('#filter-language').selectOption('de');
    assert.equal(await page.locator('.case-item').count(), 1);
    await page.locator(`.case-item[data-case-id="${german}"]`).waitFor();
    await page.locator('#filter-language').selectOption('');
    await page.locator('#filter-text').fill('chris');
    assert.equal(await page.locator('.case-item').count(), 1);
    await page.locator(`.case-item[data-case-id="${english}"]`).waitFor();
    await page.locator('#filter-text').fill('');
  });

  it('findings read as words, not ids', async () => {
    await page.locator('#summary').getByText('550 5.7.64', { exact: false }).first().waitFor();
    assert.equal(
      await page
        .locator('#summary .finding')
        .filter({ hasText: /^smtp-reply/ })
        .count(),
      0,
    );
  });

  it('a canned reply goes into the reply box; an internal note shows for agents and never reaches the customer', async () => {
    await page.locator('#take').click();
    await page.locator('#case-title').filter({ hasText: 'in progress' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Insert a canned reply').selectOption({ label: 'Greeting' });
    assert.match(await page.locator('#reply-text').inputValue(), /I am from support/);
    await page.getByLabel('Internal note').fill('Checked with the partner team: their side is fine');
    await page.locator('#note-add').click();
    await page.locator('#messages .internal-note').filter({ hasText: 'their side is fine' }).waitFor({ timeout: 15_000 });
    await page.locator('#send-reply').click();
    await harness.user('tools-en').waitFor(/I am from support/, 15_000);
    assert.doesNotMatch(textsOf(harness.user('tools-en').received()), /partner team/);
  });

  it('a closed case says when it closed, not "waiting since"', async () => {
    await page.locator('#close').click();
    await page.locator('#case-title').filter({ hasText: 'closed' }).waitFor({ timeout: 15_000 });
    assert.doesNotMatch((await page.locator('#case-meta').textContent()) ?? '', /waiting/);
    await page.locator('.tab[data-status="closed"]').click();
    const row = page.locator(`.case-item[data-case-id="${english}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.doesNotMatch((await row.textContent()) ?? '', /waiting/);
    assert.match((await row.textContent()) ?? '', /closed/);
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(problems, []);
  });
});
