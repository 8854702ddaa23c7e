/**
 * A live run session's own markers ('run-cue', 'run-borg'; their note a small JSON object written
 * by main/running/liveRunStore.ts) read back for display (the review's marker list); null for other
 * markers or a note that is not one of them.
 */
import { RUN_CUE_KINDS, type RunCueKind } from './runTimer.js';

export type RunMarkerInfo =
  | { what: 'cue'; kind: RunCueKind; blockIndex: number }
  | { what: 'borg'; blockIndex: number; borg: number | null; talkTest: boolean | null };

export function runMarkerInfo(m: { kind: string; note: string }): RunMarkerInfo | null {
  if (m.kind !== 'run-cue' && m.kind !== 'run-borg') return null;
  let v: unknown;
  try {
    v = JSON.parse(m.note);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as { kind?: unknown; blockIndex?: unknown; borg?: unknown; talkTest?: unknown };
  if (typeof o.blockIndex !== 'number' || !Number.isInteger(o.blockIndex) || o.blockIndex < 0) return null;
  if (m.kind === 'run-borg') {
    return { what: 'borg', blockIndex: o.blockIndex, borg: typeof o.borg === 'number' ? o.borg : null, talkTest: typeof o.talkTest === 'boolean' ? o.talkTest : null };
  }
  return RUN_CUE_KINDS.includes(o.kind as RunCueKind) ? { what: 'cue', kind: o.kind as RunCueKind, blockIndex: o.blockIndex } : null;
}
