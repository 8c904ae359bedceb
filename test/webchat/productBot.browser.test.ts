/**
 * The newcomer's path in real Chromium: the product bot host (startServer from bot/index.ts,
 * with the channel routes mounted as the composition root does) in local mode, the support page
 * at `/`, the welcome, a pasted NDR answered with the KB 3212877 card and its Import-Certificate
 * command, a generated certificate uploaded with Web Chat's upload button and answered with the
 * certificate report (with its thumbprint), and German after the language switch.
 * Screenshots: test-output/webchat/product-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { mountChannelRoutes } from '../../bot/directline';
import { startServer, type BotApp } from '../../bot/index';
import { SCREENSHOT_DIR, chromiumOrSkip, launchChromium, sendText, watchPageProblems, type BrowserSession } from './chromium';
import { selfSignedCertificate } from './generatedCertificate';

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('support chat page in Chromium against the product bot (local mode)', function () {
  this.timeout(90_000);
  let app: BotApp;
  let browser: BrowserSession;
  let page: Page;
  let dataDir: string;
  let url: string;
  let problems: string[] = [];

  before(async function () {
    const executable = chromiumOrSkip(this);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'webchat-product-'));
    const config = loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }, dataDir);
    app = await startServer(config, {
      host: '127.0.0.1',
      logger: quietLogger,
      storage: { storage: new MemoryStorage(), description: 'memory (test)', close: async () => undefined },
    });
    mountChannelRoutes(app.server, { log: () => undefined });
    url = `http://127.0.0.1:${app.port}`;
    browser = await launchChromium(executable);
    page = await browser.context.newPage();
    problems = watchPageProblems(page);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the page and shows the bot welcome', async () => {
    await page.goto(`${url}/?locale=en`);
    await page.getByText('Paste an error', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.getByText('KB 3212877', { exact: false }).first().waitFor();
  });

  it('answers a pasted NDR with the KB 3212877 card and the Import-Certificate command', async () => {
    await sendText(page, 'Relaying through Exchange Online Protection fails with 550 5.7.64 TenantAttribution; Relay Access Denied. The CAPI2 log on the relay server shows event ID 30 with result 800B0109.');
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'Relaying through Exchange Online Protection fails' }).first().waitFor({ timeout: 30_000 });
    await page.getByText('Import-Certificate', { exact: false }).first().waitFor();
    await page.getByText('cert:\\LocalMachine\\CA', { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'product-answer-card.png') });
  });

  it('uploads a generated certificate with the upload button and shows the certificate report', async () => {
    const certificate = await selfSignedCertificate('relay.contoso.com');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /upload file/i }).click();
    await (await chooser).setFiles({ name: 'relay.contoso.com.cer', mimeType: 'application/x-x509-ca-cert', buffer: certificate.der });
    const report = page.locator('.ac-adaptiveCard').filter({ hasText: 'Certificate report' }).last();
    await report.waitFor({ timeout: 30_000 });
    await report.getByText(certificate.thumbprint, { exact: false }).first().waitFor();
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'product-certificate-report.png') });
  });

  it('switches to German and answers in German', async () => {
    await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
    assert.equal(await page.locator('h1').textContent(), 'Mailflow-TLS-Assistent');
    await sendText(page, 'Ereignis-ID: 2004\nQuelle: MSExchangeTransport\nSMTP-Antwort 454 4.7.0 Konnte keinen geeigneten TLS-Kanal einrichten: UntrustedRoot: Access Denied');
    await page.getByText('Befehle zum Kopieren', { exact: false }).first().waitFor({ timeout: 30_000 });
    // The card shows commands exactly: placeholders in angle brackets and straight quotes survive
    // (Markdown would drop "<...>" as a tag and curl the quotes).
    const answer = page.locator('.ac-adaptiveCard').filter({ hasText: 'KB 2888788' }).last();
    await answer.getByText('Enable-ExchangeCertificate -Thumbprint <Fingerabdruck des nicht vertrauenswürdigen Zertifikats> -Services <Dienste außer SMTP, die bleiben sollen, aus Get-ExchangeCertificate>', { exact: true }).waitFor();
    await answer.getByText(`Get-SendConnector | Where-Object { $_.Name -like 'Outbound to Office 365*' } | Set-SendConnector -TlsCertificateName "<I><Issuer des öffentlichen Zertifikats><S><Subject des öffentlichen Zertifikats>"`, { exact: true }).waitFor();
    await answer.getByText(`Retry-Queue -Filter "NextHopDomain -like '*.mail.onmicrosoft.com' -and Status -eq 'Retry'"`, { exact: true }).waitFor();
    assert.equal(await page.getByPlaceholder('Nachricht eingeben').count(), 1, 'Web Chat itself speaks German');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'product-german.png') });
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(problems, []);
  });
});

