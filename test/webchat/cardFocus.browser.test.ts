/**
 * Issue 23, point 8 (WCAG 2.4.7): the focus ring of a card button is visible. The card clips what
 * lies outside it (adaptivecards' overflow: hidden), which hid the ring drawn 2 px outside the
 * button; every pixel of the ring must now lie inside each clipping ancestor. Real Chromium on the
 * product bot host, English and German, at 1280x900 and 390x844.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { mountChannelRoutes } from '../../bot/directline';
import { startServer, type BotApp } from '../../bot/index';
import { chromiumOrSkip, launchChromium, type BrowserSession } from './chromium';

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** For the focused element: whether its ring is drawn and how many px of it a clipping ancestor cuts off. */
async function focusRing(page: Page): Promise<{ width: number; clipped: number; label: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    const extent = width + parseFloat(style.outlineOffset || '0');
    const rect = element.getBoundingClientRect();
    const ring = { left: rect.left - extent, top: rect.top - extent, right: rect.right + extent, bottom: rect.bottom + extent };
    let clipped = 0;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const parentStyle = getComputedStyle(parent);
      if (parentStyle.overflowX === 'visible' && parentStyle.overflowY === 'visible') continue;
      const box = parent.getBoundingClientRect();
      clipped = Math.max(clipped, box.left - ring.left, box.top - ring.top, ring.right - box.right, ring.bottom - box.bottom);
    }
    return { width, clipped, label: element.textContent ?? '' };
  });
}

describe('web chat in Chromium: visible focus on card buttons (issue 23, point 8)', function () {
  this.timeout(120_000);
  let app: BotApp;
  let browser: BrowserSession;
  let dataDir: string;

  before(async function () {
    const executable = chromiumOrSkip(this);
    dataDir = mkdtempSync(path.join(tmpdir(), 'card-focus-'));
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }, dataDir), { host: '127.0.0.1', logger: quietLogger });
    mountChannelRoutes(app.server, { log: () => undefined });
    browser = await launchChromium(executable);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const locale of ['en', 'de'])
    for (const size of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ])
      it(`every welcome-card button shows its whole focus ring (${locale}, ${size.width}x${size.height})`, async () => {
        const page = await browser.context.newPage();
        try {
          await page.setViewportSize(size);
          await page.goto(`http://127.0.0.1:${app.port}/?locale=${locale}`);
          const buttons = page.locator('.webchat .ac-adaptiveCard .ac-pushButton');
          await buttons.first().waitFor({ timeout: 30_000 });
          const count = await buttons.count();
          assert.ok(count >= 3, `welcome card buttons: ${count}`);
          await page.keyboard.press('Tab');
          for (let index = 0; index < count; index++) {
            await buttons.nth(index).focus();
            const ring = await focusRing(page);
            assert.ok(ring.width >= 2, `"${ring.label}" has a focus ring`);
            assert.ok(ring.clipped <= 0, `"${ring.label}": ${ring.clipped}px of the focus ring cut off by the card`);
          }
        } finally {
          await page.close();
        }
      });
});
