/**
 * The client display: a calm full-screen view for the client — the breathing pacer, their own
 * heart-rate wave, and coherence as a colour (no clinical numbers unless the therapist turns them
 * on). Everything animates from the live buffers on animation frames; the wave and the heart rate
 * follow every beat as soon as it is seen (a provisional beat ≈ 0.2 s after the pulse).
 */
import { useEffect, useState } from 'react';
import type { CoherenceLevel } from '../../../shared/dsp/types.js';
import { useT } from '../../app/i18n.js';
import { liveData, useApp } from '../../app/store.js';
import { LiveHeartRate } from '../../charts/LiveBeatValues.js';
import { TachogramChart } from '../../charts/TachogramChart.js';
import { PacerCanvas } from '../pacer/PacerCanvas.js';
import { usePacerLabels } from '../pacer/usePacerLabels.js';

function useCoherence(): { level: CoherenceLevel | null; ratio: number | null } {
  const [v, setV] = useState<{ level: CoherenceLevel | null; ratio: number | null }>({ level: null, ratio: null });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = liveData.subscribeMetrics(() => {
      timer ??= setTimeout(() => {
        timer = null;
        const m = liveData.metrics;
        setV({ level: m?.coherenceLevel ?? null, ratio: m?.coherenceRatio ?? null });
      }, 500);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return v;
}

export function ClientDisplay() {
  const { t, fmt, locale } = useT();
  const display = useApp((s) => s.settings.display);
  const labels = usePacerLabels();
  const { level, ratio } = useCoherence();

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };

  return (
    <div className={`client-display glow-${level ?? 'none'}`} data-testid="client-display">
      <div className="cd-pacer">
        <PacerCanvas calm visual={display.pacerVisual} audio={false} labels={labels} />
      </div>
      {display.clientShowsHeartRate && (
        <div className="cd-wave">
          <TachogramChart key={locale} calm windowSec={90} bpmLabel={t('unit.bpm')} />
        </div>
      )}
      <div className="cd-feedback">
        <span className="cd-status" data-testid="client-status">
          <span className={`cd-dot level-${level ?? 'none'}`} />
          <span>{level ? t(`cd.level.${level}`) : t('cd.level.none')}</span>
        </span>
        {display.clientShowsNumbers && (
          <span className="cd-numbers" data-testid="client-numbers">
            {t('metrics.coherence')} {fmt.num(ratio, 1)} · <LiveHeartRate testId="client-hr" />
            <span className="cd-unit">{t('unit.bpm')}</span>
          </span>
        )}
      </div>
      <button className="cd-fullscreen" onClick={fullscreen} title={t('cd.fullscreen')} aria-label={t('cd.fullscreen')}>
        ⤢
      </button>
    </div>
  );
}
