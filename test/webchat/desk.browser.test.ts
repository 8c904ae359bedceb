/**
 * The handoff in real Chromium, two pages on the product bot host (local mode): a customer in the
 * support web chat at `/` and an agent at `/desk`. The desk is open first and the case appears in
 * its queue without a reload; the agent takes it and answers, the customer sees "has joined" and
 * the answer, the customer answers, the agent sees it. Screenshots of both pages:
 * test-output/webchat/desk-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { mountChannelRoutes } from '../../bot/directline';
import { startServer, type BotApp } from '../../bot/index';
import { SCREENSHOT_DIR, chromiumOrSkip, launchChromium, sendText, watchPageProblems, type BrowserSession } from './chromium';

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('handoff in Chromium: customer in the web chat, agent at /desk', function () {
  this.timeout(120_000);
  let app: BotApp;
  // Two browsers, as on two machines (pages of one browser in the background get their timers throttled).
  let agentBrowser: BrowserSession;
  let customerBrowser: BrowserSession;
  let customer: Page;
  let agent: Page;
  let dataDir: string;
  let url: string;
  let caseId = '';
  let problems: string[][] = [];

  before(async function () {
    const executable = chromiumOrSkip(this);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'desk-browser-'));
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }, dataDir), {
      host: '127.0.0.1',
      logger: quietLogger,
      deskPollMs: 250,
    });
    mountChannelRoutes(app.server, { log: () => undefined });
    url = `http://127.0.0.1:${app.port}`;
    agentBrowser = await launchChromium(executable);
    customerBrowser = await launchChromium(executable);
    agent = await agentBrowser.context.newPage();
    await agent.setViewportSize({ width: 1400, height: 1000 });
    customer = await customerBrowser.context.newPage();
    problems = [watchPageProblems(agent), watchPageProblems(customer)];
  });

  after(async () => {
    await agentBrowser?.close();
    await customerBrowser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the agent opens the desk and signs with a name; the queue is live', async () => {
    await agent.goto(`${url}/desk`);
    await agent.locator('#agent-name').fill('Anna Berger');
    await agent.locator('#agent-save').click();
    await agent.locator('#live[data-state="on"]').waitFor({ timeout: 15_000 });
  });

  it('the customer escalates from the web chat and gets a case number; it appears in the desk queue without a reload', async () => {
    await customer.goto(`${url}/?locale=en`);
    await customer.getByText('Paste an error', { exact: false }).first().waitFor({ timeout: 30_000 });
    await sendText(
      customer,
      'Since Monday our mail server stops sending to one partner after a few minutes, no error anywhere that I can find.',
    );
    await customer
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'a person from support can take over' })
      .last()
      .waitFor({ timeout: 30_000 });
    await customer.getByRole('button', { name: 'Talk to a person' }).last().click();
    const opened = customer.getByText(/I have opened support case #[0-9A-Z]{8}/).last();
    await opened.waitFor({ timeout: 30_000 });
    caseId = /#([0-9A-Z]{8})/.exec((await opened.textContent()) ?? '')?.[1] ?? '';
    assert.ok(caseId);
    await agent.locator(`.case-item[data-case-id="${caseId}"]`).waitFor({ timeout: 15_000 });
  });

  it('the agent takes the case and answers; the customer sees "has joined" and the answer', async () => {
    await agent.locator(`.case-item[data-case-id="${caseId}"]`).click();
    await agent.locator('#case-title').filter({ hasText: caseId }).waitFor();
    await agent
      .getByText('the user asked for a person', { exact: false })
      .or(agent.getByText('no matching article', { exact: false }))
      .first()
      .waitFor();
    // The agent reads words, not ids: the verdict and the button press as the customer saw them.
    await agent.getByText('Pressed: Talk to a person', { exact: false }).first().waitFor();
    assert.equal(await agent.getByText('no_match', { exact: false }).count(), 0, 'no verdict id on the desk');
    assert.equal(await agent.getByText('"action"', { exact: false }).count(), 0, 'no raw button JSON on the desk');
    await agent.locator('#take').click();
    await agent.locator('#case-title').filter({ hasText: 'in progress' }).waitFor({ timeout: 15_000 });
    // The join notice is a card since an agent's chat can be ended from it (its text block, not a plain message).
    await customer
      .getByText(`Anna Berger from support has joined the chat (case #${caseId})`, { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await agent.locator('#reply-text').fill('Hello, I am Anna. Which server sends to the partner, and since when exactly?');
    await agent.locator('#send-reply').click();
    await customer
      .locator('.webchat__text-content')
      .filter({ hasText: 'Anna Berger (support): Hello, I am Anna.' })
      .waitFor({ timeout: 30_000 });
  });

  it('the customer answers and the agent sees it live', async () => {
    await sendText(customer, 'It is EXCH01, since the certificate renewal on Monday.');
    await agent
      .locator('#messages .from-user')
      .filter({ hasText: 'It is EXCH01, since the certificate renewal on Monday.' })
      .waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'desk-agent.png'), fullPage: true });
    await customer.screenshot({ path: path.join(SCREENSHOT_DIR, 'desk-customer.png') });
  });

  it('writes percentages as the chat does in each language: "0%" in English, "0 %" in German', async () => {
    const details = agent.locator('#case');
    await agent
      .getByText(/confidence 0%/)
      .first()
      .waitFor();
    await agent.locator('.language[data-lang="de"]').click();
    await agent
      .getByText(/Trefferwahrscheinlichkeit 0 %/)
      .first()
      .waitFor();
    assert.equal(await details.getByText(/\d%/).count(), 0, 'no "0%" on the German desk');
    await agent.locator('.language[data-lang="en"]').click();
    await agent
      .getByText(/confidence 0%/)
      .first()
      .waitFor();
  });

  it('ran without script errors or Content-Security-Policy violations on either page', () => {
    assert.deepEqual(problems.flat(), []);
  });
});
