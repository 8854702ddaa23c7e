/**
 * The group run page (#/grouprun, issue 15 "works for a group too"): the set-up (runners with a
 * sensor each, their resting HR and HRmax, the blocks for all) while no session runs, the console
 * (one big timer, a row per runner, their Borg prompts) while a group run runs, and after the stop
 * each runner's result with the way to their stored session. The cues are played as on the run
 * screen. The session runs in the core (main/app/runSessionCalls.ts).
 */
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { GroupRunConsole } from './GroupRunConsole.js';
import { GroupRunSetup } from './GroupRunSetup.js';
import { useRunSession } from './runStore.js';
import { useRunCueSound } from './useRunCueSound.js';
import './run.css';

export function GroupRunScreen() {
  const { t, fmt } = useT();
  const run = useRunSession();
  const phase = useApp((s) => s.session.phase);
  const clients = useApp((s) => s.clients);
  useRunCueSound();
  const group = run && run.groupId !== null ? run : null;
  if (group && group.phase !== 'stopped') return <GroupRunConsole run={group} />;
  const nameOf = (id: number): string => clients.find((c) => c.id === id)?.name ?? `#${id}`;
  return (
    <div className="group-page" data-testid="grouprun-page">
      {group && (
        <Card title={t('grouprun.result')} testId="grouprun-result">
          <ul className="grouprun-results">
            {group.runners.map((r) => (
              <li key={r.sessionId} data-testid="grouprun-result-row" data-client={r.clientId}>
                <strong>{nameOf(r.clientId)}</strong>{' '}
                <span data-testid="grouprun-hrr">
                  {r.summary?.hrr.hrr60Bpm != null ? t('run.hrr', { hrr60: fmt.num(r.summary.hrr.hrr60Bpm, 0), hrr120: fmt.num(r.summary.hrr.hrr120Bpm, 0) }) : t('run.hrrNone')}
                </span>{' '}
                <button className="btn small" onClick={() => navigate(`#/review/${r.sessionId}`)} data-testid="grouprun-open-review">
                  {t('run.openReview')}
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {phase !== 'idle' ? (
        <Card testId="grouprun-busy">
          <p>{t('run.busySession')}</p>
        </Card>
      ) : (
        <GroupRunSetup />
      )}
    </div>
  );
}
