/**
 * Session time on chart axes. Live charts keep their samples on the channel clock (seconds since
 * the sensor connected); what the therapist reads is SESSION time — 0:00 at the session start,
 * as the markers and the review use. `sessionTimeSplits` puts the axis ticks at round session
 * times (0:00, 0:30, 1:00 …), `formatSessionTime` writes them. Before a session starts there is
 * no session time: the axis is relative to now (the right edge is 0:00, earlier times −0:30 …).
 */

/** Tick steps of a time axis, s. */
export const TIME_STEPS_SEC: readonly number[] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/** The smallest time step ≥ `minStepSec` (the step the axis' tick spacing needs). */
export function niceTimeStep(minStepSec: number): number {
  if (!(minStepSec > 0) || !Number.isFinite(minStepSec)) return TIME_STEPS_SEC[0]!;
  return TIME_STEPS_SEC.find((s) => s >= minStepSec - 1e-9) ?? Math.ceil(minStepSec / 3600) * 3600;
}

/**
 * Ticks (in the chart's own x units, e.g. the channel clock) inside [min, max] at whole
 * multiples of `stepSec` of time since `originSec` (the session start on that clock, or the
 * right edge for a relative axis).
 */
export function sessionTimeSplits(min: number, max: number, originSec: number, stepSec: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !Number.isFinite(originSec) || !(max >= min) || !(stepSec > 0)) return [];
  const out: number[] = [];
  const k0 = Math.ceil((min - originSec) / stepSec - 1e-9);
  for (let k = k0; originSec + k * stepSec <= max + 1e-9 && out.length < 1000; k++) out.push(originSec + k * stepSec);
  return out;
}

/** Seconds as m:ss (h:mm:ss from an hour), with a minus sign before zero: 75 → "1:15", −30 → "−0:30". */
export function formatSessionTime(sec: number): string {
  if (!Number.isFinite(sec)) return '';
  const r = Math.round(sec);
  const sign = r < 0 ? '−' : '';
  const a = Math.abs(r);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = String(a % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

/**
 * The origin of the time axis of a live chart: the session start on the channel clock while a
 * session runs on that channel, else null (then the axis counts back from its right edge).
 */
export function liveTimeOrigin(session: { phase: string; startClockSec: number | null }): number | null {
  return session.phase !== 'idle' && session.startClockSec !== null && Number.isFinite(session.startClockSec) ? session.startClockSec : null;
}
