/**
 * Heart-rate zones for running therapy, by the heart-rate-reserve (Karvonen) method.
 *
 * - Karvonen: target HR = HRrest + f · (HRmax − HRrest), f the fraction of the heart-rate reserve
 *   (Karvonen MJ, Kentala E, Mustala O. "The effects of training on heart rate; a longitudinal
 *   study." Ann Med Exp Biol Fenn 1957;35(3):307–315).
 * - HRmax, when not entered or tested, is age-predicted by Tanaka: HRmax = 208 − 0.7 · age
 *   (Tanaka H, Monahan KD, Seals DR. "Age-predicted maximal heart rate revisited." J Am Coll
 *   Cardiol 2001;37(1):153–156).
 * - The intensity classes and the target zone for Borg 11–13 ("matig intensief", moderate) follow
 *   the ACSM position stand: very light < 30 % HRR, light 30–39 %, moderate 40–59 % (RPE 12–13),
 *   vigorous 60–89 % (RPE 14–17), near-maximal ≥ 90 % (Garber CE et al. "Quantity and quality of
 *   exercise for developing and maintaining cardiorespiratory, musculoskeletal, and neuromotor
 *   fitness in apparently healthy adults." Med Sci Sports Exerc 2011;43(7):1334–1359, Table 4).
 *   Borg 11 lies at the top of 'light'; the target zone is the moderate class, 40–59 % HRR.
 */

/** Where the HRmax came from: entered (or tested) by the therapist, or Tanaka's age prediction. */
export type HrMaxSource = 'entered' | 'tanaka2001';

export type ZoneId = 'veryLight' | 'light' | 'moderate' | 'vigorous' | 'nearMaximal';

export interface HeartRateZone {
  id: ZoneId;
  /** Lower bound, fraction of the heart-rate reserve (inclusive). */
  fromHrrPct: number;
  /** Upper bound, % HRR (exclusive; Infinity for the top zone). */
  toHrrPct: number;
  /** The bounds as heart rates, bpm (Karvonen). */
  fromBpm: number;
  toBpm: number;
}

export interface HeartRateZones {
  hrRestBpm: number;
  hrMaxBpm: number;
  hrMaxSource: HrMaxSource;
  zones: HeartRateZone[];
  /** The zone for Borg 11–13 (moderate, 40–59 % HRR), bpm. */
  targetZone: { id: 'moderate'; fromBpm: number; toBpm: number; borgFrom: 11; borgTo: 13 };
  method: string;
}

/** The ACSM intensity classes as % HRR (Garber et al. 2011, Table 4). */
export const ZONE_BOUNDS_HRR_PCT: readonly { id: ZoneId; from: number; to: number }[] = [
  { id: 'veryLight', from: -Infinity, to: 30 },
  { id: 'light', from: 30, to: 40 },
  { id: 'moderate', from: 40, to: 60 },
  { id: 'vigorous', from: 60, to: 90 },
  { id: 'nearMaximal', from: 90, to: Infinity },
];

/** Tanaka et al. 2001: HRmax = 208 − 0.7 · age (years), bpm. NaN for an age outside 5–110. */
export function tanakaHrMaxBpm(ageYears: number): number {
  if (!Number.isFinite(ageYears) || ageYears < 5 || ageYears > 110) return NaN;
  return 208 - 0.7 * ageYears;
}

/** Karvonen: the heart rate at `hrrPct` % of the heart-rate reserve, bpm. */
export function karvonenHrBpm(hrRestBpm: number, hrMaxBpm: number, hrrPct: number): number {
  return hrRestBpm + (hrrPct / 100) * (hrMaxBpm - hrRestBpm);
}

/** The inverse: % of the heart-rate reserve of `hrBpm` (may be < 0 or > 100). */
export function percentHrr(hrBpm: number, hrRestBpm: number, hrMaxBpm: number): number {
  return (100 * (hrBpm - hrRestBpm)) / (hrMaxBpm - hrRestBpm);
}

/**
 * The client's zones. `hrMaxBpm` entered (or tested) wins; otherwise `ageYears` gives Tanaka's
 * prediction. Null when the inputs do not make a reserve: resting HR outside 30–120 bpm, HRmax
 * outside 100–230 bpm, or HRmax not at least 20 bpm above resting HR.
 */
export function heartRateZones(input: { hrRestBpm: number | null; hrMaxBpm?: number | null; ageYears?: number | null }): HeartRateZones | null {
  const rest = input.hrRestBpm;
  if (rest === null || !Number.isFinite(rest) || rest < 30 || rest > 120) return null;
  const entered = input.hrMaxBpm ?? null;
  const source: HrMaxSource = entered !== null ? 'entered' : 'tanaka2001';
  const max = entered !== null ? entered : tanakaHrMaxBpm(input.ageYears ?? NaN);
  if (!Number.isFinite(max) || max < 100 || max > 230 || max - rest < 20) return null;
  const bpm = (pct: number): number => (Number.isFinite(pct) ? Math.round(karvonenHrBpm(rest, max, pct) * 10) / 10 : pct > 0 ? Infinity : 0);
  const zones = ZONE_BOUNDS_HRR_PCT.map((z) => ({
    id: z.id,
    fromHrrPct: Number.isFinite(z.from) ? z.from : 0,
    toHrrPct: z.to,
    fromBpm: Number.isFinite(z.from) ? bpm(z.from) : 0,
    toBpm: bpm(z.to),
  }));
  const round1 = (x: number): number => Math.round(x * 10) / 10;
  return {
    hrRestBpm: round1(rest),
    hrMaxBpm: round1(max),
    hrMaxSource: source,
    zones,
    targetZone: { id: 'moderate', fromBpm: bpm(40), toBpm: bpm(60), borgFrom: 11, borgTo: 13 },
    method:
      'Karvonen (% heart-rate reserve, Karvonen et al. 1957); ' +
      (source === 'entered' ? 'HRmax entered' : 'HRmax 208 − 0.7·age (Tanaka et al. 2001)') +
      '; classes and the Borg 11–13 target (40–59 % HRR) from ACSM (Garber et al. 2011)',
  };
}

/** The zone of `hrBpm` (undefined for a non-finite heart rate). */
export function zoneOf(zones: HeartRateZones, hrBpm: number): ZoneId | undefined {
  if (!Number.isFinite(hrBpm)) return undefined;
  const pct = percentHrr(hrBpm, zones.hrRestBpm, zones.hrMaxBpm);
  return ZONE_BOUNDS_HRR_PCT.find((z) => pct >= z.from && pct < z.to)?.id;
}

/**
 * Seconds spent in each zone of a 1-Hz heart-rate series (NaN = no heart rate, not counted).
 * `dtSec` is the series' sample spacing.
 */
export function timeInZonesSec(zones: HeartRateZones, hrBpm: ArrayLike<number>, dtSec = 1): Record<ZoneId, number> {
  const out: Record<ZoneId, number> = { veryLight: 0, light: 0, moderate: 0, vigorous: 0, nearMaximal: 0 };
  for (let i = 0; i < hrBpm.length; i++) {
    const z = zoneOf(zones, hrBpm[i]);
    if (z) out[z] += dtSec;
  }
  return out;
}
