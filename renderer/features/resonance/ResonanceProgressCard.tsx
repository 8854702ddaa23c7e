/**
 * The live step indicator: which step (or rest, or breath of the sliding sweep) runs, at which
 * rate, whether it is still settling, the time left in it and in the whole protocol, and a chip
 * per step (done / now / processing / waiting). Driven by the live clock on animation frames
 * (`resonanceRunProgress` at `liveData.clock.now()`), so it counts down smoothly between the
 * core's views; React re-renders only when the phase changes.
 */
import { useRef, useState } from 'react';
import type { ResonanceProgress } from '../../../shared/dsp/resonance/types.js';
import { resonanceRunProgress } from '../../../shared/ipc/resonanceRunProgress.js';
import type { ResonanceRunView } from '../../../shared/ipc/resonanceTypes.js';
import { useT } from '../../app/i18n.js';
import { liveData } from '../../app/store.js';
import { useFrame } from '../../charts/frameLoop.js';
import { Card } from '../../ui/Card.js';

type ChipState = 'done' | 'now' | 'analysing' | 'waiting';

/** The progress shown: live while running, the view's own after the end. */
function progressNow(run: ResonanceRunView): ResonanceProgress {
  return run.status === 'running' ? resonanceRunProgress(run, liveData.clock.now()) : run.progress;
}

const sameShape = (a: ResonanceProgress, b: ResonanceProgress): boolean => a.kind === b.kind && a.phaseIndex === b.phaseIndex && a.settling === b.settling;

export function ResonanceProgressCard({ run }: { run: ResonanceRunView }) {
  const { t, fmt } = useT();
  const [p, setP] = useState<ResonanceProgress>(() => progressNow(run));
  const stepLeft = useRef<HTMLSpanElement>(null);
  const totalLeft = useRef<HTMLSpanElement>(null);
  const bar = useRef<HTMLDivElement>(null);

  useFrame(() => {
    const now = progressNow(run);
    if (!sameShape(now, p)) setP(now);
    const set = (el: HTMLElement | null, text: string) => {
      if (el && el.textContent !== text) el.textContent = text;
    };
    set(stepLeft.current, fmt.duration(Math.ceil(now.remainingSec)));
    set(totalLeft.current, fmt.duration(Math.ceil(now.totalRemainingSec)));
    if (bar.current) {
      const total = Math.max(1e-6, run.endSec - run.startSec);
      const frac = run.status === 'running' ? Math.min(1, Math.max(0, 1 - now.totalRemainingSec / total)) : 1;
      bar.current.style.width = `${(frac * 100).toFixed(2)}%`;
    }
  });

  const sliding = run.variant === 'sliding';
  const running = run.status === 'running';
  let headline: string;
  let sub: string;
  if (!running) {
    headline = t('resonance.ended');
    sub = '';
  } else if (p.kind === 'before') {
    headline = t('resonance.before');
    sub = '';
  } else if (p.kind === 'done') {
    headline = t('resonance.finishing');
    sub = '';
  } else if (p.kind === 'rest') {
    headline = t('resonance.restBefore', { n: (p.stepIndex ?? 0) + 1 });
    sub = t('resonance.rest');
  } else {
    headline = `${t(sliding ? 'resonance.breathOf' : 'resonance.stepOf', { n: (p.stepIndex ?? 0) + 1, total: p.stepCount })} · ${t('resonance.atRate', { rate: fmt.num(p.rateBpm, sliding ? 2 : 1) })}`;
    sub = p.settling ? t('resonance.settling') : t('resonance.measuring');
  }

  const steps = run.phases.filter((ph) => ph.kind === 'step');
  const chipState = (i: number): ChipState => {
    if (i < run.stepsDone) return 'done';
    if (!running) return 'waiting';
    if (p.kind === 'step' && p.stepIndex === i) return 'now';
    if (p.kind === 'done' || (p.stepIndex !== null && i < p.stepIndex)) return 'analysing';
    return 'waiting';
  };

  return (
    <Card title={t('resonance.progress')} className="res-progress" testId="resonance-progress">
      <div className="stack">
        <div className="res-now" data-testid="resonance-step" data-kind={running ? p.kind : 'ended'} data-step={p.stepIndex ?? ''} data-settling={p.settling ? 'yes' : 'no'}>
          <div className="res-headline">{headline}</div>
          {sub && <div className={p.settling || p.kind === 'rest' ? 'res-sub muted' : 'res-sub tone-ok'}>{sub}</div>}
        </div>
        {running && (
          <div className="res-times">
            <div>
              <span className="res-time mono" ref={stepLeft} data-testid="resonance-step-left">
                0:00
              </span>
              <span className="small muted">{t(sliding ? 'resonance.leftInBreath' : 'resonance.leftInStep')}</span>
            </div>
            <div>
              <span className="res-time mono" ref={totalLeft}>
                0:00
              </span>
              <span className="small muted">{t('resonance.leftTotal')}</span>
            </div>
          </div>
        )}
        <div className="meter res-meter">
          <div className="meter-fill res-meter-fill" ref={bar} />
        </div>
        {!sliding && (
          <ol className="res-chips" data-testid="resonance-chips">
            {steps.map((st, i) => {
              const s = chipState(i);
              return (
                <li key={i} className={`res-chip res-chip-${s}`} data-state={s}>
                  <span className="res-chip-rate">{fmt.num(st.rateBpm, 1)}</span>
                  <span className="res-chip-state">{t(`resonance.chip.${s}`)}</span>
                </li>
              );
            })}
          </ol>
        )}
        {sliding && running && <p className="small muted">{t('resonance.sliding.running')}</p>}
      </div>
    </Card>
  );
}
