/**
 * Agent assist in real Chromium (issue 23, point 2): on a case whose customer pasted a 550 5.7.64
 * NDR, the agent adds openssl output and gets the KB 3212877 answer, with what came from the case
 * and what the agent added listed apart; the assist input is per case (cleared when the agent
 * opens another case, restored on the way back), and the answer card goes to the customer only
 * after a confirmation that names the recipient. Cases are opened over HTTP (the harness's
 * stand-in channel), the desk is the real page.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { silentLogger } from '../bot/helpers/testBot';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { escalate, startHarness, type Harness } from '../escalation/harness';
import { OPENSSL_WITHOUT_INTERMEDIATES } from '../escalation/deskSamples';
import { chromiumOrSkip, launchChromium, watchPageProblems, type BrowserSession } from './chromium';

describe('desk in Chromium: agent assist knows the case and keeps its input per case', function () {
  this.timeout(120_000);
  let harness: Harness;
  let browser: BrowserSession;
  let page: Page;
  let problems: string[] = [];
  let ndrCase = '';
  let otherCase = '';

  before(async function () {
    const executable = chromiumOrSkip(this);
    harness = await startHarness({}, { logger: silentLogger });
    ndrCase = await escalate(harness.user('desk-assist-ndr', { name: 'Chris Meyer' }), NDR_5_7_64_EN);
    otherCase = await escalate(harness.user('desk-assist-other'));
    browser = await launchChromium(executable);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    problems = watchPageProblems(page);
    await page.addInitScript(() => localStorage.setItem('desk.lang', 'en'));
    await page.goto(`${harness.app.url}/desk`);
    await page.locator('#agent-name').fill('Anna Berger');
    await page.locator('#agent-save').click();
  });

  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  async function open(id: string): Promise<void> {
    await page.locator(`.case-item[data-case-id="${id}"]`).click();
    await page.locator('#case-title').filter({ hasText: id }).waitFor();
  }

  it('assist on the NDR case with the openssl output added answers KB 3212877, from the case and added by you apart', async () => {
    await open(ndrCase);
    await page.locator('#assist summary').click();
    // The textarea has a visible label (and so an accessible name).
    await page.getByLabel('Text for agent assist').fill(OPENSSL_WITHOUT_INTERMEDIATES);
    await page.locator('#assist-run').click();
    const result = page.locator('#assist-result');
    await result.getByText('KB 3212877', { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.equal(await result.getByText('Nothing you gave me shows an error', { exact: false }).count(), 0);
    const fromCase = result.locator('.evidence[data-origin="from-case"]');
    const added = result.locator('.evidence[data-origin="added"]');
    assert.match((await fromCase.textContent()) ?? '', /5\.7\.64/, 'the NDR is listed as from the case');
    assert.match((await added.textContent()) ?? '', /intermediate/i, 'the openssl finding as added by the agent');
    assert.doesNotMatch((await added.textContent()) ?? '', /5\.7\.64/);
    await result.getByText('From the case').waitFor();
    await result.getByText('Added by you').waitFor();
  });

  it('switching to another case clears assist; switching back restores it', async () => {
    await open(otherCase);
    assert.equal(await page.locator('#assist-text').inputValue(), '', 'no text of the other customer');
    assert.equal(((await page.locator('#assist-result').textContent()) ?? '').trim(), '', 'no answer of the other case');
    assert.equal(await page.locator('#assist-send').isVisible(), false);
    assert.match((await page.locator('#assist-for').textContent()) ?? '', new RegExp(otherCase));
    await open(ndrCase);
    assert.equal(await page.locator('#assist-text').inputValue(), OPENSSL_WITHOUT_INTERMEDIATES);
    await page.locator('#assist-result').getByText('KB 3212877', { exact: false }).first().waitFor();
  });

  it('sending the answer card names the recipient and asks first: Cancel sends nothing, Send delivers it', async () => {
    await page.locator('#take').click();
    await page.locator('#case-title').filter({ hasText: 'in progress' }).waitFor({ timeout: 15_000 });
    await page
      .locator('#reply-label')
      .filter({ hasText: `Message to Chris Meyer (case #${ndrCase})` })
      .waitFor();
    const send = page.locator('#assist-send');
    await send.waitFor({ state: 'visible' });
    await send.click();
    const dialog = page.locator('#confirm');
    await dialog.waitFor({ state: 'visible' });
    const question = (await page.locator('#confirm-text').textContent()) ?? '';
    assert.match(question, /Chris Meyer/);
    assert.match(question, new RegExp(`#${ndrCase}`));
    assert.match(question, /KB 3212877/);
    await page.locator('#confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(
      harness.channel.textsIn('desk-assist-ndr').filter((text) => /KB 3212877/.test(text)).length,
      0,
      'Cancel sent nothing to the customer',
    );
    await send.click();
    await page.getByRole('button', { name: 'Send to Chris Meyer' }).click();
    await harness.user('desk-assist-ndr').waitFor(/KB 3212877/, 15_000);
    await page.locator('#assist-result').getByText('Answer card sent.').waitFor();
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(problems, []);
  });
});
