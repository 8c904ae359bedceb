import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnose, extractFindings, loadKnowledgeBase, render, KnowledgeBaseError } from '../../knowledge';
import { catalogues } from '../../knowledge/render/catalogue';
import { projectRoot } from '../helpers/paths';

const realDir = path.join(projectRoot(), 'knowledge');

/** A copy of the catalogue (knowledge/causes) in a temp folder, for tests that add or break causes. */
function copyKnowledge(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
  fs.cpSync(path.join(realDir, 'causes'), path.join(dir, 'causes'), { recursive: true });
  return dir;
}

function readCause(dir: string, folder: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, 'causes', folder, 'cause.json'), 'utf8')) as Record<string, unknown>;
}

describe('knowledge base', () => {
  it('loads the answers (the four articles and the TLS family), bilingual, with steps, commands and questions, and the hints', () => {
    const kb = loadKnowledgeBase();
    const answers = kb.articles.map((a) => a.id);
    for (const id of ['kb2888788', 'kb3212877', 'kb4019940', 'kb4051495', 'no-credentials'])
      assert.ok(answers.includes(id), `${id} is an answer`);
    assert.ok(kb.lookalikes.length >= 3, 'the hints are causes of level hint');
    assert.ok(
      kb.causes.every((c) => c.level === 'answer' || !kb.articles.some((a) => a.reference === c.reference && c.reference)),
      'no hint duplicates an answer',
    );
    const connector = kb.articles.find((a) => a.id === 'kb4051495')!;
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
    const relay = kb.articles.find((a) => a.id === 'kb3212877')!;
    assert.ok(relay.steps.length >= 5, 'the certificate export steps in full');
    assert.match(relay.commands[0].template, /Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA/);
    assert.match(relay.title.de, /Relayzugriff verweigert/);
    const hybrid = kb.articles.find((a) => a.id === 'kb2888788')!;
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
    const hybrid = loadKnowledgeBase().articles.find((a) => a.id === 'kb2888788')!;
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

  it('names the file and the field when a cause is invalid', () => {
    const dir = copyKnowledge();
    const data = readCause(dir, 'kb3212877') as { cause: { de?: string } };
    delete data.cause.de;
    fs.writeFileSync(path.join(dir, 'causes', 'kb3212877', 'cause.json'), JSON.stringify(data));
    assert.throws(
      () => loadKnowledgeBase(dir),
      (err: Error) =>
        err instanceof KnowledgeBaseError && /kb3212877\/cause\.json: \/cause must have required property 'de'/.test(err.message),
    );
  });

  it('rejects an unknown command placeholder and invalid JSON, naming the file', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'causes', 'kb2888788', 'cause.json');
    const data = readCause(dir, 'kb2888788') as { commands: Array<{ template: string }> };
    data.commands[0].template = 'Get-Thing {nosuchvalue}';
    fs.writeFileSync(file, JSON.stringify(data));
    assert.throws(() => loadKnowledgeBase(dir), /kb2888788\/cause\.json: \/commands\/0\/template uses unknown placeholder \{nosuchvalue\}/);
    fs.writeFileSync(file, '{ not json');
    assert.throws(() => loadKnowledgeBase(dir), /kb2888788\/cause\.json: not valid JSON/);
  });

  it('rejects a weight outside 0..1 in a hint', () => {
    const dir = copyKnowledge();
    const data = readCause(dir, 'unknown-credentials') as { evidence: { supports: Array<{ weight: number }> } };
    data.evidence.supports[0].weight = 3;
    fs.writeFileSync(path.join(dir, 'causes', 'unknown-credentials', 'cause.json'), JSON.stringify(data));
    assert.throws(() => loadKnowledgeBase(dir), /unknown-credentials\/cause\.json: \/evidence\/supports\/0\/weight must be <= 1/);
  });

  it('a cause that weighs an unknown finding kind fails to load, naming the file and the kind', () => {
    for (const [folder, at] of [
      ['kb3212877', 'supports'],
      ['tls-version', 'supports'],
      ['kb4051495', 'excludes'],
    ] as const) {
      const dir = copyKnowledge();
      const data = readCause(dir, folder) as { evidence: Record<string, Array<{ kind: string }>> };
      data.evidence[at][0].kind = 'chain-eror';
      fs.writeFileSync(path.join(dir, 'causes', folder, 'cause.json'), JSON.stringify(data));
      assert.throws(
        () => loadKnowledgeBase(dir),
        (err: Error) =>
          err instanceof KnowledgeBaseError &&
          err.message.startsWith(`${folder}/cause.json: /evidence/${at}/0/kind names the unknown finding kind 'chain-eror'`),
      );
    }
  });

  it('a new cause is one folder: a copy of KB 4019940 under a new id and error code is found, matched and rendered', () => {
    const dir = copyKnowledge();
    const folder = path.join(dir, 'causes', 'kb9999999');
    fs.mkdirSync(folder);
    const text = fs
      .readFileSync(path.join(realDir, 'causes', 'kb4019940', 'cause.json'), 'utf8')
      .replaceAll('KB4019940', 'KB9999999')
      .replaceAll('KB 4019940', 'KB 9999999')
      .replaceAll('help/4019940', 'help/9999999')
      .replaceAll('ATTR36', 'ATTR99')
      .replaceAll('"attr36"', '"attr99"');
    fs.writeFileSync(path.join(folder, 'cause.json'), text);
    // Its values code: the compiled values.ts of the copied cause, its imports pointing at the project's build.
    const compiled = path.join(__dirname, '..', '..', 'knowledge', 'causes', 'kb4019940', 'values.js');
    const helpers = path.join(__dirname, '..', '..', 'knowledge', 'render');
    fs.writeFileSync(
      path.join(folder, 'values.js'),
      fs.readFileSync(compiled, 'utf8').replaceAll('"../../render/', JSON.stringify(helpers + '/').slice(0, -1)),
    );
    const before = new Map(
      fs.readdirSync(path.join(realDir, 'causes')).map((f) => [f, fs.statSync(path.join(realDir, 'causes', f)).mtimeMs]),
    );

    const kb = loadKnowledgeBase(dir);
    assert.ok(kb.articles.some((a) => a.id === 'kb9999999'));
    const paste =
      "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied ATTR99'\nTlsSenderCertificateName : mail.fabrikam.net";
    const d = diagnose(extractFindings(paste, { knowledgeBase: kb }).findings, { knowledgeBase: kb });
    assert.equal(d.verdict, 'match', JSON.stringify(d.candidates));
    assert.equal(d.article, 'KB9999999');
    for (const language of ['en', 'de'] as const) {
      const reply = render(d, language, { knowledgeBase: kb });
      assert.ok(reply.kind === 'match' && reply.cause.includes('fabrikam.net'), JSON.stringify(reply));
    }
    // The real catalogue does not know the new code: it stays a bare 5.7.64.
    assert.notEqual(diagnose(extractFindings(paste).findings).article, 'KB9999999');
    const after = new Map(
      fs.readdirSync(path.join(realDir, 'causes')).map((f) => [f, fs.statSync(path.join(realDir, 'causes', f)).mtimeMs]),
    );
    assert.deepEqual(after, before, 'nothing outside the new folder changed');
  });
});
