/**
 * The set-up of a group run: the runners (the group set-up's participant rows: a client and a sensor
 * each, remembered sensors filled in), each runner's resting HR and HRmax for their own zones (empty:
 * their last breathing session's mean HR, Tanaka's prediction), the blocks for the whole group (the
 * first runner's programme, or typed in) and start.
 */
import { useState } from 'react';
import type { ParticipantDraft } from '../../../shared/group/groupSetup.js';
import { runBlocksProblem } from '../../../shared/running/runTimer.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { Card } from '../../ui/Card.js';
import { ParticipantsCard } from '../group/ParticipantsCard.js';
import { EMPTY_ROW, useParticipants, type ParticipantStore } from '../group/useParticipants.js';
import { primeRunAudio } from './runCues.js';
import { RunBlocksEditor } from './RunBlocksEditor.js';
import { expectRunStart, startedRunSession } from './runStore.js';
import { useRunBlocks } from './useRunBlocks.js';

// Kept across screen changes.
const saved: ParticipantStore = { rows: [EMPTY_ROW, EMPTY_ROW] };
let savedHr: Record<number, { rest: string; max: string }> = {};

export function GroupRunSetup() {
  const { t } = useT();
  const p = useParticipants(saved);
  const [hr, setHrState] = useState(savedHr);
  const blocks = useRunBlocks(p.rows[0]?.clientId ?? null);
  const setHr = (clientId: number, patch: Partial<{ rest: string; max: string }>) => {
    savedHr = { ...savedHr, [clientId]: { ...(savedHr[clientId] ?? { rest: '', max: '' }), ...patch } };
    setHrState(savedHr);
  };
  const num = (v: string | undefined): number | null => (v === undefined || v.trim() === '' ? null : Number(v));
  const problem = p.problem ?? (runBlocksProblem(blocks.blocks) ? 'blocks' : null);
  const start = () =>
    void p.run(async () => {
      if (problem !== null) return;
      primeRunAudio();
      expectRunStart();
      const runners = p.rows.map((r, i) => ({ clientId: r.clientId!, channel: p.assigned[i]!.channel, hrRestBpm: num(hr[r.clientId!]?.rest), hrMaxBpm: num(hr[r.clientId!]?.max) }));
      startedRunSession(await api().startGroupRunSession({ runners, ...(blocks.fromProgramme ? { programmeClientId: runners[0]!.clientId } : { blocks: blocks.blocks }) }));
    });
  const hrFields = (i: number, r: ParticipantDraft) =>
    r.clientId === null ? null : (
      <div className="grouprun-hr" data-testid={`grouprun-hr-${i}`}>
        <span />
        <label title={t('run.hrRestHint')}>
          {t('run.hrRest')}
          <input type="number" min={30} max={120} placeholder={t('grouprun.auto')} value={hr[r.clientId]?.rest ?? ''} onChange={(e) => setHr(r.clientId!, { rest: e.target.value })} data-testid={`grouprun-hr-rest-${i}`} />
        </label>
        <label title={t('run.hrMaxHint')}>
          {t('run.hrMax')}
          <input type="number" min={100} max={230} placeholder={t('grouprun.auto')} value={hr[r.clientId]?.max ?? ''} onChange={(e) => setHr(r.clientId!, { max: e.target.value })} data-testid={`grouprun-hr-max-${i}`} />
        </label>
      </div>
    );
  return (
    <div className="group-setup" data-testid="grouprun-setup">
      <div className="group-setup-main">
        <p className="small muted">{t('grouprun.hint')}</p>
        <ParticipantsCard p={p} title={t('grouprun.runners')} extra={hrFields} />
      </div>
      <aside className="side">
        <Card title={t('grouprun.blocksTitle')} testId="run-setup">
          <div className="stack">
            <p className="small muted">{t('grouprun.blocksOf')}</p>
            <RunBlocksEditor b={blocks} running={false} />
            <button className="btn primary big" disabled={p.busy || problem !== null} onClick={start} data-testid="grouprun-start">
              {t('grouprun.start', { n: p.rows.length })}
            </button>
            {problem !== null && (
              <p className="small muted" data-testid="group-problem" data-problem={problem}>
                {problem === 'blocks' ? t('run.invalidBlocks') : t(`group.problem.${problem}`)}
              </p>
            )}
            <button className="btn ghost" onClick={() => navigate('#/run')} data-testid="grouprun-single">
              {t('grouprun.single')}
            </button>
          </div>
        </Card>
      </aside>
    </div>
  );
}
