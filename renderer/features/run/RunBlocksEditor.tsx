/**
 * The blocks of a run session being set up (`useRunBlocks`): where they come from (the programme's
 * week, or typed in), a row per block (kind, seconds, remove), a block more, and the total or why
 * the blocks cannot run. Locked while the session runs.
 */
import type { ProgrammeBlockKind } from '../../../shared/running/programme.js';
import { PROGRAMME_BLOCK_KINDS } from '../../../shared/running/programme.js';
import { runBlocksProblem } from '../../../shared/running/runTimer.js';
import { useT } from '../../app/i18n.js';
import type { RunBlocks } from './useRunBlocks.js';

export function RunBlocksEditor({ b, running }: { b: RunBlocks; running: boolean }) {
  const { t, fmt } = useT();
  const { blocks, programme, fromProgramme, edit } = b;
  const problem = runBlocksProblem(blocks);
  const total = blocks.reduce((s, x) => s + (Number.isFinite(x.sec) ? x.sec : 0), 0);
  return (
    <>
      <p className="small muted" data-testid="run-blocks-source">
        {fromProgramme && programme ? t('run.blocksFromProgramme', { week: programme.week }) : programme ? t('run.blocksTyped') : t('run.noProgramme')}
      </p>
      {programme && !fromProgramme && !running && (
        <button className="btn small ghost" onClick={b.useProgramme} data-testid="run-use-programme">
          {t('run.useProgramme')}
        </button>
      )}
      <ol className="run-blocks" data-testid="run-blocks">
        {blocks.map((x, i) => (
          <li key={i} className="run-block-row">
            <select value={x.kind} disabled={running} aria-label={t('run.blocks')} onChange={(e) => edit(blocks.map((y, k) => (k === i ? { ...y, kind: e.target.value as ProgrammeBlockKind } : y)))} data-testid={`run-block-kind-${i}`}>
              {PROGRAMME_BLOCK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`run.kind.${k}`)}
                </option>
              ))}
            </select>
            <input type="number" min={1} max={10800} step={1} disabled={running} aria-label={t('run.blockSec')} value={Number.isFinite(x.sec) ? x.sec : ''} onChange={(e) => edit(blocks.map((y, k) => (k === i ? { ...y, sec: e.target.value === '' ? NaN : Number(e.target.value) } : y)))} data-testid={`run-block-sec-${i}`} />
            <button className="btn small ghost" disabled={running || blocks.length < 2} aria-label={t('run.removeBlock', { n: i + 1 })} onClick={() => edit(blocks.filter((_, k) => k !== i))} data-testid={`run-block-remove-${i}`}>
              ×
            </button>
          </li>
        ))}
      </ol>
      {!running && (
        <button className="btn small" onClick={() => edit([...blocks, { kind: blocks.at(-1)?.kind === 'run' ? 'walk' : 'run', sec: 60 }])} data-testid="run-add-block">
          {t('run.addBlock')}
        </button>
      )}
      {problem ? <p className="small tone-bad">{t('run.invalidBlocks')}</p> : <p className="small muted">{t('run.total', { duration: fmt.duration(total) })}</p>}
    </>
  );
}
