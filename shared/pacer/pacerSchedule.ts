/**
 * `PacerSchedule`: pacer settings that change over a session, with breath-phase continuity.
 *
 * The therapist changes the rate mid-session, the resonance-frequency protocol steps
 * 6.5 → 4.5 breaths/min, a sliding protocol changes the rate breath by breath. In all
 * cases a change takes effect at the next breath boundary (start of an inhale) at or after
 * the moment it is requested, so a breath in progress is always completed with the
 * settings it started with, and the breath counter and phase run on without a jump.
 * Each segment records both the requested and the effective time.
 *
 * `at(tSec, out?)` is allocation-free with `out` and O(1) for monotone queries (it keeps
 * a cursor), so it can be called on every animation frame and every simulated sample.
 * Times before the schedule start extrapolate the first segment backwards (negative breath index).
 */
import { pacerTiming, validatePacerSettings, type PacerSettings, type PacerTiming } from './pacerSettings.js';
import { createPacerState, fillPacerState, nextBreathBoundary, type PacerState } from './pacerState.js';

/** One stretch of constant settings. */
export interface PacerSegment {
  readonly settings: Readonly<PacerSettings>;
  readonly timing: PacerTiming;
  /** When the segment takes effect: a breath boundary, seconds. */
  readonly startSec: number;
  /** When the change was asked for, seconds (≤ startSec). */
  readonly requestedSec: number;
  /** Breath index of the first breath of this segment. */
  readonly firstBreathIndex: number;
}

/** One step of a stepped protocol: `settings` for at least `durationSec`, until the next breath boundary. */
export interface PacerStep {
  settings: PacerSettings;
  durationSec: number;
}

export type PacerChangeResult = { effectiveSec: number } | { error: string };

const EPS_SEC = 1e-9;

function freezeSettings(s: PacerSettings): Readonly<PacerSettings> {
  const copy: PacerSettings = { rateBpm: s.rateBpm, inhaleFraction: s.inhaleFraction };
  if (s.holdInSec !== undefined) copy.holdInSec = s.holdInSec;
  if (s.holdOutSec !== undefined) copy.holdOutSec = s.holdOutSec;
  if (s.durationSec !== undefined) copy.durationSec = s.durationSec;
  return Object.freeze(copy);
}

export class PacerSchedule {
  /** Start of the first breath, seconds on the session clock. */
  readonly startSec: number;
  private readonly segs: PacerSegment[] = [];
  private cursor = 0;
  private endRequestedSec: number | null = null;
  private end: number | null = null;
  private versionCount = 0;

  /**
   * A schedule that starts breathing with `initial` at `startSec`. `initial.durationSec`, if set,
   * ends the session (see `endSec`). Throws a RangeError listing the problems if `initial` is invalid
   * (use `PacerSchedule.create` for a non-throwing variant).
   */
  constructor(initial: PacerSettings, startSec = 0) {
    const errors = validatePacerSettings(initial);
    if (!Number.isFinite(startSec)) errors.push('startSec must be a finite number');
    if (errors.length > 0) throw new RangeError('invalid pacer settings: ' + errors.join('; '));
    this.startSec = startSec;
    const settings = freezeSettings(initial);
    this.segs.push({ settings, timing: pacerTiming(settings), startSec, requestedSec: startSec, firstBreathIndex: 0 });
    if (initial.durationSec !== undefined) this.endRequestedSec = startSec + initial.durationSec;
    this.updateEnd();
  }

  /** Like the constructor, but returns `{ error }` instead of throwing. */
  static create(initial: PacerSettings, startSec = 0): PacerSchedule | { error: string } {
    try {
      return new PacerSchedule(initial, startSec);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  /**
   * A stepped protocol (e.g. resonance assessment 6.5, 6, 5.5, 5, 4.5 breaths/min, 2 min each):
   * step i+1 is requested `durationSec` after step i took effect, and so starts at the first breath
   * boundary after that; the schedule ends at the first boundary after the last step's duration.
   * `durationSec` inside the step settings is ignored.
   */
  static fromSteps(steps: readonly PacerStep[], startSec = 0): PacerSchedule | { error: string } {
    if (steps.length === 0) return { error: 'a stepped pacer protocol needs at least one step' };
    for (let i = 0; i < steps.length; i++) {
      const d = steps[i].durationSec;
      if (typeof d !== 'number' || !Number.isFinite(d) || d <= 0)
        return { error: `step ${i + 1}: durationSec must be a number > 0 (got ${String(d)})` };
      const errors = validatePacerSettings(steps[i].settings);
      if (errors.length > 0) return { error: `step ${i + 1}: ${errors.join('; ')}` };
    }
    const strip = (s: PacerSettings): PacerSettings => ({ ...s, durationSec: undefined });
    const schedule = PacerSchedule.create(strip(steps[0].settings), startSec);
    if ('error' in schedule) return schedule;
    let stepStart = startSec;
    for (let i = 1; i < steps.length; i++) {
      const r = schedule.change(strip(steps[i].settings), stepStart + steps[i - 1].durationSec);
      if ('error' in r) return { error: `step ${i + 1}: ${r.error}` };
      stepStart = r.effectiveSec;
    }
    schedule.finishAt(stepStart + steps[steps.length - 1].durationSec);
    return schedule;
  }

  /** All segments, oldest first (pending future changes included). */
  get segments(): readonly PacerSegment[] {
    return this.segs;
  }

  /** End of the pacing session (a breath boundary), or null when open-ended. */
  get endSec(): number | null {
    return this.end;
  }

  /** Increases on every change, so followers can notice that the schedule was edited. */
  get version(): number {
    return this.versionCount;
  }

  /** The segment in effect at `tSec` (the first segment before the schedule start). */
  segmentAt(tSec: number): PacerSegment {
    const segs = this.segs;
    const n = segs.length;
    let i = this.cursor < n ? this.cursor : 0;
    const startsAfter = (k: number) => k + 1 < n && tSec >= segs[k + 1].startSec;
    if (tSec >= segs[i].startSec && !startsAfter(i)) {
      // Same segment as last time (the common case).
    } else if (i + 1 < n && tSec >= segs[i + 1].startSec && !startsAfter(i + 1)) {
      i += 1; // the next one
    } else {
      // Binary search for the last segment starting at or before tSec (the first one if none).
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid].startSec <= tSec) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    }
    this.cursor = i;
    return segs[i];
  }

  /** Settings in effect at `tSec`. */
  settingsAt(tSec: number): Readonly<PacerSettings> {
    return this.segmentAt(tSec).settings;
  }

  /** First breath boundary (start of an inhale) at or after `tSec`. */
  nextBoundaryAt(tSec: number): number {
    const seg = this.segmentAt(tSec);
    return nextBreathBoundary(seg.startSec, seg.timing.periodSec, tSec);
  }

  /**
   * Ask for new settings at `requestedSec`; they take effect at the next breath boundary at or after it.
   * A request cancels changes that were still pending after it (the latest wish wins). If
   * `settings.durationSec` is set it becomes the new session length, counted from the schedule start.
   * Returns the effective time, or `{ error }` (invalid settings, request before the schedule start).
   */
  change(settings: PacerSettings, requestedSec: number): PacerChangeResult {
    const errors = validatePacerSettings(settings);
    if (errors.length > 0) return { error: 'invalid pacer settings: ' + errors.join('; ') };
    if (typeof requestedSec !== 'number' || !Number.isFinite(requestedSec))
      return { error: 'requested time must be a finite number of seconds' };
    if (requestedSec < this.startSec - EPS_SEC)
      return { error: `cannot change the pacer at ${requestedSec} s, before the schedule start (${this.startSec} s)` };
    const segs = this.segs;
    const cur = this.segmentAt(requestedSec);
    const a = this.cursor;
    const effectiveSec = nextBreathBoundary(cur.startSec, cur.timing.periodSec, requestedSec);
    segs.length = a + 1; // cancel pending changes
    const frozen = freezeSettings(settings);
    const timing = pacerTiming(frozen);
    if (Math.abs(effectiveSec - cur.startSec) <= EPS_SEC) {
      segs[a] = {
        settings: frozen,
        timing,
        startSec: cur.startSec,
        requestedSec: Math.min(requestedSec, cur.startSec),
        firstBreathIndex: cur.firstBreathIndex,
      };
    } else {
      const breaths = Math.round((effectiveSec - cur.startSec) / cur.timing.periodSec);
      segs.push({
        settings: frozen,
        timing,
        startSec: effectiveSec,
        requestedSec,
        firstBreathIndex: cur.firstBreathIndex + breaths,
      });
    }
    if (settings.durationSec !== undefined) this.endRequestedSec = this.startSec + settings.durationSec;
    this.cursor = 0;
    this.versionCount++;
    this.updateEnd();
    return { effectiveSec: segs[segs.length - 1].startSec };
  }

  /**
   * End the session at the first breath boundary at or after `requestedSec` (null: open-ended again).
   * Returns the new `endSec`.
   */
  finishAt(requestedSec: number | null): number | null {
    this.endRequestedSec = requestedSec === null || !Number.isFinite(requestedSec) ? null : requestedSec;
    this.versionCount++;
    this.updateEnd();
    return this.end;
  }

  /** The pacer state at `tSec`; pass `out` to avoid allocation. */
  at(tSec: number, out: PacerState = createPacerState()): PacerState {
    const seg = this.segmentAt(tSec);
    fillPacerState(seg.timing, seg.startSec, seg.firstBreathIndex, tSec, out);
    out.finished = this.end !== null && tSec >= this.end;
    return out;
  }

  private updateEnd(): void {
    this.end = this.endRequestedSec === null ? null : this.nextBoundaryAt(this.endRequestedSec);
  }
}
