/**
 * The console of a running group run: the one big interval timer (`RunTimerCard`, shared with the
 * single run), pause/resume and stop for all, the Borg prompt of one runner at a time (the first
 * runner whose prompt is open; the therapist rates or skips, then the next one's opens) and a row
 * per runner (`RunnerRow`) with their live heart rate in their own zones.
 */
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { groupLive, reloadClients, useApp } from '../../app/store.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import { Badge } from '../../ui/Badge.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import { StorageBanner } from '../session/StorageBanner.js';
import { BorgPrompt } from './BorgPrompt.js';
import { RunnerRow } from './RunnerRow.js';
import { RunTimerCard } from './RunTimerCard.js';
import { startedRunSession } from './runStore.js';

export function GroupRunConsole({ run }: { run: RunSessionView }) {
  const { t } = useT();
  const phase = useApp((s) => s.session.phase);
  const clients = useApp((s) => s.clients);
  const channels = useApp((s) => s.channels);
  const quality = useApp((s) => s.quality);
  const { busy, run: act } = useAction();
  const nameOf = (id: number): string => clients.find((c) => c.id === id)?.name ?? `#${id}`;
  const due = run.runners.find((r) => r.borgDue !== null);
  const stop = () =>
    void act(async () => {
      startedRunSession(await api().stopRunSession());
      await reloadClients(api());
    });
  return (
    <div className="live run group-console" data-testid="grouprun-console">
      <div className="group-console-main">
        <StorageBanner />
        <RunTimerCard run={run} />
        {due && <BorgPrompt key={`${due.clientId}-${due.borgDue}`} run={run} blockIndex={due.borgDue!} runner={{ clientId: due.clientId, name: nameOf(due.clientId) }} />}
        <Card title={t('grouprun.consoleTitle', { n: run.runners.length })} testId="grouprun-controls">
          <div className="group-controls">
            <Badge tone={phase === 'paused' ? 'warn' : 'ok'} testId="session-phase">
              {t(`session.phase.${phase}`)}
            </Badge>
            {phase === 'paused' ? (
              <button className="btn" disabled={busy} onClick={() => void act(() => api().resumeSession())} data-testid="grouprun-resume">
                {t('group.resumeAll')}
              </button>
            ) : (
              <button className="btn" disabled={busy || phase !== 'recording'} onClick={() => void act(() => api().pauseSession())} data-testid="grouprun-pause">
                {t('group.pauseAll')}
              </button>
            )}
            <button className="btn danger" disabled={busy} onClick={stop} data-testid="grouprun-stop">
              {t('grouprun.stop')}
            </button>
          </div>
        </Card>
        <Card testId="grouprun-runners">
          <table className="member-table">
            <thead>
              <tr>
                <th>{t('grouprun.col.runner')}</th>
                <th>{t('quality.title')}</th>
                <th>{t('grouprun.col.hr')}</th>
                <th>{t('grouprun.col.zone')}</th>
                <th>{t('grouprun.col.target')}</th>
                <th>{t('grouprun.col.borg')}</th>
              </tr>
            </thead>
            <tbody>
              {run.runners.map((r, i) => (
                <RunnerRow key={r.sessionId} index={i} runner={r} name={nameOf(r.clientId)} channel={channels.find((c) => c.channel === r.channel)} quality={quality[r.channel]} data={groupLive.get(r.channel)} />
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
