// Questionnaire score validation: ranges per instrument, whole numbers, required and unknown scales.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  isQuestionnaireMoment,
  QUESTIONNAIRE_SCALES,
  validateQuestionnaire,
  validateQuestionnaireEntry,
} from '../../../shared/domain/validateQuestionnaire.js';
import type { Instrument } from '../../../shared/domain/types.js';

const NOW = new Date(2025, 5, 15, 12, 0, 0); // 15 June 2025, local time

function full(instrument: Instrument, pick: 'min' | 'max'): Record<string, number> {
  return Object.fromEntries(QUESTIONNAIRE_SCALES[instrument].map((s) => [s.key, s[pick]]));
}

describe('validateQuestionnaire', () => {
  test('published ranges', () => {
    const ranges = Object.fromEntries(
      Object.entries(QUESTIONNAIRE_SCALES).map(([k, v]) => [k, v.map((s) => `${s.key} ${s.min}-${s.max}`)]),
    );
    assert.deepEqual(ranges, {
      '4dkl': ['distress 0-32', 'depression 0-12', 'anxiety 0-24', 'somatisation 0-32'],
      mvi: ['generalFatigue 4-20', 'physicalFatigue 4-20', 'reducedActivity 4-20', 'reducedMotivation 4-20', 'mentalFatigue 4-20'],
      nq: ['total 0-64'],
    });
  });

  for (const instrument of ['4dkl', 'mvi', 'nq'] as const) {
    test(`${instrument}: the range limits are accepted, one beyond each limit is rejected`, () => {
      for (const pick of ['min', 'max'] as const) {
        const r = validateQuestionnaire(instrument, full(instrument, pick));
        assert.ok(r.ok, JSON.stringify(r));
        assert.deepEqual(r.value, full(instrument, pick));
      }
      for (const scale of QUESTIONNAIRE_SCALES[instrument]) {
        for (const bad of [scale.min - 1, scale.max + 1]) {
          const r = validateQuestionnaire(instrument, { ...full(instrument, 'min'), [scale.key]: bad });
          assert.equal(r.ok, false);
          if (!r.ok) {
            assert.equal(r.errors.length, 1);
            assert.match(r.errors[0], new RegExp(`must be between ${scale.min} and ${scale.max} \\(got ${bad}\\)`));
            assert.deepEqual(r.issues[0].field, `${instrument}.${String(scale.key)}`);
          }
        }
      }
    });
  }

  test('4DKL: all four scales required, whole numbers only, unknown keys reported', () => {
    const r = validateQuestionnaire('4dkl', { distress: 10.5, depression: '3', anxiety: 2, extra: 1 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors, [
      '4DKL distress must be a whole number (got 10.5).',
      '4DKL depression must be a number (got "3").',
      '4DKL somatisation is required.',
      'extra is not a score of the 4DKL; expected distress, depression, anxiety, somatisation.',
    ]);
  });

  test('MVI scale names in messages', () => {
    const r = validateQuestionnaire('mvi', { ...full('mvi', 'min'), mentalFatigue: 3 });
    assert.ok(!r.ok && r.errors[0] === 'MVI mental fatigue must be between 4 and 20 (got 3).');
  });

  test('unknown instrument and non-object scores', () => {
    const a = validateQuestionnaire('phq9', { total: 3 });
    assert.ok(!a.ok && a.errors[0] === 'Unknown questionnaire "phq9"; expected one of 4dkl, mvi, nq.');
    const b = validateQuestionnaire('nq', [1, 2]);
    assert.ok(!b.ok && b.errors[0] === 'Scores must be an object (got a list).');
    const c = validateQuestionnaire('nq', { total: Number.NaN });
    assert.ok(!c.ok && /must be a number/.test(c.errors[0]));
  });
});

describe('validateQuestionnaireEntry', () => {
  const ok = { clientId: 1, instrument: 'nq', moment: 'week3', date: '2025-06-15', scores: { total: 20 } };

  test('a valid entry, dated today', () => {
    const r = validateQuestionnaireEntry(ok, NOW);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value, { ...ok, courseId: null, notes: '' });
  });

  test('future, impossible and badly written dates', () => {
    const future = validateQuestionnaireEntry({ ...ok, date: '2025-06-16' }, NOW);
    assert.ok(!future.ok && future.errors[0] === 'Date cannot be in the future (2025-06-16 is after today, 2025-06-15).');
    for (const date of ['2025-02-29', '2025-13-01', '15-06-2025', '2025-6-1', '']) {
      const r = validateQuestionnaireEntry({ ...ok, date }, NOW);
      assert.equal(r.ok, false, date);
    }
    const early = validateQuestionnaireEntry({ ...ok, date: '1899-12-31' }, NOW);
    assert.ok(!early.ok && /cannot be before 1900-01-01/.test(early.errors[0]));
  });

  test('moments: named, weekN, anything else rejected', () => {
    for (const m of ['intake', 'week3', 'week6', 'mid', 'final', 'week12', 'followup', 'other']) assert.ok(isQuestionnaireMoment(m), m);
    for (const m of ['week0', 'Week3', 'later', '', 3]) assert.equal(isQuestionnaireMoment(m), false, String(m));
    const r = validateQuestionnaireEntry({ ...ok, moment: 'later' }, NOW);
    assert.ok(!r.ok && /Moment must be one of intake, week3/.test(r.errors[0]));
  });

  test('all problems at once, client id required', () => {
    const r = validateQuestionnaireEntry({ instrument: 'mvi', scores: {} }, NOW);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.errors.length, 1 + 1 + 1 + 5); // client, moment, date, five scales
      assert.equal(r.errors[0], 'Client is required.');
    }
  });
});
