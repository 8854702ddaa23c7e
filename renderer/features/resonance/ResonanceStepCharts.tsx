/**
 * Per-step charts of a stepped resonance assessment: for each step, the beat-to-beat heart rate
 * over the pacer (in-breaths shaded, the settling part greyed), on one shared heart-rate scale
 * (at least 10 bpm, so steps compare and a small swing does not look large). Static SVG from
 * `ResonanceResultView.stepTraces` (a few hundred points per step, drawn once).
 */
import { widenToMinSpan } from '../../../shared/charts/minSpan.js';
import type { StepHrTrace } from '../../../shared/dsp/resonance/stepHrTraces.js';
import { niceTicks } from '../../../shared/report/charts/chartScale.js';
import { useEffect, useState } from 'react';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';

const W = 300;
const H = 170;
const PAD = { l: 40, r: 8, t: 22, b: 34 };

/** The shared y range of the steps: their HR extent, at least 10 bpm, on nice ticks. */
export function stepChartRange(traces: readonly StepHrTrace[]): [number, number] {
  const all = traces.flatMap((tr) => tr.hrBpm);
  if (all.length === 0) return [60, 70];
  const [lo, hi] = widenToMinSpan(Math.min(...all), Math.max(...all), 10, 0);
  return [Math.floor(lo), Math.ceil(hi)];
}

export function ResonanceStepCharts({ traces, bestIndex }: { traces: readonly StepHrTrace[]; bestIndex: number | null }) {
  const { t, fmt } = useT();
  if (traces.length === 0) return null;
  const [y0, y1] = stepChartRange(traces);
  const yTicks = niceTicks(y0, y1, 3);
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const y = (v: number): number => PAD.t + ih - ((v - y0) / (y1 - y0)) * ih;
  return (
    <div className="res-step-charts" data-testid="resonance-step-charts">
      {traces.map((tr) => {
        const dur = Math.max(1, tr.durationSec);
        const x = (s: number): number => PAD.l + (s / dur) * iw;
        const xTicks = niceTicks(0, dur, 4);
        const points = tr.tSec.map((s, i) => `${x(s).toFixed(1)},${y(tr.hrBpm[i]!).toFixed(1)}`).join(' ');
        return (
          <figure key={tr.stepIndex} className={tr.stepIndex === bestIndex ? 'res-step-chart res-step-best' : 'res-step-chart'} data-testid="resonance-step-chart" data-rate={tr.rateBpm} data-beats={tr.tSec.length}>
            <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('resonance.stepChart')} ${fmt.num(tr.rateBpm, 1)} ${t('unit.perMin')}`}>
              <text x={PAD.l} y={14} className="res-step-title">
                {fmt.num(tr.rateBpm, 1)} {t('unit.perMin')}
              </text>
              {tr.inhale.map(([a, b], i) => (
                <rect key={i} x={x(a)} y={PAD.t} width={Math.max(0, x(b) - x(a))} height={ih} className="res-step-inhale" />
              ))}
              {tr.analysisFromSec > 0 && <rect x={PAD.l} y={PAD.t} width={x(Math.min(dur, tr.analysisFromSec)) - PAD.l} height={ih} className="res-step-settle" />}
              {yTicks.map((v) => (
                <g key={`y${v}`}>
                  <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="rec-grid" />
                  <text x={PAD.l - 4} y={y(v) + 4} textAnchor="end" className="rec-axis">
                    {fmt.num(v, 0)}
                  </text>
                </g>
              ))}
              {xTicks.map((v) => (
                <text key={`x${v}`} x={x(v)} y={PAD.t + ih + 13} textAnchor="middle" className="rec-axis">
                  {fmt.num(v, 0)}
                </text>
              ))}
              <text x={PAD.l + iw / 2} y={H - 3} textAnchor="middle" className="rec-axis">
                {t('resonance.stepChart.x')}
              </text>
              <text transform={`translate(10 ${PAD.t + ih / 2}) rotate(-90)`} textAnchor="middle" className="rec-axis">
                {t('resonance.unit.bpm')}
              </text>
              {points ? <polyline points={points} className="res-step-line" /> : (
                <text x={PAD.l + iw / 2} y={PAD.t + ih / 2} textAnchor="middle" className="rec-axis">
                  {t('resonance.stepChart.empty')}
                </text>
              )}
            </svg>
          </figure>
        );
      })}
      <p className="small muted res-step-legend">
        <span className="swatch swatch-inhale" /> {t('chart.inhaleLegend')} · <span className="swatch res-swatch-settle" /> {t('resonance.stepChart.settle')}
      </p>
    </div>
  );
}

/** The stored per-step traces of a finished assessment (null while loading or when there are none). */
export function useStepTraces(sessionId: number | null): StepHrTrace[] | null {
  const [traces, setTraces] = useState<StepHrTrace[] | null>(null);
  useEffect(() => {
    setTraces(null);
    if (sessionId === null) return;
    let live = true;
    api()
      .getResonanceResult(sessionId)
      .then((r) => live && setTraces(r.stepTraces), () => live && setTraces(null));
    return () => {
      live = false;
    };
  }, [sessionId]);
  return traces;
}
