/**
 * Microsoft Teams as the agent desk, over real HTTP: the agents' channel is served by the local
 * channel server (as Teams' connector), agents' clicks and thread replies are Teams activities
 * posted to /api/messages. New case -> card in a new thread with the summary and "Take case";
 * take -> the card says "Taken by", the user hears the agent joined; thread <-> user relay; a
 * second agent cannot take it; close -> card "Closed", the user is asked for a rating.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { activityTexts, type ChannelRequest } from '../helpers/channelServer';
import { escalate, type Harness, startHarness, textsOf } from './harness';
import { TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';

const AGENTS = '19:agents-0123456789abcdef@thread.tacv2';
const anna = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Agent' };
const ben = { id: '29:ben', aadObjectId: 'aad-ben', name: 'Ben Agent' };

describe("Teams agents' channel as an agent desk", function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness({
      AGENT_TEAMS_CONVERSATION_ID: AGENTS,
      AGENT_TEAMS_SERVICE_URL: '{channel}',
      AGENT_TEAMS_RETRY_SECONDS: '0.05',
    });
  });
  after(async () => harness?.close());

  /** An activity from the agents' channel, as Teams sends it. */
  async function fromAgents(agent: typeof anna, postId: string, activity: Partial<Activity>): Promise<ChannelRequest[]> {
    const before = harness.channel.requests.length;
    const conversationId = `${AGENTS};messageid=${postId}`;
    const response = await fetch(`${harness.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `teams-${Math.random().toString(36).slice(2)}`,
        channelId: 'msteams',
        serviceUrl: harness.channel.url,
        from: agent,
        recipient: { id: '28:bot', name: 'Mailflow bot' },
        conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        channelData: { channel: { id: AGENTS }, team: { id: '19:team@thread.tacv2' }, tenant: { id: 'tenant-1' } },
        replyToId: postId,
        locale: 'en-US',
        ...activity,
      }),
    });
    assert.equal(response.status, 200, await response.text());
    return harness.channel.requests.slice(before);
  }

  const mention = (text: string): Partial<Activity> => ({
    text: `<at>Mailflow bot</at> ${text}`,
    entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'Mailflow bot' }, text: '<at>Mailflow bot</at>' }],
  });

  it('posts each new case as a card in a new thread, updates it to "Taken by", and relays through the thread', async () => {
    const user = harness.user('teams-user-1');
    const caseId = await escalate(user, TWO_SMTP_CERTIFICATES);
    const post = await harness.channel.waitFor((request) => request.method === 'POST' && request.path === '/v3/conversations');
    assert.equal((post.body.channelData as { channel: { id: string } }).channel.id, AGENTS);
    const card = textsOf([post.body.activity as Record<string, unknown>]);
    assert.match(card, new RegExp(`Case #${caseId}`));
    assert.match(card, /KB 2888788/);
    assert.match(card, /9F8E7D6C5B4A39281706F5E4D3C2B1A098765432/, 'findings with excerpts');
    assert.match(card, /Take case/);
    const postId = post.createdId as string;
    const threadPosts = harness.channel.requests.filter((request) => request.path === '/v3/conversations');
    assert.equal(threadPosts.length, 1, 'one card per case');

    // Anna takes it with the card's button.
    const taken = await fromAgents(anna, postId, { text: '', value: { action: 'desk-take', caseId } });
    assert.match(
      textsOf(taken.filter((request) => request.conversationId === `${AGENTS};messageid=${postId}`).map((request) => request.body)),
      /Anna Agent, case #\w+ is yours/,
    );
    await user.waitFor(/Anna Agent from support has joined the chat/);
    const update = await harness.channel.waitFor((request) => request.method === 'PUT' && request.activityId === postId);
    const updated = activityTexts(update.body).join('\n');
    assert.match(updated, /Taken by Anna Agent/);
    assert.doesNotMatch(updated, /Take case/);
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.deepEqual(view.assignedTo, { id: 'aad-anna', name: 'Anna Agent' });
    assert.equal(view.surface, 'teams');

    // Ben is too late.
    const late = await fromAgents(ben, postId, { text: '', value: { action: 'desk-take', caseId } });
    assert.match(textsOf(late.map((request) => request.body)), new RegExp(`Case #${caseId} is already taken by Anna Agent`));

    // Anna writes in the thread (mentioning the bot): the user gets it.
    await fromAgents(anna, postId, mention('Please send the output of Get-SendConnector | fl Name,TlsCertificateName.'));
    await user.waitFor(/Anna Agent \(support\): Please send the output of Get-SendConnector/);
    // The user answers: it appears in the thread.
    const quiet = await user.say('Here it is: TlsCertificateName is empty.');
    assert.equal(quiet.length, 0);
    await harness.channel.waitFor(
      (request) =>
        request.conversationId === `${AGENTS};messageid=${postId}` &&
        /Customer: Here it is: TlsCertificateName is empty\./.test(activityTexts(request.body).join(' ')),
    );
    // Ben cannot write to the customer.
    const intruder = await fromAgents(ben, postId, mention('Hello from Ben'));
    assert.match(textsOf(intruder.map((request) => request.body)), /handled by Anna Agent/);
    assert.ok(!harness.channel.textsIn('teams-user-1').some((text) => text.includes('Hello from Ben')));

    // Close from the card: "Closed" on the card, the user is asked for a rating.
    await fromAgents(anna, postId, { text: '', value: { action: 'desk-close', caseId } });
    await user.waitFor(/How did we do with case/);
    await harness.channel.waitFor(
      (request) => request.method === 'PUT' && request.activityId === postId && /Closed/.test(activityTexts(request.body).join(' ')),
    );
  });

  it('answers "agent channel id" in any Teams channel with the id to configure', async () => {
    const response = await fetch(`${harness.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'teams-channel-id',
        channelId: 'msteams',
        serviceUrl: harness.channel.url,
        from: anna,
        recipient: { id: '28:bot', name: 'Mailflow bot' },
        conversation: { id: '19:other-team-channel@thread.tacv2;messageid=777', conversationType: 'channel', isGroup: true },
        ...mention('agent channel id'),
      }),
    });
    assert.equal(response.status, 200);
    const reply = await harness.channel.waitFor((request) => request.conversationId.startsWith('19:other-team-channel@thread.tacv2'));
    assert.match(activityTexts(reply.body).join(' '), /AGENT_TEAMS_CONVERSATION_ID: 19:other-team-channel@thread\.tacv2$/);
  });

  it('posts the card later when Teams refused it at first (retried by the sweep)', async () => {
    const before = harness.channel.requests.filter((request) => request.path === '/v3/conversations').length;
    harness.channel.refuse(2, 403, (path) => path === '/v3/conversations');
    const caseId = await escalate(harness.user('teams-user-2'));
    const post = await harness.channel.waitFor(
      (request) =>
        request.path === '/v3/conversations' &&
        new RegExp(`Case #${caseId}`).test(activityTexts(request.body.activity as Record<string, unknown>).join(' ')),
      15_000,
    );
    assert.ok(post);
    assert.equal(harness.channel.requests.filter((request) => request.path === '/v3/conversations').length, before + 1);
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(view.delivery?.teams?.state, 'posted');
  });
});

describe('Teams group chat as an agent desk (no threads: the case number leads the message)', function () {
  this.timeout(60_000);
  const CHAT = '19:agents-chat-0123@thread.v2';
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ AGENT_TEAMS_CONVERSATION_ID: CHAT, AGENT_TEAMS_SERVICE_URL: '{channel}', AGENT_LANGUAGE: 'de' });
  });
  after(async () => harness?.close());

  async function inChat(activity: Partial<Activity>): Promise<void> {
    const response = await fetch(`${harness.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `chat-${Math.random().toString(36).slice(2)}`,
        channelId: 'msteams',
        serviceUrl: harness.channel.url,
        from: anna,
        recipient: { id: '28:bot', name: 'Mailflow bot' },
        conversation: { id: CHAT, conversationType: 'groupChat', isGroup: true },
        ...activity,
      }),
    });
    assert.equal(response.status, 200);
  }

  it('posts the card into the chat (in German for German agents), takes by button, relays with #case', async () => {
    const user = harness.user('chat-user-1');
    const caseId = await escalate(user);
    const card = await harness.channel.waitFor(
      (request) => request.conversationId === CHAT && /Fall übernehmen/.test(activityTexts(request.body).join(' ')),
    );
    assert.match(activityTexts(card.body).join(' '), new RegExp(`Fall #${caseId}`));
    await inChat({ text: '', value: { action: 'desk-take', caseId } });
    await harness.channel.waitFor(
      (request) =>
        request.conversationId === CHAT &&
        /Mention|Erwähnen Sie den Bot und beginnen Sie mit #/.test(activityTexts(request.body).join(' ')),
    );
    await user.waitFor(/Anna Agent from support has joined/);
    await inChat({
      text: `<at>Mailflow bot</at> #${caseId} Which connector do you use?`,
      entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'Mailflow bot' }, text: '<at>Mailflow bot</at>' }],
    });
    await user.waitFor(/Anna Agent \(support\): Which connector do you use\?/);
    await user.say('The default one.');
    await harness.channel.waitFor(
      (request) =>
        request.conversationId === CHAT && new RegExp(`#${caseId} Kunde: The default one\\.`).test(activityTexts(request.body).join(' ')),
    );
  });
});
