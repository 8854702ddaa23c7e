/**
 * `resonanceRunProgress` — where a running assessment (`ResonanceRunView`) is at a time on the
 * channel clock: the same answer as `resonanceProgressAt` of shared/dsp/resonance for the stepped
 * protocol, and breath k of N for the sliding one. The core puts it in every view; the renderer
 * calls it on animation frames with the live clock, so the step indicator and the time left in
 * the step move smoothly between two views.
 */
import type { ResonanceProgress } from '../dsp/resonance/types.js';
import type { ResonanceRunView } from './resonanceTypes.js';

export type ResonanceTimetable = Pick<ResonanceRunView, 'variant' | 'settings' | 'phases' | 'breaths' | 'startSec' | 'endSec'>;

/** See the file comment. */
export function resonanceRunProgress(view: ResonanceTimetable, tSec: number): ResonanceProgress {
  const sliding = view.variant === 'sliding';
  const parts = sliding
    ? view.breaths.map((b, i) => ({ kind: 'step' as const, stepIndex: i, rateBpm: b.rateBpm, startSec: b.startSec, endSec: b.endSec, analysisStartSec: null }))
    : view.phases;
  const stepCount = sliding ? view.breaths.length : view.phases.filter((p) => p.kind === 'step').length;
  const totalRemainingSec = Math.max(0, view.endSec - tSec);
  const none = { stepIndex: null, stepCount, rateBpm: null, settling: false, elapsedSec: 0 };
  if (!(tSec >= view.startSec)) return { kind: 'before', phaseIndex: -1, ...none, remainingSec: Math.max(0, view.startSec - tSec), totalRemainingSec };
  const i = parts.findIndex((p) => tSec < p.endSec);
  if (i < 0) return { kind: 'done', phaseIndex: parts.length, ...none, remainingSec: 0, totalRemainingSec: 0 };
  const p = parts[i]!;
  return {
    kind: p.kind,
    phaseIndex: i,
    stepIndex: p.stepIndex,
    stepCount,
    rateBpm: p.kind === 'step' ? p.rateBpm : null,
    settling: sliding ? tSec < view.startSec + view.settings.settleSec : p.analysisStartSec !== null && tSec < p.analysisStartSec,
    elapsedSec: tSec - p.startSec,
    remainingSec: p.endSec - tSec,
    totalRemainingSec,
  };
}
