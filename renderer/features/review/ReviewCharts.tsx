/**
 * The review's charts over a saved recording — the live charts' counterparts: HR tachogram with
 * the pacer's inhale phases and markers, raw PPG with beats, coherence over the session and the
 * spectrum of the 64 s ending at the view's end (its window in the title; when there is none, why).
 * Time axes in session time (0:00 = start), every axis titled with its unit. All share one scrollable x window. Signal gaps
 * are shown as gaps: shaded, and no line is drawn across one (`breakAtGaps`); values stored inside
 * a gap (frozen on the live screen) are not drawn.
 */
import { useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { COHERENCE_LEVEL_THRESHOLDS } from '../../../shared/dsp/coherence.js';
import type { SessionReviewData } from '../../../shared/ipc/apiTypes.js';
import { formatSessionTime } from '../../../shared/charts/sessionTime.js';
import { nnSpectrumAt, nnSpectrumMissing, spectrumWindow, type SpectrumMissing } from '../../../shared/ipc/NnSpectrum.js';
import { breakAtGaps, sortedGaps } from '../../../shared/ipc/seriesGaps.js';
import { useT } from '../../app/i18n.js';
import { axis, COLORS, fixedTicks, sessionTimeAxis } from '../../charts/chartTheme.js';
import { markerLines, paddedRange, shadeInhales, shadeSpans, xBand, yBandLabels, yBands } from '../../charts/plugins.js';
import { ChartFrame } from '../../ui/ChartFrame.js';
import { StaticChart } from '../../charts/StaticChart.js';
import { Card } from '../../ui/Card.js';
import { reviewTimeline } from './reviewTimeline.js';

const { mediumFrom, highFrom } = COHERENCE_LEVEL_THRESHOLDS;

/** Longest PPG stretch drawn at once, s (the trace is unreadable beyond it anyway). */
export const PPG_VIEW_SEC = 20;

export function ReviewCharts({ d, x0, x1 }: { d: SessionReviewData; x0: number; x1: number }) {
  const { t } = useT();
  const gaps = useMemo(() => sortedGaps(d.gaps), [d]);
  const gapSpans = useMemo(() => gaps.map((g) => ({ x0: g.startSec, x1: g.endSec })), [gaps]);
  // Heart rate per beat with a valid closing interval (the spectrum takes these as they are).
  const beatHr = useMemo(() => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < d.beats.tSec.length; i++) {
      const ibi = d.beats.ibiMs[i]!;
      if (Number.isFinite(ibi) && ibi > 0) {
        xs.push(d.beats.tSec[i]!);
        ys.push(60_000 / ibi);
      }
    }
    return { xs, ys };
  }, [d]);
  const hrData = useMemo((): uPlot.AlignedData => {
    const b = breakAtGaps(beatHr.xs, beatHr.ys, gaps);
    return [b.x, b.y];
  }, [beatHr, gaps]);
  const nn = useMemo(() => ({ t: Float64Array.from(beatHr.xs), v: Float64Array.from(beatHr.ys, (b) => 60_000 / b) }), [beatHr]);
  const ppgData = useMemo((): uPlot.AlignedData => {
    const run = d.ppg.find((r) => r.t0Sec <= x0 + 1 && r.t0Sec + r.values.length / r.fsHz >= x0) ?? d.ppg[0];
    if (!run) return [[], []];
    const i0 = Math.max(0, Math.floor((x0 - run.t0Sec) * run.fsHz));
    const i1 = Math.min(run.values.length, Math.ceil((Math.min(x1, x0 + PPG_VIEW_SEC) - run.t0Sec) * run.fsHz));
    const xs = new Float64Array(Math.max(0, i1 - i0));
    for (let i = 0; i < xs.length; i++) xs[i] = run.t0Sec + (i0 + i) / run.fsHz;
    return [xs, Float64Array.from(run.values.subarray(i0, i1))];
  }, [d, x0, x1]);
  const cohData = useMemo((): uPlot.AlignedData => {
    const c = d.metrics.coherence;
    if (!c) return [[], []];
    const b = breakAtGaps(c.tSec, c.value, gaps);
    return [b.x, b.y];
  }, [d, gaps]);
  const spectrum = useMemo(() => nnSpectrumAt(nn.t, nn.v, x1), [nn, x1]);
  const missing = useMemo(() => (spectrum ? null : nnSpectrumMissing(nn.t, nn.v, x1)), [spectrum, nn, x1]);
  const win = spectrumWindow(x1);
  const specData = useMemo((): uPlot.AlignedData => {
    if (!spectrum) return [[], []];
    return [Float64Array.from(spectrum.psd, (_v, k) => k * spectrum.dfHz), Float64Array.from(spectrum.psd)];
  }, [spectrum]);

  const timeline = useMemo(() => reviewTimeline(d.summary.pacer, d.pacerChanges, d.summary.durationSec), [d]);
  const markers = useMemo(() => d.markers.map((m) => ({ x: m.tSec, label: m.note || m.kind })), [d]);
  const ppgEnd = Math.min(x1, x0 + PPG_VIEW_SEC);
  const atStart = (): number => 0; // the review's x is session time already (0 = session start)
  const missingText = (m: SpectrumMissing): string =>
    m.reason === 'start'
      ? t('review.spectrumNone.start', { from: formatSessionTime(m.fullFromSec) })
      : m.reason === 'beats'
        ? t('review.spectrumNone.beats', { n: m.beats })
        : m.reason === 'hole'
          ? t('review.spectrumNone.hole')
          : t('review.spectrumNone.coverage');
  // Hooks are created once per chart: they read the current values through this ref.
  const cur = useRef({ spectrum, x0, x1 });
  cur.current = { spectrum, x0, x1 };

  const beatHook = (u: uPlot): void => {
    const xs = u.data[0] as ArrayLike<number>;
    const ys = u.data[1] as ArrayLike<number>;
    if (xs.length === 0) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = COLORS.beat;
    const t0 = xs[0]!;
    const fs = xs.length > 1 ? 1 / (xs[1]! - xs[0]!) : 1;
    for (let i = 0; i < d.beats.tSec.length; i++) {
      const bt = d.beats.tSec[i]!;
      const k = Math.round((bt - t0) * fs);
      if (k < 0 || k >= xs.length) continue;
      ctx.beginPath();
      ctx.arc(u.valToPos(bt, 'x', true), u.valToPos(ys[k]!, 'y', true), 4 * devicePixelRatio, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.restore();
  };

  return (
    <>
      <Card title={t('chart.tachogram')} className="chart-card">
        <StaticChart
          data={hrData}
          x0={x0}
          x1={x1}
          testId="review-tachogram"
          attrs={{ 'data-gaps': String(gaps.length) }}
          options={(width, height) => ({
            width,
            height,
            legend: { show: false },
            scales: { y: { range: (_u, min, max) => paddedRange(min, max, 10) } },
            axes: [sessionTimeAxis(atStart, t('axis.sessionTime')), axis({ label: t('axis.hr'), labelSize: 14, size: 44, values: fixedTicks(0) })],
            series: [{}, { stroke: COLORS.hr, width: 2, paths: uPlot.paths.spline!(), points: { show: false }, spanGaps: false }],
            hooks: { drawClear: [shadeInhales(() => timeline), shadeSpans(() => gapSpans, COLORS.gap)], draw: [markerLines(() => markers)] },
          })}
        />
      </Card>
      <div className="row-bottom">
        <Card title={t('chart.ppg')} className="chart-card">
          <StaticChart
            data={ppgData}
            x0={x0}
            x1={ppgEnd}
            testId="review-ppg"
            options={(width, height) => ({
              width,
              height,
              legend: { show: false },
              cursor: { show: false },
              axes: [sessionTimeAxis(atStart, t('axis.sessionTime')), axis({ label: t('axis.ppg'), labelSize: 14, size: 44, values: fixedTicks(0) })],
              series: [{}, { stroke: COLORS.ppg, width: 1.5, points: { show: false } }],
              hooks: { draw: [beatHook] },
            })}
          />
        </Card>
        <Card title={t('review.spectrumWindow', { from: formatSessionTime(Math.max(0, win.startSec)), to: formatSessionTime(win.endSec) })} className="chart-card" testId="review-spectrum-card">
          <ChartFrame empty={missing ? missingText(missing) : null}>
          <StaticChart
            data={specData}
            x0={0}
            x1={0.5}
            testId="review-spectrum"
            options={(width, height) => ({
              width,
              height,
              legend: { show: false },
              cursor: { show: false },
              scales: { y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 1) * 1.1)] } },
              axes: [
                axis({ label: t('chart.hz'), labelSize: 14, values: fixedTicks(2), space: 40 }),
                axis({ label: t('axis.power'), labelSize: 14, size: 20, values: (_u, splits) => splits.map(() => '') }),
              ],
              series: [{}, { stroke: COLORS.spectrum, width: 1.5, fill: COLORS.spectrumFill, points: { show: false } }],
              hooks: {
                drawClear: [
                  xBand(() => ({ x0: 0.04, x1: 0.15, color: COLORS.lf })),
                  xBand(() => {
                    const sp = cur.current.spectrum;
                    return sp?.peakHz != null ? { x0: sp.peakHz - sp.peakWidthHz / 2, x1: sp.peakHz + sp.peakWidthHz / 2, color: COLORS.peak } : null;
                  }),
                ],
              },
            })}
          />
          </ChartFrame>
        </Card>
      </div>
      <Card title={t('metrics.coherence')} className="chart-card chart-card-small">
        <StaticChart
          data={cohData}
          x0={0}
          x1={Math.max(60, d.summary.durationSec)}
          className="chart chart-small"
          testId="review-coherence"
          attrs={{ 'data-gaps': String(gaps.length) }}
          redrawKey={`${x0}/${x1}`}
          options={(width, height) => ({
            width,
            height,
            legend: { show: false },
            scales: { y: { range: (_u, _min, max) => [0, Math.max(highFrom * 1.6, Number.isFinite(max) ? max! * 1.1 : 0)] } },
            axes: [sessionTimeAxis(atStart, t('axis.sessionTime')), axis({ label: t('axis.coherenceShort'), labelSize: 14, size: 40, values: fixedTicks(0), space: 20 })],
            series: [{}, { stroke: COLORS.coherence, width: 2, points: { show: false }, spanGaps: false }],
            hooks: {
              drawClear: [
                yBands([
                  { y0: 0, y1: mediumFrom, color: 'rgba(111,134,166,0.10)' },
                  { y0: mediumFrom, y1: highFrom, color: 'rgba(63,156,154,0.10)' },
                  { y0: highFrom, y1: 1e9, color: 'rgba(47,155,99,0.12)' },
                ]),
                shadeSpans(() => gapSpans, COLORS.gap),
                xBand(() => ({ x0: cur.current.x0, x1: cur.current.x1, color: 'rgba(30,111,143,0.08)' })),
              ],
              draw: [
                yBandLabels(() => [
                  { y0: 0, y1: mediumFrom, label: t('level.low'), color: COLORS.levels.low },
                  { y0: mediumFrom, y1: highFrom, label: t('level.medium'), color: COLORS.levels.medium },
                  { y0: highFrom, y1: 1e9, label: t('level.high'), color: COLORS.levels.high },
                ]),
              ],
            },
          })}
        />
      </Card>
    </>
  );
}
