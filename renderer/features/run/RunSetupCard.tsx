/**
 * The set-up panel of the run screen: the session's blocks — the next session of the client's
 * run programme, or typed in (kind and length per block) — the resting HR and HRmax for the zones
 * (empty: the last breathing session's mean HR, Tanaka's prediction), and start / stop.
 */
import { useState } from 'react';
import { runBlocksProblem } from '../../../shared/running/runTimer.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { reloadClients, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { useAction } from '../../ui/useAsync.js';
import { primeRunAudio } from './runCues.js';
import { RunBlocksEditor } from './RunBlocksEditor.js';
import { expectRunStart, startedRunSession } from './runStore.js';
import { useRunBlocks } from './useRunBlocks.js';

export function RunSetupCard({ run }: { run: RunSessionView | null }) {
  const { t } = useT();
  const clientId = useApp((s) => s.selectedClientId);
  const connected = useApp((s) => s.channels.some((c) => c.state === 'connected'));
  const sessionBusy = useApp((s) => s.session.phase !== 'idle');
  const { busy, run: act } = useAction();
  const runBlocks = useRunBlocks(clientId);
  const { blocks, fromProgramme } = runBlocks;
  const [hrRest, setHrRest] = useState('');
  const [hrMax, setHrMax] = useState('');
  const running = run !== null && run.phase !== 'stopped';

  const num = (v: string): number | null => (v.trim() === '' ? null : Number(v));
  const problem = runBlocksProblem(blocks);

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
        <RunBlocksEditor b={runBlocks} running={running} />
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
            <button className="btn ghost" onClick={() => navigate('#/grouprun')} data-testid="run-to-group">
              {t('grouprun.open')}
            </button>
          </>
        )}
      </div>
    </Card>
  );
}
