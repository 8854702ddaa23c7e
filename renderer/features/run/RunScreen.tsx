/**
 * The live run session (#/run, issue 15): client, sensor and the session's blocks on the left; on
 * the right the big interval timer, live heart rate in the client's zones with the Borg 11–13
 * target, the Borg prompt at the end of each run block (with the talk test), and after the stop
 * the result (heart-rate recovery) with the way to the stored session. Each cue is played as a
 * tone and spoken where a local voice exists (runCues.ts). The session itself runs in the core
 * (main/app/runSessionCalls.ts); this screen shows its views.
 */
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { ClientPanel } from '../clients/ClientPanel.js';
import { SensorPanel } from '../sensors/SensorPanel.js';
import { BorgPrompt } from './BorgPrompt.js';
import { RunHeartRateCard } from './RunHeartRateCard.js';
import { RunSetupCard } from './RunSetupCard.js';
import { RunTimerCard } from './RunTimerCard.js';
import { useRunSession } from './runStore.js';
import { useRunCueSound } from './useRunCueSound.js';
import './run.css';

export function RunScreen() {
  const { t, fmt } = useT();
  const run = useRunSession();
  const selected = useApp((s) => s.selectedClientId);
  useRunCueSound();
  if (run && run.groupId !== null && run.phase !== 'stopped') {
    return (
      <div className="live run" data-testid="run-screen">
        <Card testId="run-group-on">
          <p>{t('grouprun.elsewhere')}</p>
          <button className="btn" onClick={() => navigate('#/grouprun')}>
            {t('grouprun.toConsole')}
          </button>
        </Card>
      </div>
    );
  }
  // A stopped session belongs to its client: shown while that client is selected (a group run: on its own page).
  const shown = run && run.groupId === null && (run.phase !== 'stopped' || run.clientId === selected) ? run : null;
  const hrr = shown?.summary?.hrr ?? null;
  return (
    <div className="live run" data-testid="run-screen">
      <aside className="side">
        <ClientPanel />
        <SensorPanel />
        <RunSetupCard run={shown} />
      </aside>
      <div className="main">
        {shown && <RunTimerCard run={shown} />}
        {shown && shown.borgDue !== null && <BorgPrompt key={shown.borgDue} run={shown} blockIndex={shown.borgDue} />}
        {shown && shown.phase !== 'stopped' && <RunHeartRateCard zones={shown.zones} restSource={shown.hrRestSource} />}
        {shown && shown.borg.length > 0 && (
          <ul className="run-borg-list small" data-testid="run-borg-list">
            {shown.borg.filter((b) => b.borg !== null).map((b) => (
              <li key={b.blockIndex}>{t('run.borgSaved', { borg: b.borg ?? '', n: shown.blocks.slice(0, b.blockIndex + 1).filter((x) => x.kind === 'run').length })}</li>
            ))}
          </ul>
        )}
        {shown?.phase === 'stopped' && (
          <Card title={t('run.result')} testId="run-result">
            <p data-testid="run-hrr">{hrr && hrr.hrr60Bpm !== null ? t('run.hrr', { hrr60: fmt.num(hrr.hrr60Bpm, 0), hrr120: fmt.num(hrr.hrr120Bpm, 0) }) : t('run.hrrNone')}</p>
            <button className="btn" onClick={() => navigate(`#/review/${shown.sessionId}`)} data-testid="run-open-review">
              {t('run.openReview')}
            </button>
          </Card>
        )}
      </div>
    </div>
  );
}
