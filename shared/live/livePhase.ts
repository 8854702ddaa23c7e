/**
 * The live HR–pacer phase: how many degrees the heart rate lags the breathing pacer over the last
 * minute, recomputed from the live heart-rate buffer (final, decided and provisional beats) on every
 * beat, so it follows a provisional beat at once and its revision when it comes.
 *
 * Method: `hrPacerPhase` (shared/dsp/hrPacerPhase.ts, the same routine as the resonance
 * assessment's phase criterion): a sinusoid at the pacer rate fitted to HR breath by breath,
 * referred to the lung-volume maximum (end of the in-breath, middle of a hold after it). Shown as
 * the HR LAG like the resonance table: 0° = HR peaks at the end of every in-breath (it rises during
 * the in-breath and falls during the out-breath, the resonance-breathing signature); positive = HR
 * peaks later, negative = earlier. Complete pacer breaths of the segment in force within the last
 * {@link PHASE_WINDOW_SEC} are used (breaths with too few beats or a hole are skipped); null until
 * two usable breaths, without a pacer or while it is paused.
 */
import { hrPacerPhase } from '../dsp/hrPacerPhase.js';
import type { PacerTimeline } from '../ipc/apiTypes.js';
import { pacerTiming } from '../pacer/pacerSettings.js';
import type { SlidingSeries } from './SlidingSeries.js';

/** Breaths used: those that ended within this many seconds before the newest beat. */
export const PHASE_WINDOW_SEC = 60;

export interface LivePhase {
  /** HR lag behind the pacer, degrees in (−180, 180]; 0 = HR peaks at the end of the in-breath. */
  hrLagDeg: number;
  /** Consistency of the phase from breath to breath, 0–1 (mean resultant length). */
  synchrony: number;
  /** Pacer breaths used. */
  breaths: number;
  /** Time of the newest beat used, channel clock, s. */
  tSec: number;
}

/** The phase of the heart rate in `hr` (t → bpm) against `pacer`, or null (see the file comment). */
export function livePhase(hr: SlidingSeries, pacer: PacerTimeline | null, windowSec = PHASE_WINDOW_SEC): LivePhase | null {
  if (!pacer || !pacer.running) return null;
  const lastSec = hr.lastX;
  if (!Number.isFinite(lastSec)) return null;
  const segs = pacer.segments;
  let i = segs.length - 1;
  while (i > 0 && segs[i]!.startSec > lastSec) i--;
  const seg = segs[i];
  if (!seg || seg.startSec > lastSec) return null;
  const timing = pacerTiming(seg.settings);
  const period = timing.periodSec;
  const from = Math.max(seg.startSec, lastSec - windowSec);
  const to = Math.min(lastSec, pacer.endSec ?? Infinity);
  const starts: number[] = [];
  for (let k = Math.ceil((from - seg.startSec) / period - 1e-9); seg.startSec + k * period <= to + 1e-9; k++) starts.push(seg.startSec + k * period);
  if (starts.length < 3) return null;
  // The beats of those breaths (and a few seconds before, for the interpolation at the edge).
  const k0 = hr.lowerBound(starts[0]! - 5);
  const t = hr.x(k0);
  const bpm = hr.y(k0);
  const ibiMs = new Float64Array(bpm.length);
  for (let k = 0; k < bpm.length; k++) ibiMs[k] = bpm[k]! > 0 ? 60_000 / bpm[k]! : Number.NaN;
  const lungMaxFraction = (timing.inhaleEndSec + timing.holdInEndSec) / 2 / period;
  const r = hrPacerPhase(t, ibiMs, starts, { inhaleFraction: lungMaxFraction });
  if (r.phaseLagDeg === null || r.synchrony === null) return null;
  let lag = -r.phaseLagDeg;
  if (lag <= -180) lag += 360;
  return { hrLagDeg: lag === 0 ? 0 : lag, synchrony: r.synchrony, breaths: r.cycles, tSec: lastSec };
}
