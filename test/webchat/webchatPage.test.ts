/**
 * Browser test of the support chat page in real Chromium, against the local Direct Line and a
 * small botbuilder bot (test/directline/fakeBotServer.ts): page, CSP, welcome, send, upload
 * through Web Chat's upload button, language switch. The same page against the product bot is
 * covered by productBot.browser.test.ts. Screenshots go to test-output/webchat/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeBotServer, type FakeBotServer } from '../directline/fakeBotServer';
import { SCREENSHOT_DIR, chromiumOrSkip, launchChromium, sendText, watchPageProblems, type BrowserSession } from './chromium';
import { selfSignedCertificate } from './generatedCertificate';

describe('support chat page in Chromium (local channel, test bot)', function () {
  this.timeout(60_000);
  let server: FakeBotServer;
  let browser: BrowserSession;
  let page: Page;
  let problems: string[] = [];

  before(async function () {
    const executable = chromiumOrSkip(this);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startFakeBotServer();
    browser = await launchChromium(executable);
    page = await browser.context.newPage();
    problems = watchPageProblems(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the page with a Content-Security-Policy and shows the bot welcome', async () => {
    const response = await page.goto(`${server.url}/?locale=en`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await page.getByText('welcome en-US').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('h1').textContent(), 'Mailflow TLS Assistant');
  });

  it('sends a pasted error and shows the reply', async () => {
    await sendText(page, '550 5.7.64 TenantAttribution; Relay Access Denied');
    await page.getByText('echo[en-US]: 550 5.7.64 TenantAttribution; Relay Access Denied').first().waitFor({ timeout: 15_000 });
  });

  it('uploads a generated certificate with the upload button and the bot receives its bytes', async () => {
    const certificate = await selfSignedCertificate('mail.contoso.com');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /upload file/i }).click();
    await (await chooser).setFiles({ name: 'mail.contoso.com.cer', mimeType: 'application/x-x509-ca-cert', buffer: certificate.der });
    await page
      .getByText(`file mail.contoso.com.cer application/x-x509-ca-cert ${certificate.der.length} bytes`, { exact: false })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'test-bot-english.png') });
  });

  it('refuses a file above 4 MB in the page with a clear message', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /upload file/i }).click();
    await (await chooser).setFiles({ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(5 * 1024 * 1024, 0x41) });
    await page.getByRole('alert').getByText('"huge.log" is larger than 4 MB', { exact: false }).first().waitFor({ timeout: 5_000 });
  });

  it('switches to German: page texts, Web Chat texts and the locale the bot receives', async () => {
    await page.getByRole('button', { name: /Deutsch/ }).click();
    assert.equal(await page.locator('h1').textContent(), 'Mailflow TLS Assistant', 'one product name in both languages');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await sendText(page, 'Hallo');
    await page.getByText('echo[de-DE]: Hallo').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'test-bot-german.png') });
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(problems, []);
  });
});
