// Item entry of the 4DKL, MVI and Nijmegen questionnaire: published keys, worked by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { FOUR_DKL_KEY, ITEM_KEYS, MVI_KEY, scoreItemAnswers, scoreItems, validateItems } from '../../../shared/domain/questionnaireItems.js';
import { cutoffLevel, cutoffText } from '../../../shared/domain/questionnaireCutoffs.js';
import { validateQuestionnaireEntry, QUESTIONNAIRE_SCALES } from '../../../shared/domain/validateQuestionnaire.js';
import { issueMessage } from '../../../shared/domain/validationResult.js';
import type { Instrument } from '../../../shared/domain/types.js';

/** Answers with `fill` everywhere and the given item → answer pairs (item numbers 1-based). */
function answers(n: number, fill: number, set: Record<number, number> = {}): number[] {
  const a = Array.from({ length: n }, () => fill);
  for (const [item, v] of Object.entries(set)) a[Number(item) - 1] = v;
  return a;
}

describe('item keys', () => {
  test('every item belongs to exactly one scale, and the scale sizes give the published ranges', () => {
    for (const instrument of Object.keys(ITEM_KEYS) as Instrument[]) {
      const key = ITEM_KEYS[instrument];
      const all = Object.values(key.scales as Record<string, readonly number[]>).flat().sort((a, b) => a - b);
      assert.deepEqual(all, Array.from({ length: key.items }, (_, i) => i + 1), `${instrument}: items 1..${key.items} once each`);
      for (const sc of QUESTIONNAIRE_SCALES[instrument]) {
        const n = (key.scales as Record<string, readonly number[]>)[sc.key as string]!.length;
        const lo = key.points(key.minAnswer) * n;
        const hi = key.points(key.maxAnswer) * n;
        assert.deepEqual([Math.min(lo, hi), Math.max(lo, hi)], [sc.min, sc.max], `${instrument}.${String(sc.key)}`);
      }
    }
    assert.deepEqual(MVI_KEY.reversed, [2, 5, 9, 10, 13, 14, 16, 17, 18, 19]);
  });

  test('4DKL: the published scale sizes (16/6/12/16) and ranges (0–32/0–12/0–24/0–32), and the sourced items', () => {
    const sizes = Object.fromEntries(Object.entries(FOUR_DKL_KEY.scales).map(([k, v]) => [k, (v as readonly number[]).length]));
    assert.deepEqual(sizes, { distress: 16, depression: 6, anxiety: 12, somatisation: 16 });
    const ranges = Object.fromEntries(QUESTIONNAIRE_SCALES['4dkl'].map((sc) => [sc.key, [sc.min, sc.max]]));
    assert.deepEqual(ranges, { distress: [0, 32], depression: [0, 12], anxiety: [0, 24], somatisation: [0, 32] });
    assert.deepEqual(scoreItems('4dkl', answers(50, 0)), { distress: 0, depression: 0, anxiety: 0, somatisation: 0 });
    assert.deepEqual(scoreItems('4dkl', answers(50, 4)), { distress: 32, depression: 12, anxiety: 24, somatisation: 32 });
    // Terluin et al. 2014 (BMC Psychiatry 14:121), the anxiety scale's twelve items.
    assert.deepEqual([...FOUR_DKL_KEY.scales.anxiety].sort((a, b) => a - b), [18, 21, 23, 24, 27, 40, 42, 43, 44, 45, 49, 50]);
    // Terluin et al. 2006 (BMC Psychiatry 6:34), Table 1, items 17–38 (1–16 are somatisation).
    const upTo38 = (items: readonly number[]): number[] => items.filter((i) => i <= 38);
    assert.deepEqual(upTo38(FOUR_DKL_KEY.scales.distress), [17, 19, 20, 22, 25, 26, 29, 31, 32, 36, 37, 38]);
    assert.deepEqual(upTo38(FOUR_DKL_KEY.scales.depression), [28, 30, 33, 34, 35]);
    assert.deepEqual(FOUR_DKL_KEY.scales.depression, [28, 30, 33, 34, 35, 46]);
  });
});

describe('4DKL scoring (0/1/2/2/2)', () => {
  test('a hand-worked example: "vaak" and "zeer vaak" count as 2', () => {
    // somatisation: item 1 zeer vaak (2) + item 2 soms (1) = 3
    // distress: 17 vaak (2) + 19 regelmatig (2) + 48 soms (1) = 5
    // depression: 28 soms (1) + 46 zeer vaak (2) = 3
    // anxiety: 18 regelmatig (2) + 42 soms (1) + 50 vaak (2) = 5
    const a = answers(50, 0, { 1: 4, 2: 1, 17: 3, 19: 2, 48: 1, 28: 1, 46: 4, 18: 2, 42: 1, 50: 3 });
    assert.deepEqual(scoreItems('4dkl', a), { distress: 5, depression: 3, anxiety: 5, somatisation: 3 });
  });

  test('all "soms" and all "zeer vaak"', () => {
    assert.deepEqual(scoreItems('4dkl', answers(50, 1)), { distress: 16, depression: 6, anxiety: 12, somatisation: 16 });
    assert.deepEqual(scoreItems('4dkl', answers(50, 4)), { distress: 32, depression: 12, anxiety: 24, somatisation: 32 });
  });
});

describe('MVI scoring (Smets 1995: reversed items 6 − answer)', () => {
  test('a hand-worked example', () => {
    // general fatigue 1, 5r, 12, 16r: 5 + (6−1) + 5 + (6−1) = 20
    // physical fatigue 2r, 8, 14r, 20: (6−5) + 1 + (6−5) + 1 = 4
    // reduced activity 3, 6, 10r, 17r: 3 + 3 + 3 + 3 = 12
    // reduced motivation 4, 9r, 15, 18r: 3 + (6−2) + 3 + 3 = 13
    // mental fatigue 7, 11, 13r, 19r: 4 + 3 + (6−1) + 3 = 15
    const a = answers(20, 3, { 1: 5, 5: 1, 12: 5, 16: 1, 2: 5, 14: 5, 8: 1, 20: 1, 9: 2, 7: 4, 13: 1 });
    assert.deepEqual(scoreItems('mvi', a), { generalFatigue: 20, physicalFatigue: 4, reducedActivity: 12, reducedMotivation: 13, mentalFatigue: 15 });
  });

  test('answering "yes, that is true" (1) to everything gives 12 on every scale (two reversed items each)', () => {
    assert.deepEqual(scoreItems('mvi', answers(20, 1)), { generalFatigue: 12, physicalFatigue: 12, reducedActivity: 12, reducedMotivation: 12, mentalFatigue: 12 });
  });
});

describe('Nijmegen scoring', () => {
  test('total is the sum of the 16 answers; cut-off ≥ 23', () => {
    const a = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 4];
    assert.deepEqual(scoreItems('nq', a), { total: 34 });
    assert.equal(cutoffLevel('nq', 'total', 34), 1);
    assert.equal(cutoffLevel('nq', 'total', 22), 0);
    assert.equal(cutoffLevel('nq', 'total', 23), 1);
  });
});

describe('cut-offs', () => {
  test('4DKL levels and texts; none for the MVI', () => {
    assert.deepEqual([10, 11, 20, 21].map((v) => cutoffLevel('4dkl', 'distress', v)), [0, 1, 1, 2]);
    assert.deepEqual([2, 3, 5, 6].map((v) => cutoffLevel('4dkl', 'depression', v)), [0, 1, 1, 2]);
    assert.equal(cutoffText('4dkl', 'anxiety'), '≥ 8 / ≥ 13');
    assert.equal(cutoffLevel('mvi', 'generalFatigue', 20), null);
    assert.equal(cutoffText('mvi', 'generalFatigue'), '');
  });
});

describe('validateItems', () => {
  test('missing, out-of-range and non-integer answers are named per item; wrong length refused', () => {
    const bad = answers(50, 0, { 7: 5, 9: 1.5 }) as (number | null)[];
    bad[11] = null;
    const r = validateItems('4dkl', bad);
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.issues.map((i) => [i.code, i.field]), [['outOfRange', '4dkl.item7'], ['notAnInteger', '4dkl.item9'], ['required', '4dkl.item12']]);
    assert.equal(!r.ok && issueMessage(r.issues[0]!), '4DKL item 7 must be between 0 and 4 (got 5).');
    const mvi = scoreItemAnswers('mvi', answers(20, 0));
    assert.ok(!mvi.ok && mvi.issues.length === 20 && mvi.issues[0]!.params.min === 1);
    const short = validateItems('nq', [1, 2, 3]);
    assert.ok(!short.ok && short.issues[0]!.field === 'nq.items');
    assert.ok(!validateItems('nq', 'x').ok);
  });

  test('an entry with items gets its scores from them (scores sent along are not trusted)', () => {
    const now = new Date(2025, 5, 15, 12);
    const r = validateQuestionnaireEntry(
      { clientId: 1, instrument: 'nq', moment: 'intake', date: '2025-06-01', scores: { total: 3 }, items: answers(16, 2) },
      now,
    );
    assert.ok(r.ok);
    assert.deepEqual(r.ok && [r.value.scores, r.value.items], [{ total: 32 }, answers(16, 2)]);
    const bad = validateQuestionnaireEntry({ clientId: 1, instrument: 'nq', moment: 'intake', date: '2025-06-01', items: answers(16, 9) }, now);
    assert.ok(!bad.ok && bad.issues.every((i) => i.code === 'outOfRange' && i.field.startsWith('nq.item')));
  });
});
