/**
 * The newcomer's path in real Chromium, as a person sees it, on the full page (1280x900) and in
 * the embed (420x640): the product bot host (startServer as the composition root does, local
 * mode), a pasted NDR answered through the question card, the answer's title in view when it
 * arrives, the main command copied whole by its copy button (read back from the clipboard), no
 * command cut or split inside a parameter, details opened by keyboard, an uploaded certificate
 * filling the missing issuer into the answer, the German switch (page, Web Chat texts and dates,
 * the bot re-sending its reply in German), new messages announced, and axe-core's WCAG 2.1 A/AA
 * rules on the page in both languages. Everything is operated by keyboard alone.
 * Screenshots: test-output/webchat/<step>-<width>x<height>-<language>.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import type { FileChooser, Locator, Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { mountChannelRoutes } from '../../bot/directline';
import { startServer, type BotApp } from '../../bot/index';
import { type TestPki, testPki } from '../certificates/pki';
import { SCREENSHOT_DIR, chromiumOrSkip, launchChromium, sendText, watchPageProblems, type BrowserSession } from './chromium';

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const NDR = "Our relay server's mail bounces: 550 5.7.64 TenantAttribution; Relay Access Denied";
const IMPORT_PLACEHOLDER =
  'Get-ChildItem -Path c:\\import\\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA';
const IMPORT_FILLED =
  'Get-ChildItem -Path c:\\import\\FabrikamTLSRSACA2024.crt | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA';

interface AxeViolation {
  id: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core in the page (evaluated over the DevTools protocol: the page's CSP allows no inline script). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} (${(node.failureSummary ?? '').split('\n')[1] ?? ''})`).join('; ')}`,
  );
}

/** Presses Tab (or Shift+Tab) until `target` has the focus: proof that the keyboard alone gets there. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`could not reach ${String(target)} with ${key}`);
}

/** Web Chat's keyboard model: focus the transcript, arrow to the activity, Enter moves the focus into it. */
async function enterActivity(page: Page, text: string): Promise<void> {
  const transcript = page.locator('.webchat__basic-transcript').first();
  await page.locator('[data-id="webchat-sendbox-input"]').focus();
  await tabTo(page, transcript, 'Shift+Tab');
  for (let i = 0; i < 30; i++) {
    const active = await transcript.evaluate((element) => {
      const id = element.getAttribute('aria-activedescendant');
      const descendant = id ? document.getElementById(id) : null;
      return descendant?.closest('.webchat__basic-transcript__activity')?.textContent ?? '';
    });
    if (active.includes(text)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press(i === 0 ? 'End' : 'ArrowUp');
  }
  assert.fail(`no activity with "${text}" reachable with the arrow keys`);
}

/** Whether an element is inside the transcript's visible area (the page scrolled to it). */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const scroller = await page.locator('.webchat__basic-transcript__scrollable').first().boundingBox();
  return !!box && !!scroller && box.y >= scroller.y - 1 && box.y + box.height <= scroller.y + scroller.height + 1;
}

async function eventually(check: () => Promise<boolean>, message: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(message);
}

/** Command blocks and code blocks: no group split over two lines, nothing wider than its box unless the box scrolls. */
async function cutOrSplitCode(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const block of Array.from(document.querySelectorAll<HTMLElement>('.webchat .command, .webchat .webchat__bubble pre'))) {
      const style = getComputedStyle(block);
      if (block.scrollWidth > block.clientWidth + 1 && !['auto', 'scroll'].includes(style.overflowX))
        problems.push(`cut: ${block.textContent}`);
      for (const run of Array.from(block.querySelectorAll<HTMLElement>('.ac-textRun'))) {
        if (run.getClientRects().length > 1) problems.push(`split: "${run.textContent}"`);
      }
    }
    return problems;
  });
}

describe('support chat page in Chromium against the product bot (local mode)', function () {
  this.timeout(240_000);
  let app: BotApp;
  let browser: BrowserSession;
  let dataDir: string;
  let url: string;
  let pki: TestPki;

  before(async function () {
    const executable = chromiumOrSkip(this);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    pki = await testPki();
    dataDir = mkdtempSync(path.join(tmpdir(), 'webchat-product-'));
    const config = loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }, dataDir);
    app = await startServer(config, {
      host: '127.0.0.1',
      logger: quietLogger,
      storage: { storage: new MemoryStorage(), description: 'memory (test)', close: () => Promise.resolve() },
    });
    mountChannelRoutes(app.server, { log: () => undefined });
    url = `http://127.0.0.1:${app.port}`;
    browser = await launchChromium(executable);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const size of [
    { width: 1280, height: 900 },
    { width: 420, height: 640 },
  ]) {
    describe(`${size.width}x${size.height}`, () => {
      let page: Page;
      let problems: string[] = [];
      const shot = (step: string, language = 'en') =>
        page.screenshot({ path: path.join(SCREENSHOT_DIR, `${step}-${size.width}x${size.height}-${language}.png`) });
      const answerCard = () =>
        page
          .locator('.ac-adaptiveCard')
          .filter({ hasText: /KB 3212877: / })
          .last();

      before(async () => {
        page = await browser.context.newPage();
        await page.setViewportSize(size);
        problems = watchPageProblems(page);
        await page.goto(`${url}/?locale=en`);
        await page.getByText('Paste an error', { exact: false }).first().waitFor({ timeout: 30_000 });
        // Record what Web Chat's live region announces to screen readers.
        await page.evaluate(() => {
          const announced: string[] = [];
          (window as unknown as { announced: string[] }).announced = announced;
          const region = document.querySelector('.webchat__live-region-transcript');
          if (region)
            new MutationObserver((changes) =>
              changes.forEach((change) => change.addedNodes.forEach((node) => announced.push(node.textContent ?? ''))),
            ).observe(region, { childList: true, subtree: true });
        });
      });
      after(() => page?.close());

      it('asks the separating question: each option once with its button, "I don\'t know" and the person button', async () => {
        await sendText(page, NDR);
        const question = page.locator('.ac-adaptiveCard').filter({ hasText: 'several known causes' }).last();
        await question.waitFor({ timeout: 30_000 });
        await question.getByRole('button', { name: '1. CAPI2 event 30 / no intermediate' }).waitFor();
        assert.equal(
          await question.getByText("The sending server's CAPI2 log shows event 30", { exact: false }).count(),
          1,
          'the option text once',
        );
        await question.getByRole('button', { name: "I don't know" }).waitFor();
        await question.getByRole('button', { name: 'Talk to a person' }).waitFor();
        await eventually(() => inView(page, question.getByText('several known causes', { exact: false })), 'the question is in view');
        await shot('question');
      });

      it("takes the answer by keyboard alone and shows the answer's title when it arrives", async () => {
        await enterActivity(page, 'several known causes');
        const option = page.getByRole('button', { name: '1. CAPI2 event 30 / no intermediate' }).last();
        await tabTo(page, option);
        await page.keyboard.press('Enter');
        const title = answerCard().getByText('KB 3212877: Relaying through Exchange Online Protection', { exact: false }).first();
        await title.waitFor({ timeout: 30_000 });
        // The page scrolls to the start of the new answer, not to its end.
        await eventually(() => inView(page, title), 'the answer title is in view after it arrived');
        await page.waitForTimeout(500);
        assert.ok(await inView(page, title), 'and it stays in view');
        // The first screen: cause, first step and the main command with its copy button.
        assert.ok(await inView(page, answerCard().getByText('Cause:', { exact: true })), 'the cause is in view');
        assert.ok(await inView(page, answerCard().locator('.command').first()), 'the main command is in view');
        assert.ok(await inView(page, answerCard().locator('.copy-button').first()), 'its copy button is in view');
        await shot('answer');
      });

      it('copies the main command whole with its copy button (read back from the clipboard), by keyboard', async () => {
        await enterActivity(page, 'KB 3212877: ');
        const copy = answerCard().locator('.copy-button').first();
        await copy.waitFor();
        await tabTo(page, copy);
        await page.keyboard.press('Enter');
        await eventually(
          async () => (await page.evaluate(() => navigator.clipboard.readText())) === IMPORT_PLACEHOLDER,
          'clipboard holds the whole command',
        );
        assert.equal(await copy.getAttribute('data-copy-text'), IMPORT_PLACEHOLDER);
        await eventually(
          async () => (await page.locator('#status').textContent()) === 'Command copied to the clipboard.',
          'the copy is announced',
        );
      });

      it('never cuts a command or splits it inside a parameter, in the card or in the commands message', async () => {
        await page.getByText('Commands to copy (KB 3212877)', { exact: false }).first().waitFor();
        assert.deepEqual(await cutOrSplitCode(page), []);
        assert.ok(
          (await page.locator('.webchat__bubble pre .copy-button, .webchat__bubble .copy-bar .copy-button').count()) >= 3,
          'a copy button per command of the message',
        );
      });

      it('opens a detail section by keyboard and tells screen readers it is open', async () => {
        await enterActivity(page, 'KB 3212877: ');
        const why = answerCard().getByRole('button', { name: 'Why I think so' });
        assert.equal(await why.getAttribute('aria-expanded'), 'false');
        await tabTo(page, why);
        await page.keyboard.press('Enter');
        await eventually(async () => (await why.getAttribute('aria-expanded')) === 'true', 'aria-expanded turns true');
        await answerCard().getByText('You said: CAPI2 event 30', { exact: false }).first().waitFor();
        await page.keyboard.press('Enter');
        await eventually(async () => (await why.getAttribute('aria-expanded')) === 'false', 'and closes again');
      });

      it("fills the uploaded certificate's missing issuer into the answer and says what changed", async () => {
        // The upload button comes right before the send box.
        await page.locator('[data-id="webchat-sendbox-input"]').focus();
        await page.keyboard.press('Shift+Tab');
        assert.ok(
          await page.evaluate(() => !!document.activeElement?.closest('.webchat__upload-button')),
          'the upload button has the focus',
        );
        await (
          await fileChooserByKeyboard(page)
        ).setFiles({ name: 'smtp.cer', mimeType: 'application/x-x509-ca-cert', buffer: Buffer.from(pki.server.der) });
        const line = page.getByText('The certificate shows the missing issuer: Fabrikam TLS RSA CA 2024', { exact: false }).last();
        await line.waitFor({ timeout: 30_000 });
        await eventually(() => inView(page, line), 'the change is in view');
        // The card arrives with the next poll of the local channel, and gets its copy button right after.
        await eventually(
          async () =>
            (await answerCard()
              .locator('.copy-button')
              .first()
              .getAttribute('data-copy-text')
              .catch(() => null)) === IMPORT_FILLED,
          'the main command now uses the downloaded file',
          30_000,
        );
        await answerCard().getByText('http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt', { exact: false }).first().waitFor();
        assert.deepEqual(await cutOrSplitCode(page), []);
        await shot('upload');
      });

      it('announces new messages to screen readers', async () => {
        const announcedSoFar = () => page.evaluate(() => (window as unknown as { announced: string[] }).announced);
        await eventually(
          async () => (await announcedSoFar()).some((text) => text.includes('The certificate shows the missing issuer')),
          'the update is announced',
          15_000,
        );
        const announced = await announcedSoFar();
        assert.ok(
          announced.some((text) => text.includes('several known causes')),
          announced.join('\n'),
        );
        assert.ok(
          announced.some((text) => text.includes('KB 3212877')),
          'the answer is announced',
        );
        assert.ok(
          announced.some((text) => text.includes('The certificate shows the missing issuer')),
          'the update is announced',
        );
        assert.ok(
          announced.some((text) => text.startsWith('Mailflow TLS Assistant said:')),
          'by the product name',
        );
      });

      it('passes axe-core WCAG 2.1 A/AA with a question and an answer on the page (English)', async () => {
        assert.deepEqual(await axeViolations(page), []);
      });

      it('switches to German: page, Web Chat texts and dates, and the bot re-sends its answer in German', async () => {
        await page.locator('#language-de').focus();
        await page.keyboard.press('Enter');
        assert.equal(await page.getAttribute('html', 'lang'), 'de');
        await page.getByText('Ab jetzt antworte ich auf Deutsch.', { exact: true }).first().waitFor({ timeout: 30_000 });
        const german = page.locator('.ac-adaptiveCard').filter({ hasText: 'Erster Schritt:' }).last();
        await german.waitFor({ timeout: 30_000 });
        await eventually(
          async () =>
            (await german
              .locator('.copy-button')
              .first()
              .getAttribute('data-copy-text')
              .catch(() => null)) === IMPORT_FILLED,
          'the German answer keeps the uploaded names',
          30_000,
        );
        await german.getByRole('button', { name: 'Mit einem Menschen sprechen' }).waitFor();
        assert.equal(await page.getByPlaceholder('Nachricht eingeben').count(), 1, 'Web Chat itself speaks German');
        assert.equal(await page.locator('h1').textContent(), 'Mailflow TLS Assistant', 'one product name');
        assert.ok((await page.locator('.webchat__defaultAvatar img[src$="/webchat/avatar.svg"]').count()) > 0, 'the avatar icon');
        // Dates and times follow the page language, not the browser's.
        await eventually(
          async () => /Jetzt|Minute/.test((await page.locator('.webchat__activity-status').last().textContent()) ?? ''),
          'a German timestamp',
        );
        assert.equal(await page.getByText('Just now', { exact: true }).count(), 0);
        await eventually(() => inView(page, german.getByText('Erster Schritt:', { exact: true })), 'the German answer is in view');
        await shot('german', 'de');
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(await cutOrSplitCode(page), []);
      });

      it('ran without script errors or Content-Security-Policy violations', () => {
        assert.deepEqual(problems, []);
      });
    });
  }

  it('re-sends the welcome in German when the language is switched before a case starts', async () => {
    const page = await browser.context.newPage();
    const problems = watchPageProblems(page);
    await page.setViewportSize({ width: 420, height: 640 });
    await page.goto(`${url}/?locale=en`);
    await page.getByText('Paste an error', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /Deutsch/ }).click();
    const welcome = page.locator('.ac-adaptiveCard').filter({ hasText: 'Fehlermeldung einfügen' }).last();
    await welcome.waitFor({ timeout: 30_000 });
    await welcome.getByRole('button', { name: 'Mit einem Menschen sprechen' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'welcome-420x640-de.png') });
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

/**
 * Enter on the focused upload button opens the file chooser. On a loaded machine Chromium now and
 * then drops the first key press before the button is ready, so the press is repeated (still by
 * keyboard alone) before the test gives up.
 */
async function fileChooserByKeyboard(page: Page): Promise<FileChooser> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    const opened = await chooser;
    if (opened) return opened;
  }
  throw new Error('Enter on the upload button did not open the file chooser');
}
