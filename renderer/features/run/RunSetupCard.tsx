/**
 * The set-up panel of the run screen: the session's blocks — the next session of the client's
 * run programme, or typed in (kind and length per block) — the resting HR and HRmax for the zones
 * (empty: the last breathing session's mean HR, Tanaka's prediction), and start / stop.
 */
import { useEffect, useState } from 'react';
import type { ProgrammeBlock, ProgrammeBlockKind } from '../../../shared/running/programme.js';
import { PROGRAMME_BLOCK_KINDS } from '../../../shared/running/programme.js';
import { runBlocksProblem } from '../../../shared/running/runTimer.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { reloadClients, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { useAction } from '../../ui/useAsync.js';
import { primeRunAudio } from './runCues.js';
import { expectRunStart, startedRunSession } from './runStore.js';

const DEFAULT_BLOCKS: ProgrammeBlock[] = [
  { kind: 'warmup', sec: 300 },
  { kind: 'run', sec: 60 },
  { kind: 'walk', sec: 120 },
  { kind: 'cooldown', sec: 300 },
];

export function RunSetupCard({ run }: { run: RunSessionView | null }) {
  const { t, fmt } = useT();
  const clientId = useApp((s) => s.selectedClientId);
  const connected = useApp((s) => s.channels.some((c) => c.state === 'connected'));
  const sessionBusy = useApp((s) => s.session.phase !== 'idle');
  const { busy, run: act } = useAction();
  const [programme, setProgramme] = useState<{ week: number; blocks: ProgrammeBlock[] } | null>(null);
  const [blocks, setBlocks] = useState<ProgrammeBlock[]>(DEFAULT_BLOCKS);
  const [fromProgramme, setFromProgramme] = useState(false);
  const [hrRest, setHrRest] = useState('');
  const [hrMax, setHrMax] = useState('');
  const running = run !== null && run.phase !== 'stopped';

  useEffect(() => {
    let live = true;
    setProgramme(null);
    if (clientId === null) return;
    void api()
      .getRunProgrammeStatus(clientId)
      .then((s) => {
        if (!live) return;
        const next = s?.next ?? null;
        setProgramme(next);
        if (next) {
          setBlocks(next.blocks.map((b) => ({ ...b })));
          setFromProgramme(true);
        } else setFromProgramme(false);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [clientId]);

  const edit = (next: ProgrammeBlock[]) => {
    setBlocks(next);
    setFromProgramme(false);
  };
  const num = (v: string): number | null => (v.trim() === '' ? null : Number(v));
  const problem = runBlocksProblem(blocks);
  const total = blocks.reduce((s, b) => s + (Number.isFinite(b.sec) ? b.sec : 0), 0);

  const start = () =>
    void act(async () => {
      if (clientId === null || problem) return;
      primeRunAudio();
      expectRunStart();
      const v = await api().startRunSession({
        clientId,
        ...(fromProgramme ? {} : { blocks }),
        hrRestBpm: num(hrRest),
        hrMaxBpm: num(hrMax),
      });
      startedRunSession(v);
    });
  const stop = () =>
    void act(async () => {
      startedRunSession(await api().stopRunSession());
      await reloadClients(api());
    });

  return (
    <Card title={t('run.setup')} testId="run-setup">
      <div className="stack">
        <p className="small muted" data-testid="run-blocks-source">
          {fromProgramme && programme ? t('run.blocksFromProgramme', { week: programme.week }) : programme ? t('run.blocksTyped') : t('run.noProgramme')}
        </p>
        {programme && !fromProgramme && !running && (
          <button className="btn small ghost" onClick={() => { setBlocks(programme.blocks.map((b) => ({ ...b }))); setFromProgramme(true); }} data-testid="run-use-programme">
            {t('run.useProgramme')}
          </button>
        )}
        <ol className="run-blocks" data-testid="run-blocks">
          {blocks.map((b, i) => (
            <li key={i} className="run-block-row">
              <select value={b.kind} disabled={running} aria-label={t('run.blocks')} onChange={(e) => edit(blocks.map((x, k) => (k === i ? { ...x, kind: e.target.value as ProgrammeBlockKind } : x)))} data-testid={`run-block-kind-${i}`}>
                {PROGRAMME_BLOCK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`run.kind.${k}`)}
                  </option>
                ))}
              </select>
              <input type="number" min={1} max={10800} step={1} disabled={running} aria-label={t('run.blockSec')} value={Number.isFinite(b.sec) ? b.sec : ''} onChange={(e) => edit(blocks.map((x, k) => (k === i ? { ...x, sec: e.target.value === '' ? NaN : Number(e.target.value) } : x)))} data-testid={`run-block-sec-${i}`} />
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
        <div className="row2">
          <Field label={t('run.hrRest')} hint={t('run.hrRestHint')}>
            <input type="number" min={30} max={120} disabled={running} value={hrRest} onChange={(e) => setHrRest(e.target.value)} data-testid="run-hr-rest" />
          </Field>
          <Field label={t('run.hrMax')} hint={t('run.hrMaxHint')}>
            <input type="number" min={100} max={230} disabled={running} value={hrMax} onChange={(e) => setHrMax(e.target.value)} data-testid="run-hr-max" />
          </Field>
        </div>
        {running ? (
          <button className="btn danger big" disabled={busy} onClick={stop} data-testid="run-stop">
            {t('run.stop')}
          </button>
        ) : (
          <>
            <button className="btn primary big" disabled={busy || clientId === null || !connected || sessionBusy || problem !== null} onClick={start} data-testid="run-start">
              {t('run.start')}
            </button>
            {clientId === null && <p className="small muted">{t('session.needClient')}</p>}
            {clientId !== null && !connected && <p className="small muted">{t('session.needSensor')}</p>}
            {sessionBusy && <p className="small muted">{t('run.busySession')}</p>}
          </>
        )}
      </div>
    </Card>
  );
}
