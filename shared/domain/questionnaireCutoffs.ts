/**
 * Published cut-offs of the questionnaire scales, shared by the client page and the progress
 * report: [moderately elevated from, strongly elevated from] (4DKL, Terluin et al. 2008, Huisarts
 * Wet 51:251–5: distress > 10 / > 20, depression > 2 / > 5, anxiety > 7 / > 12, somatisation
 * > 10 / > 20) and the Nijmegen questionnaire's ≥ 23 (van Dixhoorn & Duivenvoorden 1985). The MVI
 * has no published clinical cut-offs (only population norms), so none is shown for it.
 */
import type { Instrument } from './types.js';

export const SCALE_CUTOFFS: Readonly<Record<string, readonly number[]>> = Object.freeze({
  '4dkl.distress': [11, 21],
  '4dkl.depression': [3, 6],
  '4dkl.anxiety': [8, 13],
  '4dkl.somatisation': [11, 21],
  'nq.total': [23],
});

/** 0 = below the cut-off, 1 = (moderately) elevated, 2 = strongly elevated; null = scale without cut-off. */
export type CutoffLevel = 0 | 1 | 2 | null;

export function cutoffLevel(instrument: Instrument, scale: string, value: number): CutoffLevel {
  const cut = SCALE_CUTOFFS[`${instrument}.${scale}`];
  if (!cut) return null;
  if (cut.length > 1 && value >= cut[1]!) return 2;
  return value >= cut[0]! ? 1 : 0;
}

/** The cut-offs of a scale as the UI shows them: '≥ 11 / ≥ 21', '≥ 23', or '' without one. */
export function cutoffText(instrument: Instrument, scale: string): string {
  const cut = SCALE_CUTOFFS[`${instrument}.${scale}`];
  return cut ? cut.map((c) => `≥ ${c}`).join(' / ') : '';
}
