// Session time on chart axes and the minimum span of trend axes (shared/charts): ticks at round
// session times whatever the clock the samples are on; a 0.3 bpm change not drawn as a dip, on
// screen (paddedRange) and in the progress report's trend chart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TREND_MIN_SPANS, widenToMinSpan } from '../../../shared/charts/minSpan.js';
import { formatSessionTime, liveTimeOrigin, niceTimeStep, sessionTimeSplits } from '../../../shared/charts/sessionTime.js';
import { nnSpectrumAt, nnSpectrumMissing, spectrumWindow } from '../../../shared/ipc/NnSpectrum.js';
import { lineChart } from '../../../shared/report/charts/lineChart.js';

/** The y tick labels of a report line chart (right-aligned texts left of the plot). */
function yTickLabels(svg: string): number[] {
  return [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]+)<\/text>/g)].map((m) => Number(m[1]!.replace(',', '.'))).filter(Number.isFinite);
}

describe('session time axis', () => {
  test('ticks fall on round session times, not on round sensor-clock times', () => {
    // Sensor connected 3:30 before the session started: the session began at clock 210.4 s.
    const origin = 210.4;
    const ticks = sessionTimeSplits(origin + 40, origin + 170, origin, 30);
    assert.deepEqual(
      ticks.map((v) => formatSessionTime(v - origin)),
      ['1:00', '1:30', '2:00', '2:30'],
    );
    // A marker 70 s into the session sits at 1:10 on that axis.
    assert.equal(formatSessionTime(origin + 70 - origin), '1:10');
    // Before the session: counting back from the right edge (0:00 = now).
    const now = 500.7;
    assert.deepEqual(
      sessionTimeSplits(now - 60, now, now, 15).map((v) => formatSessionTime(v - now)),
      ['−1:00', '−0:45', '−0:30', '−0:15', '0:00'],
    );
  });

  test('formatting, steps and the live origin', () => {
    assert.equal(formatSessionTime(0), '0:00');
    assert.equal(formatSessionTime(59.6), '1:00');
    assert.equal(formatSessionTime(3725), '1:02:05');
    assert.equal(formatSessionTime(-5), '−0:05');
    assert.equal(formatSessionTime(Number.NaN), '');
    assert.equal(niceTimeStep(7), 10);
    assert.equal(niceTimeStep(31), 60);
    assert.equal(niceTimeStep(0), 1);
    assert.deepEqual(sessionTimeSplits(0, 10, 0, 0), []);
    assert.equal(liveTimeOrigin({ phase: 'recording', startClockSec: 210 }), 210);
    assert.equal(liveTimeOrigin({ phase: 'paused', startClockSec: 210 }), 210);
    assert.equal(liveTimeOrigin({ phase: 'idle', startClockSec: 210 }), null);
    assert.equal(liveTimeOrigin({ phase: 'recording', startClockSec: null }), null);
  });
});

describe('minimum span of trend axes', () => {
  test('widenToMinSpan: centred, a floor respected, wide ranges untouched', () => {
    assert.deepEqual(widenToMinSpan(71.9, 72.3, 10), [67.1, 77.1]);
    assert.deepEqual(widenToMinSpan(60, 90, 10), [60, 90]);
    assert.deepEqual(widenToMinSpan(1, 2, 10, 0), [0, 10]);
    assert.deepEqual(widenToMinSpan(5, 3, 0), [3, 5]);
  });

  test('the report trend chart draws 71.9–72.3 bpm on ≥ 10 bpm', () => {
    const base = { ariaLabel: 'HR', xDomain: [0.5, 3.5] as [number, number], yTickFormat: (v: number) => String(v) };
    const series = [{ x: [1, 2, 3], y: [72.3, 71.9, 72.1], color: '#000' }];
    const narrow = yTickLabels(lineChart({ ...base, series }));
    assert.ok(Math.max(...narrow) - Math.min(...narrow) < 1, `without a minimum the axis hugs the data: ${narrow.join(' ')}`);
    const wide = yTickLabels(lineChart({ ...base, series, yMinSpan: TREND_MIN_SPANS.meanHrBpm }));
    assert.ok(Math.max(...wide) - Math.min(...wide) >= 10, `ticks ${wide.join(' ')}`);
    assert.ok(Math.min(...wide) <= 71.9 && Math.max(...wide) >= 72.3);
  });
});

describe('review spectrum window', () => {
  const beats = (from: number, to: number, ibiMs = 1000) => {
    const t: number[] = [];
    for (let s = from; s < to; s += ibiMs / 1000) t.push(s);
    return { t: Float64Array.from(t), v: Float64Array.from(t, () => ibiMs) };
  };

  test('says which window it shows and why it is empty', () => {
    assert.deepEqual(spectrumWindow(130), { startSec: 66, endSec: 130 });
    const ok = beats(0, 200);
    assert.notEqual(nnSpectrumAt(ok.t, ok.v, 130), null);
    assert.equal(nnSpectrumMissing(ok.t, ok.v, 130), null);
    assert.deepEqual(nnSpectrumMissing(ok.t, ok.v, 30), { reason: 'start', fullFromSec: 64 });
    const sparse = beats(0, 200, 8000);
    assert.equal(nnSpectrumAt(sparse.t, sparse.v, 130), null);
    assert.equal(nnSpectrumMissing(sparse.t, sparse.v, 130)?.reason, 'beats');
    // A 10 s hole in the middle of a clean window.
    const a = beats(0, 90);
    const b = beats(100, 200);
    const t = Float64Array.from([...a.t, ...b.t]);
    const v = Float64Array.from([...a.v, ...b.v]);
    assert.equal(nnSpectrumAt(t, v, 130), null);
    assert.equal(nnSpectrumMissing(t, v, 130)?.reason, 'hole');
  });
});
