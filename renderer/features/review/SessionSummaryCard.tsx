/**
 * The summary of a saved session: duration, HR, HRV, coherence (mean and time per level over the
 * whole session, with the time not scored), breathing, artifacts. A figure the analysis withheld
 * shows no number: it is greyed, with the reason in the UI's language.
 */
import { useEffect, useState } from 'react';
import { withheldReasonText, type HrvMetricKey } from '../../../shared/dsp/hrvWithheld.js';
import { analysisRefusalText, summaryRefusal } from '../../../shared/i18n/analysisRefusalText.js';
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

/** One number of the summary: label, value, and (for a withheld figure) why it is not shown. */
interface SummaryRow {
  key: string;
  label: string;
  value: string;
  withheld?: string;
  title?: string;
}

export function SummaryNumbers({ s }: { s: SessionSummaryView }) {
  const { t, fmt, locale } = useT();
  const lv = s.coherenceLevelsPct;
  /** A HRV figure, or '–' greyed with the reason when the analysis withheld it. */
  const hrv = (key: HrvMetricKey, label: string, value: string): SummaryRow => {
    const reason = s.hrvWithheld?.[key];
    return reason ? { key, label, value: '–', withheld: t('summary.withheld', { reason: withheldReasonText(reason, locale) }) } : { key, label, value };
  };
  const rows: SummaryRow[] = [
    { key: 'duration', label: t('summary.duration'), value: fmt.duration(s.durationSec) },
    {
      key: 'pacer',
      label: t('summary.pacer'),
      value: s.pacer ? t('summary.pacerValue', { rate: fmt.num(s.pacer.rateBpm, 1), inhale: fmt.num(s.pacer.inhaleFraction * 100, 0) }) : t('summary.noPacer'),
    },
    hrv('meanHrBpm', t('metrics.meanHr'), `${fmt.num(s.meanHrBpm, 0)} ${t('unit.bpm')}`),
    hrv('rmssdMs', 'RMSSD', `${fmt.num(s.rmssdMs, 0)} ms`),
    hrv('sdnnMs', 'SDNN', `${fmt.num(s.sdnnMs, 0)} ms`),
    { key: 'coherenceMean', label: t('summary.coherenceMean'), value: fmt.num(s.coherenceMean, 2) },
    { key: 'coherenceLevels', label: t('summary.coherenceLevels'), value: lv ? `${fmt.num(lv.high, 0)} / ${fmt.num(lv.medium, 0)} / ${fmt.num(lv.low, 0)} %` : '–' },
    { key: 'notScored', label: t('summary.notScored'), value: lv ? `${fmt.num(lv.notScored, 0)} %` : '–', title: t('summary.notScoredHint') },
    { key: 'breathing', label: t('metrics.breathing'), value: `${fmt.num(s.respirationBpm, 1)} ${t('unit.perMin')}` },
    { key: 'artifacts', label: t('summary.artifacts'), value: s.artifactsPct === null ? '–' : `${fmt.num(s.artifactsPct, 1)} %` },
    { key: 'markers', label: t('summary.markers'), value: String(s.markerCount) },
  ];
  // A session that could not be analysed says why (the stored refusal, in the UI's language when it is coded).
  const stored = summaryRefusal(s.raw);
  const refusal = stored ? analysisRefusalText(locale, stored) : '';
  return (
    <>
      {refusal && (
        <p className="warn small analysis-error" data-testid="summary-analysis-error">
          {t('summary.noAnalysis', { reason: refusal })}
        </p>
      )}
      <dl className="summary-grid" data-testid="summary-numbers">
        {rows.map((r) => (
          <div key={r.key} className={r.withheld ? 'withheld' : undefined} data-testid={`summary-${r.key}`} data-withheld={r.withheld ? s.hrvWithheld[r.key as HrvMetricKey] : undefined} title={r.title}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
            {r.withheld && <dd className="withheld-reason small muted">{r.withheld}</dd>}
          </div>
        ))}
      </dl>
    </>
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
