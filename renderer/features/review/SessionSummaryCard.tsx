/** The summary of a saved session: duration, HR, HRV, coherence (mean and time per level), breathing, artifacts. */
import { useEffect, useState } from 'react';
import type { SessionSummaryView } from '../../../shared/ipc/apiTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { ResonanceSessionResult } from '../resonance/ResonanceSessionResult.js';

export function useSessionSummary(sessionId: number | null): SessionSummaryView | null {
  const [s, setS] = useState<SessionSummaryView | null>(null);
  useEffect(() => {
    setS(null);
    if (sessionId === null) return;
    let live = true;
    api()
      .getSessionSummary(sessionId)
      .then((v) => live && setS(v), showError);
    return () => {
      live = false;
    };
  }, [sessionId]);
  return s;
}

export function SummaryNumbers({ s }: { s: SessionSummaryView }) {
  const { t, fmt } = useT();
  const lv = s.coherenceLevelsPct;
  const rows: [string, string][] = [
    [t('summary.duration'), fmt.duration(s.durationSec)],
    [t('summary.pacer'), s.pacer ? t('summary.pacerValue', { rate: fmt.num(s.pacer.rateBpm, 1), inhale: fmt.num(s.pacer.inhaleFraction * 100, 0) }) : t('summary.noPacer')],
    [t('metrics.meanHr'), `${fmt.num(s.meanHrBpm, 0)} ${t('unit.bpm')}`],
    ['RMSSD', `${fmt.num(s.rmssdMs, 0)} ms`],
    ['SDNN', `${fmt.num(s.sdnnMs, 0)} ms`],
    [t('summary.coherenceMean'), fmt.num(s.coherenceMean, 2)],
    [t('summary.coherenceLevels'), lv ? `${fmt.num(lv.high, 0)} / ${fmt.num(lv.medium, 0)} / ${fmt.num(lv.low, 0)} %` : '–'],
    [t('metrics.breathing'), `${fmt.num(s.respirationBpm, 1)} ${t('unit.perMin')}`],
    [t('summary.artifacts'), s.artifactsPct === null ? '–' : `${fmt.num(s.artifactsPct, 1)} %`],
    [t('summary.markers'), String(s.markerCount)],
  ];
  return (
    <dl className="summary-grid" data-testid="summary-numbers">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SessionSummaryCard({ sessionId, onClose }: { sessionId: number; onClose?: () => void }) {
  const { t, fmt } = useT();
  const s = useSessionSummary(sessionId);
  return (
    <Card
      title={t('summary.title')}
      testId="session-summary"
      actions={
        <>
          <button className="btn small" onClick={() => navigate(`#/review/${sessionId}`)} data-testid="open-review">
            {t('summary.openReview')}
          </button>
          {onClose && (
            <button className="btn small ghost" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
        </>
      }
    >
      {s ? (
        <>
          <p className="small muted">
            {fmt.dateTime(s.startedAt)} · {t(`status.${s.status}`)}
          </p>
          <SummaryNumbers s={s} />
          {s.type === 'resonance' && <ResonanceSessionResult sessionId={s.sessionId} />}
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </Card>
  );
}
