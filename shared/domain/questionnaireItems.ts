/**
 * Item entry of the questionnaires: the therapist types the answer per item NUMBER (the items'
 * texts are copyrighted and not shipped), the scales are computed here with the published keys.
 *
 * - 4DKL (Vierdimensionale Klachtenlijst, Terluin 1996, Huisarts Wet 39:538–47): 50 items
 *   answered 0 "nee", 1 "soms", 2 "regelmatig", 3 "vaak", 4 "zeer vaak / voortdurend"; before
 *   summing, answers 3 and 4 count as 2 (so every item scores 0/1/2/2/2). Item-to-scale key:
 *   somatisation 1–16; distress 17, 19, 20, 22, 25, 26, 29, 31, 32, 36, 37, 38, 39, 41, 47, 48;
 *   depression 28, 30, 33, 34, 35, 46; anxiety 18, 21, 23, 24, 27, 40, 42, 43, 44, 45, 49, 50
 *   (16/6/12/16 items, ranges 0–32/0–12/0–24/0–32). Sources: items 1–38 from Terluin et al. 2006,
 *   BMC Psychiatry 6:34, Table 1; the twelve anxiety items (18, 21, 23, 24, 27, 40, 42, 43, 44, 45,
 *   49, 50) from Terluin et al. 2014, BMC Psychiatry 14:121 (doi 10.1186/1471-244X-14-121), the
 *   table of the anxiety scale's items. That leaves 39, 41, 46, 47 and 48 for the four distress
 *   items and the one depression item beyond item 38; 46 as the depression item (and 39, 41, 47,
 *   48 as distress) follows the scale sizes and the key as usually published, but was not checked
 *   against a table here. (An earlier key had 42 under depression and 46 under anxiety: wrong.)
 * - MVI (Dutch MFI-20, Smets et al. 1995, J Psychosom Res 39:315–25): 20 items answered 1–5; the
 *   items 2, 5, 9, 10, 13, 14, 16, 17, 18, 19 are reversed (6 − answer); general fatigue 1, 5, 12, 16;
 *   physical fatigue 2, 8, 14, 20; reduced activity 3, 6, 10, 17; reduced motivation 4, 9, 15, 18;
 *   mental fatigue 7, 11, 13, 19 (4–20 per scale; as implemented by CamCOPS' MFI-20 task).
 * - Nijmegen questionnaire (van Dixhoorn & Duivenvoorden 1985): 16 items 0–4 ("nooit" … "zeer
 *   vaak"), total = sum, 0–64.
 */
import type { FourDklScores, Instrument, InstrumentScores, MviScores } from './types.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';

/** Answers per item: index 0 is item 1; null = not answered. */
export type ItemAnswers = readonly (number | null)[];

export interface ItemKey<I extends Instrument> {
  /** Number of items. */
  items: number;
  /** Lowest and highest answer a therapist may type. */
  minAnswer: number;
  maxAnswer: number;
  /** Item numbers (1-based) per scale. */
  scales: { readonly [K in keyof InstrumentScores[I]]: readonly number[] };
  /** Item numbers scored in reverse (`min + max − answer`). */
  reversed: readonly number[];
  /** Points an answer is worth before summing (after reversal). */
  points(answer: number): number;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const FOUR_DKL_KEY: ItemKey<'4dkl'> = {
  items: 50,
  minAnswer: 0,
  maxAnswer: 4,
  scales: {
    distress: [17, 19, 20, 22, 25, 26, 29, 31, 32, 36, 37, 38, 39, 41, 47, 48],
    depression: [28, 30, 33, 34, 35, 46],
    anxiety: [18, 21, 23, 24, 27, 40, 42, 43, 44, 45, 49, 50],
    somatisation: range(1, 16),
  } satisfies Record<keyof FourDklScores, number[]>,
  reversed: [],
  points: (a) => Math.min(a, 2),
};

export const MVI_KEY: ItemKey<'mvi'> = {
  items: 20,
  minAnswer: 1,
  maxAnswer: 5,
  scales: {
    generalFatigue: [1, 5, 12, 16],
    physicalFatigue: [2, 8, 14, 20],
    reducedActivity: [3, 6, 10, 17],
    reducedMotivation: [4, 9, 15, 18],
    mentalFatigue: [7, 11, 13, 19],
  } satisfies Record<keyof MviScores, number[]>,
  reversed: [2, 5, 9, 10, 13, 14, 16, 17, 18, 19],
  points: (a) => a,
};

export const NQ_KEY: ItemKey<'nq'> = {
  items: 16,
  minAnswer: 0,
  maxAnswer: 4,
  scales: { total: range(1, 16) },
  reversed: [],
  points: (a) => a,
};

export const ITEM_KEYS: { readonly [I in Instrument]: ItemKey<I> } = { '4dkl': FOUR_DKL_KEY, mvi: MVI_KEY, nq: NQ_KEY };

/** Field path of one item in validation issues: '4dkl.item12'. */
export const itemField = (instrument: Instrument, item: number): string => `${instrument}.item${item}`;

/** Check the answers: exactly the instrument's items, each a whole number in its answer range. */
export function validateItems(instrument: Instrument, answers: unknown): ValidationResult<number[]> {
  const key = ITEM_KEYS[instrument] as ItemKey<Instrument>;
  const c = new IssueCollector();
  if (!Array.isArray(answers)) {
    c.add('notAList', `${instrument}.items`, { value: typeof answers });
    return c.result([]);
  }
  if (answers.length !== key.items) {
    c.add('outOfRange', `${instrument}.items`, { min: key.items, max: key.items, value: answers.length });
    return c.result([]);
  }
  const out: number[] = [];
  answers.forEach((a: unknown, i) => {
    const field = itemField(instrument, i + 1);
    if (a === null || a === undefined || a === '') c.add('required', field);
    else if (typeof a !== 'number' || !Number.isInteger(a)) c.add('notAnInteger', field, { value: String(a) });
    else if (a < key.minAnswer || a > key.maxAnswer) c.add('outOfRange', field, { min: key.minAnswer, max: key.maxAnswer, value: a });
    else out.push(a);
  });
  return c.result(out);
}

/** The scale scores of complete, valid answers (see `validateItems`). */
export function scoreItems<I extends Instrument>(instrument: I, answers: readonly number[]): InstrumentScores[I] {
  const key = ITEM_KEYS[instrument] as ItemKey<Instrument>;
  const scored = (item: number): number => {
    const a = answers[item - 1]!;
    return key.points(key.reversed.includes(item) ? key.minAnswer + key.maxAnswer - a : a);
  };
  const out: Record<string, number> = {};
  for (const [scale, items] of Object.entries(key.scales) as [string, readonly number[]][]) {
    out[scale] = items.reduce((sum, item) => sum + scored(item), 0);
  }
  return out as unknown as InstrumentScores[I];
}

/** Validate and score in one step: the scales, or the problems per item. */
export function scoreItemAnswers<I extends Instrument>(instrument: I, answers: unknown): ValidationResult<InstrumentScores[I]> {
  const v = validateItems(instrument, answers);
  return v.ok ? { ok: true, value: scoreItems(instrument, v.value) } : v;
}
