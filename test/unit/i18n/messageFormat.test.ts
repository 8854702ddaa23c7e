// The one message layer (shared/i18n): ICU plurals and selects per language, nl-NL/en-GB numbers
// and dates, typed dates in the app's language, and catalogues that do not match or do not parse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueProblems, keyDifference } from '../../../shared/i18n/catalogue.js';
import { parseDateInput, formatDateInput } from '../../../shared/i18n/dateInput.js';
import { makeFmt } from '../../../shared/i18n/formatters.js';
import { createTranslator, formatTemplate } from '../../../shared/i18n/messageFormat.js';
import { loadUiCatalogues } from '../../support/uiCatalogues.js';

const { nl, en } = await loadUiCatalogues();

describe('message layer', () => {
  test('plurals follow each language', () => {
    const t = createTranslator({ nl: { k: '{n, plural, one {# sessie} other {# sessies}}' }, en: { k: '{n, plural, one {# session} other {# sessions}}' } });
    assert.equal(t('nl', 'k', { n: 0 }), '0 sessies');
    assert.equal(t('nl', 'k', { n: 1 }), '1 sessie');
    assert.equal(t('nl', 'k', { n: 2 }), '2 sessies');
    assert.equal(t('en', 'k', { n: 1 }), '1 session');
    assert.equal(t('en', 'k', { n: 1500 }), '1,500 sessions');
    assert.equal(t('nl', 'k', { n: 1500 }), '1.500 sessies');
  });

  test('the UI catalogue: session counts are plural, not "sessie(s)"', () => {
    const t = createTranslator({ nl, en });
    assert.equal(t('nl', 'clients.sessionCount', { n: 1 }), '1 sessie');
    assert.equal(t('nl', 'clients.sessionCount', { n: 3 }), '3 sessies');
    assert.equal(t('en', 'clients.sessionCount', { n: 1 }), '1 session');
    assert.equal(
      t('nl', 'rec.report.contains', { sessions: 1, questionnaires: 2, runs: 0, goals: 1 }),
      '1 sessie, 2 vragenlijsten, 0 trainingen, 1 doel',
    );
  });

  test('select, number arguments and placeholders', () => {
    assert.equal(formatTemplate('nl', '{rate, number} ademhalingen/min', { rate: 6.5 }), '6,5 ademhalingen/min');
    assert.equal(formatTemplate('en', '{rate, number} breaths/min', { rate: 6.5 }), '6.5 breaths/min');
    assert.equal(formatTemplate('nl', '{g, select, a {alpha} other {rest}}', { g: 'a' }), 'alpha');
    assert.equal(formatTemplate('nl', 'Hallo <b>{name}</b>', { name: 'Anna' }), 'Hallo <b>Anna</b>');
  });

  test('a key missing in English falls back to Dutch, an unknown key to itself; missing arguments never throw', () => {
    const t = createTranslator<'a' | 'b'>({ nl: { a: 'één', b: 'twee {x}' }, en: { a: 'one' } as Record<'a' | 'b', string> });
    assert.equal(t('en', 'b', { x: 1 }), 'twee 1');
    assert.equal(t('en', 'c' as 'a'), 'c');
    assert.equal(typeof t('nl', 'b'), 'string');
  });

  test('nl number and date formats', () => {
    const f = makeFmt('nl');
    assert.equal(f.num(6.5, 1), '6,5');
    assert.equal(f.num(12345.678, 2), '12.345,68');
    assert.equal(makeFmt('en').num(12345.678, 2), '12,345.68');
    assert.equal(f.num(null), '–');
    assert.match(f.date('2026-12-03'), /^3 dec\.? 2026$/);
    assert.match(makeFmt('en').date('2026-12-03'), /^3 Dec 2026$/);
    assert.equal(f.duration(3725), '1:02:05');
  });

  test('typed dates: dd-mm-jjjj in Dutch, dd/mm/yyyy in English, ISO inside', () => {
    assert.equal(formatDateInput('nl', '2026-03-09'), '09-03-2026');
    assert.equal(formatDateInput('en', '2026-03-09'), '09/03/2026');
    assert.equal(parseDateInput('9-3-2026'), '2026-03-09');
    assert.equal(parseDateInput('09/03/2026'), '2026-03-09');
    assert.equal(parseDateInput('2026-03-09'), '2026-03-09');
    assert.equal(parseDateInput(''), '');
    assert.equal(parseDateInput('31-02-2026'), null);
    assert.equal(parseDateInput('29-02-2024'), '2024-02-29');
    assert.equal(parseDateInput('03/09'), null);
  });

  test('missing keys and broken templates are found', () => {
    assert.deepEqual(keyDifference({ a: '1', b: '2' }, { a: '1', c: '3' }), { missing: ['b'], extra: ['c'] });
    const problems = catalogueProblems('x', { a: '{n, plural, one {# a}}', b: 'ok' }, { a: 'fine', c: 'extra' });
    assert.ok(problems.some((p) => p.includes("en lacks 'b'")));
    assert.ok(problems.some((p) => p.includes("en has extra 'c'")));
    assert.ok(problems.some((p) => p.includes("x.nl: 'a' is not valid")), problems.join('\n'));
  });

  test('the UI catalogues match and every template parses', () => {
    assert.deepEqual(catalogueProblems('ui', nl, en), []);
  });
});
