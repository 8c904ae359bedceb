/**
 * Issue 23, point 7 (drag and drop): a certificate dropped on the support page is uploaded and
 * analysed like one picked with the paper clip; before, the browser opened the dropped file in the
 * tab and the conversation was gone. A file above 4 MB is refused with the page's message. Real
 * Chromium on the product bot host (a drop event with a real DataTransfer).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { mountChannelRoutes } from '../../bot/directline';
import { startServer, type BotApp } from '../../bot/index';
import { chromiumOrSkip, launchChromium, watchPageProblems, type BrowserSession } from './chromium';
import { selfSignedCertificate } from './generatedCertificate';

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Drops files on the page as a browser does: dragover (the page must accept it), then drop. */
async function dropFiles(page: Page, files: Array<{ name: string; content: string }>): Promise<boolean> {
  return page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.content], file.name, { type: 'application/octet-stream' }));
    const target = document.querySelector('.webchat__basic-transcript') ?? document.body;
    const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true });
    target.dispatchEvent(over);
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    target.dispatchEvent(drop);
    // The browser opens the file unless the page cancels both events.
    return over.defaultPrevented && drop.defaultPrevented;
  }, files);
}

describe('web chat in Chromium: a dropped file is uploaded (issue 23, point 7)', function () {
  this.timeout(120_000);
  let app: BotApp;
  let browser: BrowserSession;
  let dataDir: string;

  before(async function () {
    const executable = chromiumOrSkip(this);
    dataDir = mkdtempSync(path.join(tmpdir(), 'drop-file-'));
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }, dataDir), { host: '127.0.0.1', logger: quietLogger });
    mountChannelRoutes(app.server, { log: () => undefined });
    browser = await launchChromium(executable);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a certificate dropped on the page is sent and the bot reports on it; the page stays', async () => {
    const page = await browser.context.newPage();
    const problems = watchPageProblems(page);
    const address = `http://127.0.0.1:${app.port}/?locale=en`;
    await page.goto(address);
    await page.locator('.webchat .ac-adaptiveCard').first().waitFor({ timeout: 30_000 });
    const certificate = await selfSignedCertificate('mail.contoso.com');
    assert.equal(await dropFiles(page, [{ name: 'mail-contoso.cer', content: certificate.pem }]), true, 'the page takes the drop');
    await page.locator('.webchat__basic-transcript').getByText('mail-contoso.cer').first().waitFor({ timeout: 30_000 });
    await page
      .locator('.webchat__basic-transcript')
      .getByText(/mail\.contoso\.com/)
      .last()
      .waitFor({ timeout: 30_000 });
    assert.equal(page.url(), address, 'the conversation is still on the page');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a dropped file above 4 MB is refused with the page message, nothing is sent', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${app.port}/?locale=de`);
    await page.locator('.webchat .ac-adaptiveCard').first().waitFor({ timeout: 30_000 });
    assert.equal(await dropFiles(page, [{ name: 'riesig.log', content: 'x'.repeat(4 * 1024 * 1024 + 10) }]), true);
    await page.locator('#notice').filter({ hasText: '„riesig.log“ ist größer als 4 MB' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.webchat__basic-transcript').getByText('riesig.log').count(), 0);
    await page.close();
  });
});
