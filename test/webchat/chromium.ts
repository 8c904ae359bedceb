/**
 * Real Chromium for the browser tests: Debian's package (installed by .ci/run), driven by
 * playwright-core, in a fresh profile directory. No browser download ever happens here.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-output', 'webchat');

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate as string));
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(executablePath: string, locale = 'en-US'): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(tmpdir(), 'webchat-test-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    locale,
    viewport: { width: 900, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects what must never happen on the page: script errors and Content-Security-Policy violations. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

/** Types into Web Chat's send box and presses Enter, as a user does. */
export async function sendText(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

/** The Chromium to use, or skips the suite with a clear message (CI installs Chromium). */
export function chromiumOrSkip(context: Mocha.Context): string {
  const executable = chromiumPath();
  if (!executable) {
    console.warn('    Skipping the browser test: Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH).');
    context.skip();
  }
  return executable;
}
