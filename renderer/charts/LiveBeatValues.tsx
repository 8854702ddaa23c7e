/**
 * Per-beat numbers on the live screens — the heart rate of the newest beat and the HR–pacer phase —
 * written straight into the DOM on animation frames from `liveData` (no React state per beat), so
 * they change with every provisional beat (≈ 0.2 s after its pulse) and again when it is revised.
 */
import { useRef } from 'react';
import { useT, type StringKey } from '../app/i18n.js';
import { liveData } from '../app/store.js';
import { useFrame } from './frameLoop.js';
import type { LiveData } from './LiveData.js';

/** No beat for this long (signal time): no current heart rate. */
const STALE_SEC = 5;
/** Within ± this many degrees HR counts as rising on the in-breath (peaking around its end). */
export const IN_STEP_DEG = 45;

/** Writes `text()` into the element when it changed (at most once per frame). */
function useFrameText<E extends HTMLElement>(text: () => string) {
  const el = useRef<E>(null);
  const shown = useRef<string | null>(null);
  useFrame(() => {
    const s = text();
    if (s === shown.current || !el.current) return;
    el.current.textContent = s;
    shown.current = s;
  });
  return el;
}

/** The current language's formatters, for frame callbacks. */
function useLatestT() {
  const { fmt, t } = useT();
  const ref = useRef({ fmt, t });
  ref.current = { fmt, t };
  return ref;
}

/** The heart rate of the newest beat (bpm), '–' when there is none recent; `data`: whose (default: the channel on screen). */
export function LiveHeartRate({ testId, data }: { testId: string; data?: LiveData }) {
  const f = useLatestT();
  const el = useFrameText<HTMLSpanElement>(() => {
    const src = data ?? liveData;
    const hr = src.hr;
    const fresh = hr.length > 0 && src.clock.now() - hr.lastX < STALE_SEC;
    return f.current.fmt.num(fresh ? hr.lastY : null, 0);
  });
  return (
    <span ref={el} data-testid={testId}>
      –
    </span>
  );
}

/** The HR–pacer phase: the HR lag in degrees (signed) and what it means. */
export function LivePhaseValue() {
  const f = useLatestT();
  const value = useFrameText<HTMLSpanElement>(() => {
    const p = liveData.phase;
    if (!p) return '–';
    const deg = Math.round(p.hrLagDeg);
    return `${deg > 0 ? '+' : ''}${f.current.fmt.num(deg, 0)}°`;
  });
  const note = useFrameText<HTMLDivElement>(() => {
    const p = liveData.phase;
    const key: StringKey = !p ? 'metrics.phase.none' : Math.abs(p.hrLagDeg) <= IN_STEP_DEG ? 'metrics.phase.inStep' : p.hrLagDeg > 0 ? 'metrics.phase.late' : 'metrics.phase.early';
    return f.current.t(key);
  });
  return (
    <>
      <div className="tile-value">
        <span ref={value} data-testid="phase-value">
          –
        </span>
      </div>
      <div className="small muted" ref={note} data-testid="phase-note" />
    </>
  );
}
