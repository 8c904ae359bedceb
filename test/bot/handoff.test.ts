/** The contact-center side of a handoff: the stored case, handoff.initiate with transcript, none on Teams. */
import { strict as assert } from 'assert';
import { INTERNAL_THUMBPRINT, TWO_SMTP_CERTIFICATES } from './helpers/samples';
import { makeTestBot, visibleText } from './helpers/testBot';

describe('handoff (Bot Framework protocol)', () => {
  it('stores the case first, then sends handoff.initiate with the case number, summary and transcript', async () => {
    const bot = makeTestBot({ locale: 'en-US', realHandoff: true, conversationId: 'webchat-42' });
    await bot.send(`${TWO_SMTP_CERTIFICATES}\npassword=TopSecret123`);
    const replies = await bot.send({ value: { action: 'handoff' } });
    const event = replies.find((reply) => reply.type === 'event');
    assert.ok(event, 'an event activity');
    assert.equal(event.name, 'handoff.initiate');
    const summary = event.value as { caseId: string; article: string; findings: Array<{ excerpt: string }>; language: string };
    assert.equal(summary.article, 'KB2888788');
    assert.equal(summary.language, 'en');
    assert.ok(summary.findings.some((finding) => finding.excerpt.includes(INTERNAL_THUMBPRINT)));
    const transcript = event.attachments?.[0];
    assert.equal(transcript?.name, 'Transcript');
    const activities = (transcript?.content as { activities: Array<{ text: string }> }).activities;
    assert.ok(activities.length >= 2);
    const stored = await bot.cases.get(summary.caseId);
    assert.ok(stored, 'the case is in the store under the number the event carries');
    assert.equal(stored.conversationId, 'webchat-42');
    assert.match(visibleText(replies), new RegExp(`support case #${summary.caseId}`));
    assert.match(visibleText(replies), /number 1 in the queue/);
    const everything = JSON.stringify(replies) + JSON.stringify(stored);
    assert.ok(everything.includes('KB2888788'), 'case stored with its summary');
    assert.ok(!everything.includes('TopSecret123'), 'no password in the event or the stored case');
  });

  it('on Teams stores the case and sends no event (Teams does not deliver events to people)', async () => {
    const bot = makeTestBot({ channelId: 'msteams', locale: 'de-DE', realHandoff: true, conversationId: 'a:teams-1' });
    await bot.send(TWO_SMTP_CERTIFICATES);
    const replies = await bot.send('mit einem Menschen sprechen');
    assert.equal(replies.filter((reply) => reply.type === 'event').length, 0);
    assert.match(visibleText(replies), /Supportfall #\w+ für Sie angelegt/);
    const open = await bot.cases.openCaseFor('msteams', 'a:teams-1');
    assert.ok(open);
    assert.equal(open.language, 'de');
  });

  it('sends the Dynamics 365 Contact Center escalation (channelData.tags) only when HANDOFF_D365_TAGS is on', async () => {
    const off = makeTestBot({ locale: 'en-US', realHandoff: true, conversationId: 'd365-off' });
    await off.send(TWO_SMTP_CERTIFICATES);
    const without = await off.send('talk to a person');
    assert.ok(!without.some((reply) => (reply.channelData as { tags?: string } | undefined)?.tags));

    const on = makeTestBot({ locale: 'en-US', realHandoff: true, conversationId: 'd365-on', env: { HANDOFF_D365_TAGS: 'true' } });
    await on.send(TWO_SMTP_CERTIFICATES);
    const replies = await on.send('talk to a person');
    const escalation = replies.find((reply) => (reply.channelData as { tags?: string } | undefined)?.tags);
    assert.ok(escalation, 'a message with channelData.tags');
    const command = JSON.parse((escalation.channelData as { tags: string }).tags) as { type: string; context: Record<string, string> };
    assert.equal(command.type, 'Escalate');
    assert.equal(command.context.BotHandoffTopic, 'KB2888788');
    assert.match(command.context.mailflowCaseId, /^[0-9A-Z]{8}$/);
    assert.match(escalation.text ?? '', new RegExp(`case #${command.context.mailflowCaseId}`));
  });
});

describe('language preference (user state)', () => {
  it('a language chosen in one conversation is used in the next one of the same user', async () => {
    const first = makeTestBot({ locale: 'en-US', conversationId: 'conv-a' });
    await first.send('auf Deutsch');
    const second = makeTestBot({ locale: 'en-US', conversationId: 'conv-b', storage: first.storage });
    assert.match(visibleText(await second.send(TWO_SMTP_CERTIFICATES)), /Ursache/);
  });
});
