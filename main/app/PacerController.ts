/**
 * `PacerController` — the one breathing pacer of the app, on the live channel clock. Wraps a
 * `PacerSchedule` (changes take effect at the next breath boundary, so a breath is never cut),
 * hands it to the device manager (`apply`, so the simulator breathes with it) and describes it
 * for the renderer (`timeline`, `snapshotAt`). Pausing stands the pacer still and lets the
 * simulated client breathe spontaneously; resuming starts a fresh breath with the remaining
 * duration.
 */
import { PacerSchedule } from '../../shared/pacer/pacerSchedule.js';
import { validatePacerSettings, type PacerSettings } from '../../shared/pacer/pacerSettings.js';
import { createPacerState } from '../../shared/pacer/pacerState.js';
import type { PacerTimeline } from '../../shared/ipc/apiTypes.js';
import type { PacerSnapshot } from '../../shared/ipc/liveTypes.js';
import { timelineOfSchedule } from '../../shared/ipc/pacerTimeline.js';

export class PacerController {
  private schedule: PacerSchedule | null = null;
  private version = 0;
  private running = false;
  private pausedAtSec = 0;
  private readonly state = createPacerState();

  /** `apply`: called with the schedule to follow (null = no pacer / paused). */
  constructor(private readonly apply: (s: PacerSchedule | null) => void) {}

  get active(): boolean {
    return this.schedule !== null;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** End of the pacing session on the channel clock, or null. */
  get endSec(): number | null {
    return this.running ? (this.schedule?.endSec ?? null) : null;
  }

  /** Settings in effect at `tSec` (the latest requested when changes are pending), or null. */
  settingsAt(tSec: number): PacerSettings | null {
    return this.schedule ? ({ ...this.schedule.settingsAt(tSec) } as PacerSettings) : null;
  }

  /** Start a fresh pacer whose first inhale begins at `nowSec`. Throws on invalid settings. */
  start(settings: PacerSettings, nowSec: number): number {
    this.schedule = new PacerSchedule(checked(settings), nowSec);
    this.running = true;
    this.version++;
    this.apply(this.schedule);
    return nowSec;
  }

  /** Follow a prepared schedule (the resonance protocol's steps), on the same clock. */
  follow(schedule: PacerSchedule): void {
    this.schedule = schedule;
    this.running = true;
    this.version++;
    this.apply(schedule);
  }

  /** New settings from the next breath boundary (or a fresh start when none runs); returns when they take effect. */
  change(settings: PacerSettings, nowSec: number): number {
    if (!this.schedule || !this.running) return this.start(settings, nowSec);
    const r = this.schedule.change(checked(settings), Math.max(nowSec, this.schedule.startSec));
    if ('error' in r) throw new Error(r.error);
    this.version++;
    this.apply(this.schedule);
    return r.effectiveSec;
  }

  stop(): void {
    if (!this.schedule) return;
    this.schedule = null;
    this.running = false;
    this.version++;
    this.apply(null);
  }

  /** Stand still at `nowSec` (the simulated client breathes spontaneously meanwhile). */
  pause(nowSec: number): void {
    if (!this.schedule || !this.running) return;
    this.running = false;
    this.pausedAtSec = nowSec;
    this.version++;
    this.apply(null);
  }

  /** Continue after a pause with the current settings and the remaining duration, from a fresh breath. */
  resume(nowSec: number): void {
    if (!this.schedule || this.running) return;
    const s = { ...this.schedule.settingsAt(this.pausedAtSec) } as PacerSettings;
    const end = this.schedule.endSec;
    if (end !== null) s.durationSec = Math.max(1, end - this.pausedAtSec);
    else delete s.durationSec;
    this.start(s, nowSec);
  }

  /** The timeline for the renderer, stamped with the live clock `clockSec`. */
  timeline(clockSec: number): PacerTimeline | null {
    if (!this.schedule) return null;
    return timelineOfSchedule(this.schedule, this.version, this.running ? clockSec : this.pausedAtSec, this.running);
  }

  /** The pacer at `tSec` (at the pause time while paused), or null without a pacer. */
  snapshotAt(tSec: number): PacerSnapshot | null {
    if (!this.schedule) return null;
    const st = this.schedule.at(this.running ? tSec : this.pausedAtSec, this.state);
    return { phase: st.phase, lung: st.lung, breathIndex: st.breathIndex, rateBpm: st.rateBpm, finished: st.finished };
  }
}

function checked(s: PacerSettings): PacerSettings {
  const errors = validatePacerSettings(s);
  if (errors.length > 0) throw new Error('invalid pacer settings: ' + errors.join('; '));
  return s;
}
