/**
 * A group's shared pacer runs on the first member's channel clock; each other member's live view
 * gets it moved onto their own channel clock (`offsetSec` = their "now" − the pacer channel's "now"),
 * so their inhale shading and HR–pacer phase line up with their own beats.
 */
import type { PacerTimeline } from '../ipc/apiTypes.js';

/** `t` moved by `offsetSec` (onto another channel's clock). */
export function shiftPacer(t: PacerTimeline, offsetSec: number): PacerTimeline {
  return {
    ...t,
    segments: t.segments.map((s) => ({ ...s, startSec: s.startSec + offsetSec })),
    endSec: t.endSec === null ? null : t.endSec + offsetSec,
    clockSec: t.clockSec + offsetSec,
  };
}
