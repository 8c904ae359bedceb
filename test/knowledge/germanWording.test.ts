/**
 * German as Microsoft writes it, in every German sentence the user can see: the catalogues of the
 * knowledge core (articles, look-alikes, render strings, finding labels, certificate messages) and
 * the bot's UI strings.
 */
import { strict as assert } from 'node:assert';
import { loadKnowledgeBase } from '../../knowledge';
import { catalogues } from '../../knowledge/render/catalogue';
import { catalogue as certificateCatalogue } from '../../knowledge/certificates';
import { de } from '../../dialogs/locales/de';

/** Every German string of a data structure, with where it sits. */
function germanTexts(
  value: unknown,
  where: string,
  out: Array<{ where: string; text: string }> = [],
): Array<{ where: string; text: string }> {
  if (Array.isArray(value)) value.forEach((v, i) => germanTexts(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'de' && typeof v === 'string') out.push({ where, text: v });
      else germanTexts(v, `${where}.${key}`, out);
    }
  }
  return out;
}

function allGerman(): Array<{ where: string; text: string }> {
  const kb = loadKnowledgeBase();
  return [
    ...germanTexts(kb.articles, 'articles'),
    ...germanTexts(kb.lookalikes, 'lookalikes'),
    ...germanTexts(catalogues.strings, 'strings.json'),
    ...germanTexts(catalogues.labels, 'findingLabels.json'),
    ...germanTexts(certificateCatalogue, 'certificates/catalogue'),
    ...Object.entries(de).map(([key, text]) => ({ where: `dialogs/locales/de.ts ${key}`, text })),
  ];
}

describe('German wording', () => {
  const texts = allGerman();

  it('has German text to check', () => assert.ok(texts.length > 200, String(texts.length)));

  it('calls the Hybrid Configuration Wizard "Assistent für die Hybridkonfiguration"', () => {
    const wrong = texts.filter(({ text }) => /Hybrid-?Konfigurations-?assistent|Hybrid Configuration Wizard|\bHCW\b/i.test(text));
    assert.deepEqual(
      wrong.map((w) => `${w.where}: ${w.text.slice(0, 120)}`),
      [],
    );
    assert.ok(texts.some(({ text }) => text.includes('Assistenten für die Hybridkonfiguration')));
  });

  it('says "Stammzertifizierungsstelle", not a bare "Stamm"', () => {
    const wrong = texts.filter(({ text }) => /\bStamms?\b(?!-)/.test(text));
    assert.deepEqual(
      wrong.map((w) => `${w.where}: ${w.text.slice(0, 120)}`),
      [],
    );
  });

  it('writes words out: no abbreviations such as "Zwischenzert.", "bzw." or "z. B."', () => {
    const abbreviation = /\b(?:Zwischenzert|Zert|bzw|ggf|evtl|usw|inkl|vgl|ca|Nr|z\.\s?B|d\.\s?h|u\.\s?a)\.(?=\s|$|\))/;
    const wrong = texts.filter(({ text }) => abbreviation.test(text));
    assert.deepEqual(
      wrong.map((w) => `${w.where}: ${w.text.slice(0, 120)}`),
      [],
    );
  });

  it('says "Trefferwahrscheinlichkeit" for confidence, never "Sicherheit" or "Konfidenz" (in a TLS tool "Sicherheit" reads as "security")', () => {
    const wrong = texts.filter(({ text }) => /\bSicherheit\b|Konfidenz/.test(text));
    assert.deepEqual(
      wrong.map((w) => `${w.where}: ${w.text.slice(0, 120)}`),
      [],
    );
    assert.match(de['card.confidence'], /^Trefferwahrscheinlichkeit: \{percent\} %$/);
    assert.match(catalogues.strings['notice.lowConfidence'].de, /Trefferwahrscheinlichkeit \{confidence\} %/);
  });
});
