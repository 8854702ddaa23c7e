/**
 * The live session of `SessionCalls` (sessionCalls.ts) and its clocks: who owns it, what its end
 * tells the others, and how a moment on the pacer's clock (the first member's channel clock) becomes
 * a time on each member's own recording clock.
 */
import type { SessionType } from '../../shared/domain/types.js';
import type { ErrorCode } from '../../shared/i18n/CadansError.js';
import type { MarkerView } from '../../shared/ipc/apiTypes.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { RecorderTap, AppRecorder } from './appPorts.js';
import { liveMembers, type Member } from './groupMembers.js';

/** Who started a session and keeps the say over it (the resonance assessment). */
export interface SessionOwner {
  /** Why it cannot be paused / re-paced by hand, as an error code (null: it can). */
  readonly noPauseReason: ErrorCode | null;
  readonly noPacerReason: ErrorCode | null;
  /** The owner paces the session itself: the pacer's end does not stop it. */
  readonly ownsPacer: boolean;
  /** The status to store when the session stops now. */
  stopStatus(): 'complete' | 'interrupted';
  /** Gets the recording's analysis results and gaps as they come. */
  readonly tap?: RecorderTap;
}

export interface SessionEnded {
  sessionId: number;
  /** Channel-clock time of recording t = 0. */
  clockOffsetSec: number;
  reason: string;
}

export interface LiveSession {
  /** The first member's recorder (the one of a single session). */
  recorder: AppRecorder;
  clientId: number;
  /** The first member's channel: the pacer's clock. */
  channel: string;
  /** Every client (one for a single session), in the order started. */
  members: Member[];
  groupId: number | null;
  type: SessionType;
  startedAt: string;
  startClockSec: number;
  markers: MarkerView[];
  paused: boolean;
  owner: SessionOwner | null;
  maxSec: number | null;
  /** The pacer's duration is over; waiting for the therapist to stop or continue. */
  pacerEnded: boolean;
}

/** Channel clock → recording clock of the session (its first member). */
export function recClock(s: LiveSession, clockSec: number): number {
  const offset = s.recorder.clockOffsetSec ?? s.startClockSec;
  return Math.max(0, clockSec - offset);
}

/**
 * The pacer's clock time `clockSec` on member `m`'s recording clock: the same moment on its own
 * channel clock (`clockOf`: "now" on a channel's clock), from its own first sample.
 */
export function memberRecClock(s: LiveSession, m: Member, clockSec: number, clockOf: (channel: string) => number): number {
  if (m.channel === s.channel) return recClock(s, clockSec);
  const own = clockSec - clockOf(s.channel) + clockOf(m.channel);
  return Math.max(0, own - (m.recorder.clockOffsetSec ?? own));
}

/** The pacer changed to `settings` at `clockSec` (the pacer's clock): stored in every member still recording. */
export function pacerChangeAll(s: LiveSession, settings: PacerSettings, clockSec: number, clockOf: (channel: string) => number): void {
  for (const m of liveMembers(s.members)) m.recorder.changePacer(settings, memberRecClock(s, m, clockSec, clockOf));
}

/** A marker now, in every member still recording (or only `only`), each at its own recording time. */
export function markMembers(s: LiveSession, kind: string, note: string, clockOf: (channel: string) => number, only?: Member): MarkerView {
  const clockSec = clockOf(s.channel);
  for (const m of only ? [only] : liveMembers(s.members)) m.recorder.addMarker(memberRecClock(s, m, clockSec, clockOf), kind, note);
  const view: MarkerView = { tSec: recClock(s, clockSec), clockSec, kind, note, ...(only ? { clientId: only.clientId } : {}) };
  s.markers.push(view);
  return view;
}
