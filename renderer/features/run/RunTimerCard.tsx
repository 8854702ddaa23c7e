/**
 * The big interval timer of the run screen: the current block's kind, the time left in it
 * (counted down on animation frames from the last view, written to the DOM — not React state),
 * the next block and where in the session the client is. Its element carries the timer state as
 * `data-` attributes (block kind and index, phase, the number and kind of the last cue) for tests.
 */
import { useEffect, useRef } from 'react';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import { useT } from '../../app/i18n.js';
import { runViewReceivedAt } from './runStore.js';

const clock = (sec: number): string => {
  const s = Math.max(0, Math.ceil(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function RunTimerCard({ run }: { run: RunSessionView }) {
  const { t, fmt } = useT();
  const leftRef = useRef<HTMLSpanElement>(null);
  const block = run.blockIndex >= 0 ? run.blocks[run.blockIndex] : undefined;
  const last = run.cues.at(-1);
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      const counting = run.phase === 'running';
      const left = run.blockLeftSec - (counting ? (performance.now() - runViewReceivedAt()) / 1000 : 0);
      if (leftRef.current) leftRef.current.textContent = clock(Math.max(0, left));
      frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [run]);
  const ended = run.phase === 'finished' || run.phase === 'stopped';
  return (
    <section
      className={`card run-timer run-kind-${block?.kind ?? 'none'}`}
      data-testid="run-timer"
      data-phase={run.phase}
      data-block-kind={block?.kind ?? ''}
      data-block-index={run.blockIndex}
      data-cue-count={run.cues.length}
      data-last-cue={last ? `${last.kind}@${last.blockIndex}` : ''}
    >
      <div className="run-timer-kind" data-testid="run-timer-kind">
        {ended ? t('run.cue.end') : block ? t(`run.kind.${block.kind}`) : ''}
        {run.phase === 'paused' && <span className="badge">{t('run.paused')}</span>}
      </div>
      <div className="run-timer-left" aria-live="off">
        <span ref={leftRef} data-testid="run-timer-left">
          {clock(run.blockLeftSec)}
        </span>
      </div>
      <div className="run-timer-next" data-testid="run-timer-next">
        {ended ? t('run.finished') : run.next ? t('run.next', { kind: t(`run.kind.${run.next.kind}`), duration: fmt.duration(run.next.sec) }) : t('run.nextNone')}
      </div>
      <ol className="run-timer-strip" aria-label={t('run.blockOf', { n: run.blockIndex + 1, total: run.blocks.length })}>
        {run.blocks.map((b, i) => (
          <li key={i} className={`run-strip-${b.kind}${i === run.blockIndex ? ' on' : ''}${i < run.blockIndex ? ' done' : ''}`} style={{ flexGrow: b.sec }} title={`${t(`run.kind.${b.kind}`)} ${fmt.duration(b.sec)}`} />
        ))}
      </ol>
    </section>
  );
}
