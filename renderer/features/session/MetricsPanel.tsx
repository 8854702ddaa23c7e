/**
 * Live scores: coherence (ratio, level, trend), breathing rate from heart rate, mean HR, RMSSD and
 * SDNN, plus two per-beat values: the heart rate of the newest beat and the HR–pacer phase (they
 * follow every provisional beat, drawn on animation frames by LiveBeatValues, not through React).
 * The scores come from the once-per-second metrics (React re-renders at most 4×/s). When the
 * signal is bad the scores are greyed and frozen at their last trusted values, with the reason. A
 * figure the last 64 s cannot carry (withheld by the analysis) shows no number, only why.
 */
import { useEffect, useState } from 'react';
import type { LiveMetrics } from '../../../shared/dsp/LivePipeline.js';
import { withheldReasonText, type WithheldReason } from '../../../shared/dsp/hrvWithheld.js';
import { hasKey, useT } from '../../app/i18n.js';
import { liveData, primaryChannel, useApp } from '../../app/store.js';
import { CoherenceTrend } from '../../charts/CoherenceTrend.js';
import { LiveHeartRate, LivePhaseValue } from '../../charts/LiveBeatValues.js';
import { qualityIsBad } from '../sensors/QualityIndicator.js';

interface Shown {
  m: LiveMetrics;
  meanHr: number | null;
}

/** Mean heart rate of the last 60 s of beats. */
function meanHr(): number | null {
  const hr = liveData.hr;
  const last = hr.lastX;
  if (!Number.isFinite(last)) return null;
  const ys = hr.y(hr.lowerBound(last - 60));
  if (ys.length === 0) return null;
  let s = 0;
  for (let i = 0; i < ys.length; i++) s += ys[i]!;
  return s / ys.length;
}

function useLiveMetrics(): LiveMetrics | null {
  const [m, setM] = useState<LiveMetrics | null>(liveData.metrics);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = liveData.subscribeMetrics(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setM(liveData.metrics);
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return m;
}

export function MetricsPanel() {
  const { t, fmt, locale } = useT();
  const m = useLiveMetrics();
  const channel = useApp(primaryChannel);
  const q = useApp((s) => (channel ? s.quality[channel] : undefined));
  const [good, setGood] = useState<Shown | null>(null);
  const badSignal = qualityIsBad(q) || (m !== null && m.qualityPct < 50);

  useEffect(() => {
    if (m && !badSignal) setGood({ m, meanHr: meanHr() });
  }, [m, badSignal]);
  useEffect(() => {
    if (m === null) setGood(null);
  }, [m]);

  const shown = good?.m ?? null;
  const why = (r: WithheldReason | undefined): string | undefined => (r ? withheldReasonText(r, locale) : undefined);
  const level = shown?.coherenceLevel ?? null;
  const reasonKey = q?.hint ? `hint.${q.hint}` : null;
  const reason = reasonKey && hasKey(reasonKey) ? t(reasonKey) : t('metrics.poorSignal');

  return (
    <div className={badSignal ? 'metrics frozen' : 'metrics'} data-testid="metrics" data-frozen={badSignal ? 'yes' : 'no'}>
      {badSignal && m !== null && (
        <div className="frozen-banner" data-testid="frozen-reason">
          {t('metrics.frozen')}: {reason}
        </div>
      )}
      <div className="tile tile-coherence">
        <div className="tile-label">{t('metrics.coherence')}</div>
        <div className="tile-main">
          <span className="big-number" data-testid="coherence-value">
            {fmt.num(shown?.coherenceRatio, 1)}
          </span>
          <span className={`level level-${level ?? 'none'}`} data-testid="coherence-level">
            {level ? t(`level.${level}`) : t('level.none')}
          </span>
        </div>
        <CoherenceTrend
          key={locale}
          frozen={badSignal}
          labels={{
            axis: t('axis.coherenceShort'),
            levels: { low: t('level.low'), medium: t('level.medium'), high: t('level.high') },
            timeTitles: { session: t('axis.sessionTime'), relative: t('axis.relativeTime') },
          }}
        />
      </div>
      <div className="tiles">
        <div className="tile tile-live" title={t('metrics.hrNowHelp')}>
          <div className="tile-label">{t('metrics.hrNow')}</div>
          <div className="tile-value">
            <LiveHeartRate testId="hr-now-value" /> <span className="unit">{t('unit.bpm')}</span>
          </div>
        </div>
        <div className="tile tile-live" title={t('metrics.phaseHelp')} data-testid="phase-tile">
          <div className="tile-label">{t('metrics.phase')}</div>
          <LivePhaseValue />
        </div>
        <Tile label={t('metrics.breathing')} value={fmt.num(shown?.respirationBpm, 1)} unit={t('unit.perMin')} testId="resp-value" />
        <Tile label={t('metrics.meanHr')} value={fmt.num(good?.meanHr, 0)} unit={t('unit.bpm')} testId="hr-value" />
        <Tile label="RMSSD" value={fmt.num(shown?.rmssdMs, 0)} unit="ms" testId="rmssd-value" withheld={why(shown?.withheld?.rmssdMs)} />
        <Tile label="SDNN" value={fmt.num(shown?.sdnnMs, 0)} unit="ms" testId="sdnn-value" withheld={why(shown?.withheld?.sdnnMs)} />
      </div>
    </div>
  );
}

function Tile({ label, value, unit, testId, withheld }: { label: string; value: string; unit: string; testId: string; withheld?: string | undefined }) {
  return (
    <div className={withheld ? 'tile withheld' : 'tile'} data-withheld={withheld ? 'yes' : 'no'}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">
        <span data-testid={testId}>{withheld ? '–' : value}</span> <span className="unit">{unit}</span>
      </div>
      {withheld && (
        <div className="small muted" data-testid={`${testId}-withheld`}>
          {withheld}
        </div>
      )}
    </div>
  );
}
