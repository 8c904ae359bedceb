/** The real handoff plumbing: stored request, handoff.initiate event with transcript, none on Teams. */
import { strict as assert } from 'assert';
import { handoffStorageKey } from '../../bot/handoff';
import { INTERNAL_THUMBPRINT, TWO_SMTP_CERTIFICATES } from './helpers/samples';
import { makeTestBot, visibleText } from './helpers/testBot';

describe('handoff (Bot Framework protocol)', () => {
  it('sends handoff.initiate with the case summary and transcript, and stores the request', async () => {
    const bot = makeTestBot({ locale: 'en-US', realHandoff: true, conversationId: 'webchat-42' });
    await bot.send(`${TWO_SMTP_CERTIFICATES}\npassword=TopSecret123`);
    const replies = await bot.send({ value: { action: 'handoff' } });
    const event = replies.find((reply) => reply.type === 'event');
    assert.ok(event, 'an event activity');
    assert.equal(event.name, 'handoff.initiate');
    const summary = event.value as { article: string; findings: Array<{ excerpt: string }>; language: string };
    assert.equal(summary.article, 'KB2888788');
    assert.equal(summary.language, 'en');
    assert.ok(summary.findings.some((finding) => finding.excerpt.includes(INTERNAL_THUMBPRINT)));
    const transcript = event.attachments?.[0];
    assert.equal(transcript?.name, 'Transcript');
    const activities = (transcript?.content as { activities: Array<{ text: string }> }).activities;
    assert.ok(activities.length >= 2);
    assert.match(visibleText(replies), /recorded a support request for a person from support/);
    const everything = JSON.stringify(replies) + JSON.stringify(await bot.storage.read([handoffStorageKey('emulator', 'webchat-42')]));
    assert.ok(everything.includes('KB2888788'), 'request stored');
    assert.ok(!everything.includes('TopSecret123'), 'no password in the event or the stored request');
  });

  it('on Teams stores the request and sends no event (Teams does not deliver events to people)', async () => {
    const bot = makeTestBot({ channelId: 'msteams', locale: 'de-DE', realHandoff: true, conversationId: 'a:teams-1' });
    await bot.send(TWO_SMTP_CERTIFICATES);
    const replies = await bot.send('mit einem Menschen sprechen');
    assert.equal(replies.filter((reply) => reply.type === 'event').length, 0);
    assert.match(visibleText(replies), /Supportanfrage für einen Menschen aus dem Support angelegt/);
    const stored = await bot.storage.read([handoffStorageKey('msteams', 'a:teams-1')]);
    assert.equal(Object.keys(stored).length, 1);
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
