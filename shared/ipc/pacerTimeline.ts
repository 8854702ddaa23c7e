/**
 * The pacer timeline as it crosses the API (`PacerTimeline`): conversion from a `PacerSchedule`
 * and the pacer state at a time. The renderer animates the pacer with `pacerStateOnTimeline`
 * on every animation frame (the pacer clock, allocation-free with `out`), the core puts the same
 * state in each live batch, so both always agree with the simulator that breathes with it.
 */
import type { PacerSchedule } from '../pacer/pacerSchedule.js';
import { pacerTiming, type PacerSettings, type PacerTiming } from '../pacer/pacerSettings.js';
import { createPacerState, fillPacerState, type PacerState } from '../pacer/pacerState.js';
import type { PacerTimeline } from './apiTypes.js';

/** `timelineOfSchedule`: the schedule's segments as plain data. */
export function timelineOfSchedule(schedule: PacerSchedule, version: number, clockSec: number, running = true): PacerTimeline {
  return {
    version,
    clockSec,
    segments: schedule.segments.map((s) => ({
      settings: { ...s.settings } as PacerSettings,
      startSec: s.startSec,
      firstBreathIndex: s.firstBreathIndex,
    })),
    endSec: schedule.endSec,
    running,
  };
}

const timingCache = new WeakMap<PacerSettings, PacerTiming>();

function timingOf(s: PacerSettings): PacerTiming {
  let t = timingCache.get(s);
  if (!t) {
    t = pacerTiming(s);
    timingCache.set(s, t);
  }
  return t;
}

/**
 * `pacerStateOnTimeline`: the pacer state at `tSec` (channel clock). Before the first segment the
 * first segment is extrapolated backwards; at and after `endSec` the state rests at the end of the last
 * breath (lung 0) with `finished` set.
 */
export function pacerStateOnTimeline(timeline: PacerTimeline, tSec: number, out: PacerState = createPacerState()): PacerState {
  const segs = timeline.segments;
  let i = segs.length - 1;
  while (i > 0 && segs[i]!.startSec > tSec) i--;
  const seg = segs[i];
  if (!seg) return out;
  const end = timeline.endSec;
  const t = end !== null && tSec > end ? end : tSec;
  fillPacerState(timingOf(seg.settings), seg.startSec, seg.firstBreathIndex, t, out);
  out.finished = end !== null && tSec >= end;
  return out;
}

/** `inhaleSpans`: the inhale spans, as flat pairs start, end, [start, end] that overlap [fromSec, toSec] (for shading charts). */
export function inhaleSpans(timeline: PacerTimeline, fromSec: number, toSec: number, out: number[] = []): number[] {
  out.length = 0;
  const segs = timeline.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const segEnd = Math.min(i + 1 < segs.length ? segs[i + 1]!.startSec : Infinity, timeline.endSec ?? Infinity);
    const a = Math.max(fromSec, seg.startSec);
    const b = Math.min(toSec, segEnd);
    if (b <= a) continue;
    const tm = timingOf(seg.settings);
    let k = Math.floor((a - seg.startSec) / tm.periodSec);
    for (; ; k++) {
      const s = seg.startSec + k * tm.periodSec;
      if (s >= b) break;
      const e = Math.min(s + tm.inhaleSec, segEnd);
      if (e > a) out.push(Math.max(s, seg.startSec), e);
    }
  }
  return out;
}
