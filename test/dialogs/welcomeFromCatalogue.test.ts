/** The welcome lists the catalogue's causes at run time (answers by title, hints as "also recognised"), in both languages. */
import { strict as assert } from 'node:assert';
import { buildWelcomeCard } from '../../dialogs/cards/welcomeCard';
import { de } from '../../dialogs/locales/de';
import { en } from '../../dialogs/locales/en';
import { loadKnowledgeBase } from '../../knowledge';

function allText(value: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if ((key === 'text' || key === 'title') && typeof child === 'string') parts.push(child);
      else walk(child);
    }
  };
  walk(value);
  return parts.join('\n');
}

describe('welcome from the catalogue of causes', () => {
  const kb = loadKnowledgeBase();
  for (const language of ['en', 'de'] as const) {
    it(`names every answer by reference and title and every hint behind "also recognised" (${language})`, () => {
      const card = buildWelcomeCard(language);
      const text = allText(card);
      for (const a of kb.articles) assert.ok(text.includes(`- ${a.reference}: ${a.title[language]}`), `${a.id}:\n${text}`);
      for (const h of kb.lookalikes) assert.ok(text.includes(h.title[language]), `${h.id}:\n${text}`);
      const toggle = language === 'de' ? `Außerdem erkannt (${kb.lookalikes.length})` : `Also recognised (${kb.lookalikes.length})`;
      assert.ok(text.includes(toggle), text);
      // The hints are behind the toggle, not on the first screen.
      const hidden = JSON.stringify(card).indexOf('"isVisible":false');
      assert.ok(hidden > 0 && JSON.stringify(card).indexOf(kb.lookalikes[0].title[language].replace(/"/g, '\\"')) > hidden);
    });
  }

  it('the German welcome shows the German titles, the English one the English titles', () => {
    const german = allText(buildWelcomeCard('de'));
    for (const a of kb.articles) if (a.title.en !== a.title.de) assert.ok(!german.includes(a.title.en), a.id);
    assert.match(german, /Ich helfe/);
  });

  it('the UI strings no longer list causes by hand (adding a cause does not touch them)', () => {
    for (const strings of [en, de]) {
      const body = strings['welcome.body'];
      assert.ok(body.includes('{answers}'));
      assert.doesNotMatch(body, /KB \d{7}|5\.7\.64|ATTR36/);
    }
  });
});
