/**
 * What the catalogue of causes generates (README's cause table, docs/knowledge-base.md's family
 * table, the Teams app's description) is up to date, and follows the catalogue when a cause is added
 * or promoted. When this fails: `npm run docs:causes`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../helpers/paths';
import { familyTable, GENERATED_FILES, readmeCauses, teamsDescription, TEAMS_FULL_DESCRIPTION_MAX } from '../../knowledge/catalogueDocs';
import { loadKnowledgeBase, type Article, type KnowledgeBase } from '../../knowledge/knowledgeBase';

const root = projectRoot();

/** The real catalogue plus a new answer (a copy of KB 4019940 under a new id) and a hint promoted to an answer. */
function grownCatalogue(): KnowledgeBase {
  const kb = loadKnowledgeBase();
  const template = kb.articles.find((a) => a.id === 'kb4019940')!;
  const added: Article = {
    ...template,
    id: 'kb9999999',
    reference: 'KB 9999999',
    kb: 'KB 9999999',
    url: 'https://support.microsoft.com/help/9999999',
    title: { en: 'A brand-new cause (550 5.7.99)', de: 'Eine ganz neue Ursache (550 5.7.99)' },
    evidence: { ...template.evidence, supports: [{ kind: 'smtp-reply', value: '5.7.99', weight: 0.9 }] },
    recognisers: [],
  };
  const hint = kb.lookalikes.find((l) => l.id === 'kerberos-temporary-authentication-failure')!;
  const promoted = {
    ...template,
    ...hint,
    level: 'answer',
    kb: hint.reference,
    url: 'https://learn.microsoft.com/tls',
  } as unknown as Article;
  const causes = [...kb.causes.filter((c) => c.id !== hint.id), added, promoted];
  return {
    ...kb,
    causes,
    articles: causes.filter((c): c is Article => c.level === 'answer'),
    lookalikes: kb.lookalikes.filter((l) => l.id !== hint.id),
  };
}

describe('generated from the catalogue of causes (npm run docs:causes)', () => {
  for (const file of GENERATED_FILES) {
    it(`${file.path} is up to date with the catalogue`, () => {
      const current = fs.readFileSync(path.join(root, file.path), 'utf8');
      assert.equal(current, file.generate(current, loadKnowledgeBase()), `${file.path} is out of date: run npm run docs:causes`);
    });
  }

  it('a new answer and a promoted hint change every generated text (so the check above fails until the generator runs)', () => {
    const grown = grownCatalogue();
    for (const file of GENERATED_FILES) {
      const current = fs.readFileSync(path.join(root, file.path), 'utf8');
      assert.notEqual(file.generate(current, grown), current, `${file.path} does not follow the catalogue`);
    }
    const readme = readmeCauses(grown);
    assert.match(
      readme,
      new RegExp(`^It knows ${loadKnowledgeBase().articles.length + 2} causes in depth`),
      'the new answer and the promoted hint are counted',
    );
    assert.match(
      readme,
      /\| \[KB 9999999\]\(https:\/\/support\.microsoft\.com\/help\/9999999\) \| `kb9999999` \| A brand-new cause \(550 5\.7\.99\) \|/,
    );
    assert.match(
      readme,
      /\| `kerberos-temporary-authentication-failure` \| Kerberos between Exchange servers/,
      'the promoted hint is in the answers table',
    );
    const hints = readme.split('\n').find((l) => l.startsWith('It recognises'))!;
    assert.doesNotMatch(hints, /Kerberos between Exchange servers/, 'and no longer among the hints');
    const family = familyTable(grown);
    assert.match(
      family,
      /\| `kb9999999`: A brand-new cause \(550 5\.7\.99\) \| answer \| `5\.7\.99` \| \[KB 9999999\]\(https:\/\/support\.microsoft\.com\/help\/9999999\) \|/,
    );
    assert.match(teamsDescription('en', grown), /A brand-new cause \(550 5\.7\.99\) \(KB 9999999\)/);
    assert.match(teamsDescription('de', grown), /Eine ganz neue Ursache \(550 5\.7\.99\) \(KB 9999999\)/);
  });

  it('the family table lists every cause with its level, error strings and source with URL', () => {
    const kb = loadKnowledgeBase();
    const rows = familyTable(kb).split('\n').slice(2);
    assert.equal(rows.length, kb.causes.length);
    assert.ok(
      rows.some(
        (r) =>
          r.startsWith('| `kb4019940`: ') &&
          r.includes('| answer | `ATTR36`') &&
          r.includes('(https://support.microsoft.com/help/4019940)'),
      ),
    );
    assert.ok(rows.some((r) => r.startsWith('| `tenant-inbound-attribution`: ') && r.includes('| hint |') && r.includes('`5.7.51`')));
    assert.ok(rows.some((r) => r.startsWith('| `unknown-credentials`: ') && r.includes('[KB 4051498](https://learn.microsoft.com/')));
  });

  it("the Teams description names every answer by title in its language and fits Teams' 4,000 characters, also with a dozen more answers", () => {
    const kb = loadKnowledgeBase();
    for (const language of ['en', 'de'] as const) {
      const description = teamsDescription(language, kb);
      assert.ok(description.length <= TEAMS_FULL_DESCRIPTION_MAX);
      for (const article of kb.articles) assert.ok(description.includes(article.title[language]), `${article.id} in ${language}`);
    }
    assert.match(teamsDescription('de', kb), /Der Assistent erkennt/);
    const many: KnowledgeBase = {
      ...kb,
      articles: Array.from({ length: 40 }, (_, i) => ({ ...kb.articles[0], id: `kb90000${i}`, reference: `KB 90000${i}` })),
    };
    const long = teamsDescription('en', many);
    assert.ok(long.length <= TEAMS_FULL_DESCRIPTION_MAX, String(long.length));
    assert.match(long, /KB 9000039/);
  });
});
