/**
 * The handoff as a customer lives it, in real Chromium: the support page is reloaded in the
 * middle of a case and closed while the agent writes. Two browsers (customer and agent at /desk)
 * on the product bot host in local mode.
 * - After a reload the conversation is the same one: the transcript is back, the case is still
 *   attached ("talk to a person" names the same case, no second one), and the agent's reply arrives.
 * - While the customer's page is gone the desk says the customer left, an agent message is marked
 *   "the customer is not connected" (not "delivered"), and the customer sees it on return.
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

describe('handoff in Chromium: the customer reloads and leaves, nothing is lost', function () {
  this.timeout(180_000);
  let app: BotApp;
  let agentBrowser: BrowserSession;
  let customerBrowser: BrowserSession;
  let customer: Page;
  let agent: Page;
  let dataDir: string;
  let url: string;
  let caseId = '';
  let problems: string[][] = [];

  // Text in the transcript, in a plain message or a card (the case notice carries a button).
  const customerText = (text: string | RegExp) => customer.locator('.webchat__basic-transcript').getByText(text).last();

  before(async function () {
    const executable = chromiumOrSkip(this);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'handoff-resume-'));
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }, dataDir), {
      host: '127.0.0.1',
      logger: quietLogger,
      deskPollMs: 250,
    });
    // A page that stops polling is "away" after 1.5 s here (6 s by default).
    mountChannelRoutes(app.server, { log: () => undefined, awayAfterMs: 1500 });
    url = `http://127.0.0.1:${app.port}`;
    agentBrowser = await launchChromium(executable);
    customerBrowser = await launchChromium(executable);
    agent = await agentBrowser.context.newPage();
    await agent.setViewportSize({ width: 1400, height: 1000 });
    customer = await customerBrowser.context.newPage();
    problems = [watchPageProblems(agent), watchPageProblems(customer)];
    await agent.goto(`${url}/desk`);
    await agent.locator('#agent-name').fill('Anna Berger');
    await agent.locator('#agent-save').click();
    await agent.locator('#live[data-state="on"]').waitFor({ timeout: 15_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && customer) {
      await customer.screenshot({ path: path.join(SCREENSHOT_DIR, 'resume-failed-customer.png') }).catch(() => undefined);
      await agent?.screenshot({ path: path.join(SCREENSHOT_DIR, 'resume-failed-agent.png') }).catch(() => undefined);
    }
  });

  after(async () => {
    await agentBrowser?.close();
    await customerBrowser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the customer asks for a person and gets a case number', async () => {
    await customer.goto(`${url}/?locale=en`);
    await customer.getByText('Paste an error', { exact: false }).first().waitFor({ timeout: 30_000 });
    await sendText(customer, 'talk to a person');
    const opened = customerText(/I have opened support case #[0-9A-Z]{8}/);
    await opened.waitFor({ timeout: 30_000 });
    caseId = /#([0-9A-Z]{8})/.exec((await opened.textContent()) ?? '')?.[1] ?? '';
    assert.ok(caseId);
  });

  it('after a reload the transcript is back and the case is still attached: asking again names the same case', async () => {
    await customer.reload();
    await customerText(`I have opened support case #${caseId}`).waitFor({ timeout: 30_000 });
    await sendText(customer, 'talk to a person');
    await customerText(`Your support case #${caseId} is already open`).waitFor({ timeout: 30_000 });
    const queued = (await (await fetch(`${url}/api/desk/cases?status=queued`)).json()) as { cases: unknown[] };
    assert.equal(queued.cases.length, 1, 'one case, not a second empty one');
  });

  it('the agent takes the case and replies after the reload; the customer sees it', async () => {
    await agent.locator(`.case-item[data-case-id="${caseId}"]`).click();
    await agent.locator('#take').click();
    await agent.locator('#case-title').filter({ hasText: 'in progress' }).waitFor({ timeout: 15_000 });
    await agent.locator('#reply-text').fill('Hello, I am Anna. Which server sends the mail?');
    await agent.locator('#send-reply').click();
    await customerText('Anna Berger (support): Hello, I am Anna.').waitFor({ timeout: 30_000 });
  });

  it('while the page is closed the desk says the customer left, and a message is "not connected", not delivered', async () => {
    await customer.goto('about:blank');
    await agent.locator('#messages .from-system').filter({ hasText: 'The customer left the chat' }).waitFor({ timeout: 20_000 });
    await agent.locator('#case-meta').filter({ hasText: 'the customer is not connected' }).waitFor();
    await agent.locator('#reply-text').fill('While you were away: please send the NDR when you are back.');
    await agent.locator('#send-reply').click();
    const held = agent.locator('#messages .from-agent').filter({ hasText: 'While you were away' });
    await held.waitFor({ timeout: 15_000 });
    assert.equal(await held.getAttribute('data-delivery'), 'held');
    assert.match((await held.textContent()) ?? '', /the customer is not connected/);
  });

  it('on return the message written meanwhile is there, and the desk sees the customer back', async () => {
    await customer.goto(`${url}/?locale=en`);
    await customerText('Anna Berger (support): While you were away').waitFor({ timeout: 30_000 });
    await agent.locator('#messages .from-system').filter({ hasText: 'The customer is back in the chat' }).waitFor({ timeout: 20_000 });
    // Still the same case, still with Anna: the message goes to her, the bot stays quiet.
    await sendText(customer, 'Back again, it is EXCH01.');
    await agent.locator('#messages .from-user').filter({ hasText: 'Back again, it is EXCH01.' }).waitFor({ timeout: 15_000 });
    await customer.screenshot({ path: path.join(SCREENSHOT_DIR, 'resume-customer.png') });
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'resume-agent.png'), fullPage: true });
  });

  it('ran without script errors or Content-Security-Policy violations on either page', () => {
    assert.deepEqual(problems.flat(), []);
  });
});
