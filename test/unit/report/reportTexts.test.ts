// The report catalogue through the i18n layer: nl and en have the same keys and every template
// parses; the typed view shows catalogue text (never a bare key); counts choose the word form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { REPORT_LANGS, reportMessages } from '../../../shared/report/reportMessages.js';
import { reportText } from '../../../shared/report/reportTexts.js';
import { reportTextsEn } from '../../../shared/report/reportTexts.en.js';
import { reportTextsNl } from '../../../shared/report/reportTexts.nl.js';

/** Every plain text of the typed view (nested groups included), with its path. */
function plainTexts(v: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof v === 'string') out.push([path, v]);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) plainTexts(x, `${path}.${k}`, out);
  return out;
}

describe('report texts', () => {
  test('catalogues match and parse', () => {
    assert.deepEqual(catalogueProblems('reportTexts', reportTextsNl, reportTextsEn), []);
  });

  test('the typed view shows the catalogue, not keys, in both languages', () => {
    for (const lang of REPORT_LANGS) {
      const texts = plainTexts(reportMessages(lang), '', []).filter(([p]) => p !== '.lang');
      assert.ok(texts.length > 150, `${texts.length} texts`);
      for (const [p, t] of texts) {
        const key = p.slice(1);
        assert.ok(Object.hasOwn(reportTextsNl, key), `${lang}${p} is not a catalogue key`);
        assert.equal(t, reportText(lang, key as keyof typeof reportTextsNl), `${lang}${p}`);
        assert.ok(t.trim() !== '' && !/[{}]/.test(t), `${lang}${p}: '${t}'`);
      }
    }
    assert.equal(reportMessages('nl').sessionTypes.resonance, 'Bepaling resonantiefrequentie');
    assert.equal(reportMessages('en').hints.notScored, 'first 64 s, interruptions and unusable signal');
  });

  test('corrected beats: singular and plural in both languages', () => {
    const nl = reportMessages('nl');
    const en = reportMessages('en');
    assert.match(nl.settingArtifactsText('1', 1), /; 1 slag gecorrigeerd$/);
    assert.match(nl.settingArtifactsText('1.204', 1204), /; 1\.204 slagen gecorrigeerd$/);
    assert.match(en.settingArtifactsText('1', 1), /; 1 beat corrected$/);
    assert.match(en.settingArtifactsText('0', 0), /; 0 beats corrected$/);
  });

  test('questionnaire moments: named, numbered weeks, unknown kept', () => {
    assert.equal(reportMessages('nl').moment('mid'), 'tussenevaluatie');
    assert.equal(reportMessages('en').moment('final'), 'final evaluation');
    assert.equal(reportMessages('nl').moment('week12'), 'week 12');
    assert.equal(reportMessages('en').moment('custom'), 'custom');
  });

  test('parameterised sentences keep their word order per language', () => {
    assert.equal(reportMessages('nl').intervalBlock('3', '2', '1,5'), '3 × (2 min hardlopen, 1,5 min wandelen)');
    assert.equal(reportMessages('en').withheldFootnote('12/01/2025', 'RMSSD', 'too short'), '12/01/2025, RMSSD: withheld — too short');
    assert.equal(reportMessages('nl').generatedOn('3 december 2026'), 'Gemaakt op 3 december 2026');
  });
});
