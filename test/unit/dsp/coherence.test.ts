import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  coherenceAt,
  coherenceSeries,
  coherenceLevel,
  coherenceRatioMean,
  CoherenceTracker,
  COHERENCE_LEVEL_THRESHOLDS,
  COHERENCE_SETTINGS,
} from '../../../shared/dsp/coherence.js';
import { gaussian, ipfm, nnFromIbi, withGap } from './hrvTestSignals.js';

describe('coherence ratio', () => {
  test('pure 0.1 Hz sinusoidal HR → ratio ≥ 3 ("high") with the peak at 0.1 Hz, in every window', () => {
    const s = ipfm((t) => 62 + 6 * Math.sin(2 * Math.PI * 0.1 * t), 240);
    const series = coherenceSeries(s.tSec, s.ibiMs);
    assert.ok(series.length > 150);
    for (const p of series) {
      assert.ok(p.ratio !== null && p.ratio >= 3, `t=${p.tSec}: ${p.ratio}`);
      assert.equal(p.level, 'high');
      assert.ok(Math.abs((p.peakHz ?? 0) - 0.1) < 2 / 512, `peak ${p.peakHz}`);
    }
  });

  test('white-noise HR → ratio < 1 ("low")', () => {
    const g = gaussian(4);
    const s = nnFromIbi(() => 900 + 40 * g(), 900);
    const series = coherenceSeries(s.tSec, s.ibiMs, { stepSec: 5 });
    const ratios = series.map((p) => p.ratio as number);
    assert.ok(ratios.every((r) => r !== null && r < 1), `max ${Math.max(...ratios)}`);
    assert.ok(series.every((p) => p.level === 'low'));
    const mean = coherenceRatioMean(series);
    assert.ok(mean !== null && mean < 0.6, `mean ${mean}`);
  });

  test('0.1 Hz rhythm in noise: the ratio grows with the rhythm amplitude', () => {
    const ratioFor = (amp: number): number => {
      const g = gaussian(9);
      const s = nnFromIbi((t) => 900 + amp * Math.sin(2 * Math.PI * 0.1 * t) + 25 * g(), 200);
      return coherenceAt(s.tSec, s.ibiMs, 150).ratio as number;
    };
    const r = [0, 10, 25, 60].map(ratioFor);
    for (let i = 1; i < r.length; i++) assert.ok(r[i] > r[i - 1], `not increasing: ${r}`);
  });

  test('peak power over 0.030 Hz, total over 0.0033–0.4 Hz, ratio = peak/(total − peak)', () => {
    const s = nnFromIbi((t) => 900 + 30 * Math.sin(2 * Math.PI * 0.12 * t) + 10 * Math.sin(2 * Math.PI * 0.3 * t), 120);
    const d = coherenceAt(s.tSec, s.ibiMs, 100);
    assert.ok(d.ratio !== null && d.peakPowerMs2 !== null && d.totalPowerMs2 !== null);
    assert.ok(Math.abs(d.ratio - d.peakPowerMs2 / (d.totalPowerMs2 - d.peakPowerMs2)) < 1e-12);
    // total ≈ 30²/2 + 10²/2 = 500 ms²; the 0.3 Hz wave lies outside the peak window.
    assert.ok(Math.abs(d.totalPowerMs2 - 500) < 25, `total ${d.totalPowerMs2}`);
    assert.ok(d.peakPowerMs2 > 0.7 * 450 && d.peakPowerMs2 < 450, `peak ${d.peakPowerMs2}`);
    assert.ok(Math.abs((d.peakHz ?? 0) - 0.12) < 0.004);
  });

  test('level mapping is explicit: low < 1 ≤ medium < 3 ≤ high', () => {
    assert.equal(COHERENCE_LEVEL_THRESHOLDS.mediumFrom, 1);
    assert.equal(COHERENCE_LEVEL_THRESHOLDS.highFrom, 3);
    assert.equal(coherenceLevel(0.99), 'low');
    assert.equal(coherenceLevel(1), 'medium');
    assert.equal(coherenceLevel(2.99), 'medium');
    assert.equal(coherenceLevel(3), 'high');
    assert.equal(coherenceLevel(null), null);
    assert.equal(coherenceLevel(NaN), null);
    assert.match(COHERENCE_SETTINGS.method, /0\.0033–0\.4 Hz/);
    assert.equal(COHERENCE_SETTINGS.windowSec, 64);
  });
});

describe('coherence: unusable windows', () => {
  const base = ipfm((t) => 62 + 6 * Math.sin(2 * Math.PI * 0.1 * t), 300);

  test('a 5 s gap nulls exactly the windows that contain it', () => {
    const s = withGap(base, 150, 155);
    // The actual hole: from the last beat before 150 s to the start of the first interval after it.
    let k = 0;
    while (s.tSec[k + 1] < 150) k++;
    const holeStart = s.tSec[k];
    const holeEnd = s.tSec[k + 1] - s.ibiMs[k + 1] / 1000;
    assert.ok(holeEnd - holeStart > 5);
    const series = coherenceSeries(s.tSec, s.ibiMs);
    let nulls = 0;
    for (const p of series) {
      const inside = Math.min(p.tSec, holeEnd) - Math.max(p.tSec - 64, holeStart); // hole seconds in the window
      if (inside > 3.2) {
        assert.equal(p.ratio, null, `t=${p.tSec} should be null`);
        nulls++;
      } else if (inside < 2.8) assert.ok(p.ratio !== null && p.ratio >= 3, `t=${p.tSec}: ${p.ratio}`);
    }
    assert.ok(nulls >= 60, `${nulls} null windows`); // ≈ 64 s + hole − 2 × 3.2 s
    const d = coherenceAt(s.tSec, s.ibiMs, 180);
    assert.equal(d.reason, 'gap');
    assert.equal(d.level, null);
  });

  test('< 80 % coverage (many short holes) → null with reason', () => {
    // Drop every 4th interval: holes of ~1 s (bridgeable) but coverage ≈ 75 %.
    const t: number[] = [];
    const v: number[] = [];
    base.tSec.forEach((x, i) => {
      if (i % 4 !== 0) {
        t.push(x);
        v.push(base.ibiMs[i]);
      }
    });
    const d = coherenceAt(t, v, 200);
    assert.equal(d.ratio, null);
    assert.equal(d.reason, 'low coverage');
    assert.ok(d.coverage > 0.7 && d.coverage < 0.8);
  });

  test('empty, short, flat and future windows → null, not throws', () => {
    assert.deepEqual(coherenceSeries([], []), []);
    assert.equal(coherenceAt([], [], 100).reason, 'no data');
    const short = ipfm(() => 60, 30);
    assert.deepEqual(coherenceSeries(short.tSec, short.ibiMs), []);
    assert.equal(coherenceAt(short.tSec, short.ibiMs, 30).ratio, null);
    const flat = nnFromIbi(() => 1000, 100);
    assert.equal(coherenceAt(flat.tSec, flat.ibiMs, 90).reason, 'no variability');
    assert.equal(coherenceAt(base.tSec, base.ibiMs, 1000).ratio, null);
  });
});

describe('CoherenceTracker', () => {
  test('live values equal the batch values and memory stays bounded', () => {
    const g = gaussian(8);
    const s = ipfm((t) => 64 + 4 * Math.sin(2 * Math.PI * 0.1 * t) + 2 * g(), 400);
    const tracker = new CoherenceTracker();
    let next = 70;
    let compared = 0;
    for (let i = 0; i < s.tSec.length; i++) {
      assert.ok(tracker.pushBeat(s.tSec[i], s.ibiMs[i]));
      while (i + 1 < s.tSec.length && s.tSec[i + 1] > next && next <= s.tSec[i] + 2) {
        const live = tracker.valueAt(next);
        const batch = coherenceAt(s.tSec.subarray(0, i + 1), s.ibiMs.subarray(0, i + 1), next);
        assert.equal(live.ratio, batch.ratio, `t=${next}`);
        compared++;
        next += 1;
      }
    }
    assert.ok(compared > 300, `compared ${compared}`);
    const buf = (tracker as unknown as { beats: { length: number } }).beats;
    assert.ok(buf.length < 90, `buffer holds ${buf.length} beats`);
  });

  test('rejects invalid / out-of-order beats; a signal loss nulls the value; reset clears', () => {
    const tr = new CoherenceTracker();
    assert.equal(tr.pushBeat(NaN, 800), false);
    assert.equal(tr.pushBeat(1, -3), false);
    assert.equal(tr.pushBeat(1, 1000), true);
    assert.equal(tr.pushBeat(0.5, 1000), false);
    const s = ipfm((t) => 62 + 6 * Math.sin(2 * Math.PI * 0.1 * t), 100);
    tr.reset();
    for (let i = 0; i < s.tSec.length; i++) tr.push(s.tSec[i], s.ibiMs[i]);
    assert.ok((tr.valueAt(s.tSec[s.tSec.length - 1]).ratio ?? 0) >= 3);
    assert.equal(tr.valueAt(s.tSec[s.tSec.length - 1] + 5).reason, 'gap', 'no beat for 5 s');
    tr.reset();
    assert.equal(tr.valueAt(100).reason, 'no data');
  });
});
