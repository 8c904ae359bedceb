/**
 * Two bot instances on one Azure storage account (Azurite), no session affinity: the turns of
 * one conversation arrive at both at the same time (two uploads, two pastes), as a round-robin
 * load balancer would deliver them. Nothing is lost (both certificates, every finding, one
 * chain from both files), every turn is answered once, and an agent's claim is won once.
 */
import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { AzureBlobStateStorage } from '../../bot/store/azureBlobStateStorage';
import { normaliseCase } from '../../dialogs/caseState';
import { makeCertificates, type TestCertificates } from '../bot/helpers/certificates';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { silentLogger } from '../bot/helpers/testBot';
import { uniqueStoreName, useAzurite } from '../helpers/azurite';
import { type ReplyCollector, startReplyCollector } from '../helpers/replyCollector';
import { pemAttachment } from '../helpers/inlineAttachment';

const CONVERSATIONS = 3;

/** The same 5.7.64 NDR from another server: the same article (a paste pointing to another one would start a new case by design). */
const ndrFrom = (server: string) => NDR_5_7_64_EN.replace('SMTP01', server);

describe('two instances without session affinity (Azure Blob + Table on Azurite)', function () {
  this.timeout(120_000);
  const azurite = useAzurite();
  let container: string;
  let table: string;
  let instances: BotApp[] = [];
  let collector: ReplyCollector;
  let certs: TestCertificates;
  let nextId = 1;

  before(async () => {
    container = uniqueStoreName('state');
    table = uniqueStoreName('cases');
    certs = await makeCertificates('relay.woodgrove.com');
    collector = await startReplyCollector();
    const config = loadConfig({
      PORT: '0',
      BLOB_STORAGE_CONNECTION_STRING: azurite.connectionString,
      BLOB_STORAGE_CONTAINER: container,
      CASES_TABLE: table,
    });
    instances = [
      await startServer(config, { host: '127.0.0.1', logger: silentLogger }),
      await startServer(config, { host: '127.0.0.1', logger: silentLogger }),
    ];
  });

  after(async () => {
    for (const instance of instances) await instance.close();
    await collector?.close();
    // Azurite and its folder go away with the file's own after hook.
  });

  async function send(instance: BotApp, conversation: string, activity: Partial<Activity>): Promise<string> {
    const id = `act-${nextId++}`;
    const response = await fetch(`${instance.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id,
        channelId: 'webchat',
        serviceUrl: collector.url,
        from: { id: `user-${conversation}`, name: 'Admin', role: 'user' },
        recipient: { id: 'bot', name: 'Bot', role: 'bot' },
        conversation: { id: conversation },
        locale: 'en-US',
        timestamp: new Date().toISOString(),
        ...activity,
      }),
    });
    assert.ok(response.status >= 200 && response.status < 300, `HTTP ${response.status}`);
    return id;
  }

  it('parallel uploads and pastes of one conversation on two instances: nothing lost, nothing said twice', async () => {
    const [a, b] = instances;
    const sent: string[] = [];
    for (let c = 0; c < CONVERSATIONS; c++) {
      const conversation = `two-instances-${c}`;
      sent.push(
        ...(await Promise.all([
          send(a, conversation, { attachments: [pemAttachment('leaf.pem', certs.leafPem)] }),
          send(b, conversation, { attachments: [pemAttachment('ca.pem', certs.caPem)] }),
        ])),
      );
      sent.push(
        ...(await Promise.all([send(b, conversation, { text: ndrFrom('SMTP21') }), send(a, conversation, { text: ndrFrom('SMTP22') })])),
      );
    }

    const state = new AzureBlobStateStorage(azurite.connectionString, container);
    for (let c = 0; c < CONVERSATIONS; c++) {
      const key = `webchat/conversations/two-instances-${c}/`;
      const stored = normaliseCase(((await state.read([key]))[key] as { case?: unknown } | undefined)?.case);
      assert.deepEqual(
        stored.certificateFiles.map((file) => file.name).sort(),
        ['ca.pem', 'leaf.pem'],
        `conversation ${c}: both uploads kept`,
      );
      assert.equal(stored.certificateReports.length, 2, `conversation ${c}: both certificates analysed together`);
      assert.ok(
        stored.textFindings.some((finding) => finding.value.includes('5.7.64')),
        `conversation ${c}: the NDR finding`,
      );
      for (const server of ['SMTP21', 'SMTP22']) {
        assert.ok(
          stored.textFindings.some((finding) => finding.excerpt.includes(server)),
          `conversation ${c}: the finding of the paste from ${server}`,
        );
      }
      // The uploads are in the transcript as "[Uploaded: ...]" lines (the agent sees them); the pastes are the other user lines.
      const userLines = stored.transcript.filter((line) => line.from === 'user');
      assert.equal(
        userLines.filter((line) => !/^\[(Uploaded|Hochgeladen): /.test(line.text)).length,
        2,
        `conversation ${c}: both pastes in the transcript`,
      );
      assert.equal(userLines.length, 4, `conversation ${c}: both uploads in the transcript too`);
    }

    for (const id of sent) {
      const replies = collector.repliesTo(id).filter((reply) => reply.type === 'message');
      assert.ok(replies.length > 0, `turn ${id} was answered`);
      const contents = replies.map((reply) => JSON.stringify({ text: reply.text, attachments: reply.attachments }));
      assert.equal(new Set(contents).size, contents.length, `turn ${id}: no reply sent twice`);
    }
  });

  it('an agent claim is won once, whichever instance serves it', async () => {
    const [a, b] = instances;
    const created = await a.storage.cases!.create({
      channelId: 'webchat',
      conversationId: 'two-instances-claim',
      conversationReference: {},
      language: 'en',
      summary: {},
      transcript: [],
      details: {},
    });
    const results = await Promise.all([
      a.storage.cases!.claim(created.id, { id: 'alice', name: 'Alice' }),
      b.storage.cases!.claim(created.id, { id: 'bob', name: 'Bob' }),
    ]);
    assert.equal(results.filter((result) => result.ok).length, 1);
  });

  it('both instances are ready', async () => {
    for (const instance of instances) assert.equal((await fetch(`${instance.url}/readyz`)).status, 200);
  });
});
