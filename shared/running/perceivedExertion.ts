/**
 * Perceived versus measured exertion (the first sub-goal of the running-therapy case, issue 15):
 * the intensity class a Borg rating stands for against the class of the measured heart rate as a
 * % of the heart-rate reserve. Classes after the ACSM position stand (Garber CE et al., Med Sci
 * Sports Exerc 2011;43(7):1334–1359, Table 4): RPE < 9 very light (< 30 % HRR), 9–11 light
 * (30–39 %), 12–13 moderate (40–59 %), 14–17 vigorous (60–89 %), ≥ 18 near maximal (≥ 90 %).
 * 'under': the client rates the effort lighter than the heart rate says (the case: "moderate"
 * at Borg-14–15 breathing); 'over': heavier; 'match': the same class.
 */
import { percentHrr, ZONE_BOUNDS_HRR_PCT, type HeartRateZones, type ZoneId } from './heartRateZones.js';

const ORDER: readonly ZoneId[] = ZONE_BOUNDS_HRR_PCT.map((z) => z.id);

/** The intensity class of a Borg 6–20 rating (undefined outside 6–20). */
export function borgZone(borg: number): ZoneId | undefined {
  if (!Number.isFinite(borg) || borg < 6 || borg > 20) return undefined;
  if (borg < 9) return 'veryLight';
  if (borg < 12) return 'light';
  if (borg < 14) return 'moderate';
  if (borg < 18) return 'vigorous';
  return 'nearMaximal';
}

export interface ExertionComparison {
  borg: number;
  hrBpm: number;
  pctHrr: number;
  perceived: ZoneId;
  measured: ZoneId;
  /** Classes between them: negative = perceived lighter than measured. */
  steps: number;
  verdict: 'under' | 'match' | 'over';
}

/** Borg against the heart rate in the client's zones; null when either is missing or out of range. */
export function compareExertion(zones: HeartRateZones, borg: number | null, hrBpm: number | null): ExertionComparison | null {
  if (borg === null || hrBpm === null || !Number.isFinite(hrBpm)) return null;
  const perceived = borgZone(borg);
  if (!perceived) return null;
  const pct = percentHrr(hrBpm, zones.hrRestBpm, zones.hrMaxBpm);
  const measured = ZONE_BOUNDS_HRR_PCT.find((z) => pct >= z.from && pct < z.to)!.id;
  const steps = ORDER.indexOf(perceived) - ORDER.indexOf(measured);
  return { borg, hrBpm, pctHrr: Math.round(pct * 10) / 10, perceived, measured, steps, verdict: steps < 0 ? 'under' : steps > 0 ? 'over' : 'match' };
}

/** One comparison on the date of its running-log entry (the progress report and the client page). */
export type ExertionPoint = ExertionComparison & { date: string };
