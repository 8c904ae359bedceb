import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnose, extractFindings, loadKnowledgeBase, render, KnowledgeBaseError } from '../../knowledge';
import { catalogues } from '../../knowledge/render/catalogue';
import { projectRoot } from '../helpers/paths';

const realDir = path.join(projectRoot(), 'knowledge');

/** A copy of the knowledge data in a temp folder, for tests that add or break files. */
function copyKnowledge(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
  for (const sub of ['articles', 'lookalikes']) {
    fs.mkdirSync(path.join(dir, sub));
    for (const f of fs.readdirSync(path.join(realDir, sub))) fs.copyFileSync(path.join(realDir, sub, f), path.join(dir, sub, f));
  }
  return dir;
}

describe('knowledge base', () => {
  it('loads the three articles, bilingual, with steps, commands and questions', () => {
    const kb = loadKnowledgeBase();
    assert.deepEqual(
      kb.articles.map((a) => a.id),
      ['KB2888788', 'KB3212877', 'KB4051495'],
    );
    const connector = kb.articles.find((a) => a.id === 'KB4051495')!;
    assert.ok(
      connector.commands.some((c) => c.template.startsWith('Set-InboundConnector -Identity "{connectorName}" -TlsSenderCertificateName')),
    );
    assert.ok(
      connector.commands.some((c) => c.template.includes('-SenderIPAddresses @{Add="{senderIp}"}')),
      'adds the address instead of replacing the list',
    );
    assert.match(connector.title.de, /Relay Access Denied/);
    assert.ok(connector.checks && connector.checks.length > 0, 'it says how to confirm it when causes stay close');
    assert.equal(
      kb.lookalikes.some((l) => l.reference === 'KB 4051495'),
      false,
      'no longer only a look-alike',
    );
    const relay = kb.articles.find((a) => a.id === 'KB3212877')!;
    assert.ok(relay.steps.length >= 5, 'the certificate export steps in full');
    assert.match(relay.commands[0].template, /Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA/);
    assert.match(relay.title.de, /Relayzugriff verweigert/);
    const hybrid = kb.articles.find((a) => a.id === 'KB2888788')!;
    assert.ok(hybrid.commands.some((c) => c.template.startsWith('Enable-ExchangeCertificate -Thumbprint {untrustedThumbprint}')));
    assert.match(hybrid.scenario.de, /Hybrid/);
    assert.ok(kb.questions.length >= 2);
  });

  it('every option of every question says how to check it, in German and English', () => {
    const kb = loadKnowledgeBase();
    for (const q of kb.questions) {
      for (const o of q.options) {
        assert.ok(o.howToCheck?.en && o.howToCheck.de, `${q.id}=${o.id} lacks howToCheck`);
        assert.notEqual(o.howToCheck.en, o.howToCheck.de, `${q.id}=${o.id}: German is a copy of English`);
      }
    }
  });

  it('KB 2888788 leads with the send connector and never tells anyone to run "-Services None" or an unchecked removal', () => {
    const hybrid = loadKnowledgeBase().articles.find((a) => a.id === 'KB2888788')!;
    assert.equal(hybrid.commands[0].template, 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName');
    const pin = hybrid.commands.findIndex((c) => c.template.includes('Set-SendConnector -TlsCertificateName {trustedTlsCertificateName}'));
    const article = hybrid.commands.findIndex((c) => c.template.startsWith('Enable-ExchangeCertificate -Thumbprint {untrustedThumbprint}'));
    assert.ok(pin >= 0 && article > pin, "the pin comes before the article's own command");
    for (const c of hybrid.commands) {
      assert.doesNotMatch(c.template, /-Services\s+None/i);
      if (c.template.startsWith('Remove-ExchangeCertificate')) assert.match(c.template, /-WhatIf$/);
    }
  });

  it('every catalogue sentence exists in German and English', () => {
    for (const [key, text] of Object.entries({ ...catalogues.strings, ...catalogues.labels })) {
      assert.ok(text.de && text.en, `${key} lacks a language`);
    }
  });

  it('names the file and the field when an article is invalid', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'articles', 'kb3212877.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { cause: { de?: string } };
    delete data.cause.de;
    fs.writeFileSync(file, JSON.stringify(data));
    assert.throws(
      () => loadKnowledgeBase(dir),
      (err: Error) => err instanceof KnowledgeBaseError && /kb3212877\.json: \/cause must have required property 'de'/.test(err.message),
    );
  });

  it('rejects an unknown command placeholder and invalid JSON, naming the file', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'articles', 'kb2888788.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { commands: Array<{ template: string }> };
    data.commands[0].template = 'Get-Thing {nosuchvalue}';
    fs.writeFileSync(file, JSON.stringify(data));
    assert.throws(() => loadKnowledgeBase(dir), /kb2888788\.json: \/commands\/0\/template uses unknown placeholder \{nosuchvalue\}/);
    fs.writeFileSync(file, '{ not json');
    assert.throws(() => loadKnowledgeBase(dir), /kb2888788\.json: not valid JSON/);
  });

  it('rejects a weight outside 0..1 in the look-alikes', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'lookalikes', 'neighbours.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { lookalikes: Array<{ evidence: { supports: Array<{ weight: number }> } }> };
    data.lookalikes[0].evidence.supports[0].weight = 3;
    fs.writeFileSync(file, JSON.stringify(data));
    assert.throws(() => loadKnowledgeBase(dir), /neighbours\.json: \/lookalikes\/0\/evidence\/supports\/0\/weight must be <= 1/);
  });

  it('a fourth article is a data file: the engine finds, matches and renders it unchanged', () => {
    const dir = copyKnowledge();
    const third = JSON.parse(fs.readFileSync(path.join(dir, 'articles', 'kb2888788.json'), 'utf8')) as Record<string, unknown>;
    Object.assign(third, {
      id: 'KB4051498',
      kb: 'KB 4051498',
      url: 'https://support.microsoft.com/help/4051498',
      title: { en: 'Outbound mail is not sent: UnknownCredentials', de: 'Ausgehende E-Mails werden nicht gesendet: UnknownCredentials' },
      commands: [
        {
          id: 'bind',
          label: { en: 'Bind to SMTP', de: 'An SMTP binden' },
          template: 'Enable-ExchangeCertificate -Thumbprint {untrustedThumbprint} -Services SMTP',
        },
      ],
      evidence: { supports: [{ kind: 'tls-error', value: 'unknown-credentials', weight: 0.9 }], excludes: [] },
      questions: [],
    });
    fs.writeFileSync(path.join(dir, 'articles', 'kb4051498.json'), JSON.stringify(third));
    const kb = loadKnowledgeBase(dir);
    const d = diagnose(extractFindings('TLS negotiation failed with error UnknownCredentials').findings, { knowledgeBase: kb });
    assert.equal(d.verdict, 'match');
    assert.equal(d.article, 'KB4051498');
    const reply = render(d, 'de', { knowledgeBase: kb });
    assert.equal(reply.kind === 'match' && reply.title, 'Ausgehende E-Mails werden nicht gesendet: UnknownCredentials');
  });
});
