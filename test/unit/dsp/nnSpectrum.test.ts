import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { coherenceAt } from '../../../shared/dsp/coherence.js';
import { detrendLinear } from '../../../shared/dsp/detrend.js';
import { nextPowerOfTwo } from '../../../shared/dsp/fft.js';
import { hrvFrequency } from '../../../shared/dsp/hrvFrequency.js';
import { cubicSplineResample, resampleLength } from '../../../shared/dsp/interpolate.js';
import { nnRuns, nnWindowQuality } from '../../../shared/dsp/nnGaps.js';
import { clipRobust, nnSpectrum, NN_SPECTRUM_PRESETS, welchSegmentStarts } from '../../../shared/dsp/nnSpectrum.js';
import { periodogram } from '../../../shared/dsp/periodogram.js';
import { medianInPlace, selectKth } from '../../../shared/dsp/quickselect.js';
import { bandPower, peakInBand } from '../../../shared/dsp/spectrumBand.js';
import { nnSpectrumAt } from '../../../shared/ipc/NnSpectrum.js';
import { loadRecording } from '../../support/loadRecording.js';
import { gaussian, nnFromIbi } from './hrvTestSignals.js';

describe('nnSpectrum: the one spectral routine', () => {
  test('a sinusoid of A ms gives ∫PSD ≈ A²/2 at its frequency, with and without Welch averaging', () => {
    const s = nnFromIbi((t) => 900 + 30 * Math.sin(2 * Math.PI * 0.12 * t), 600);
    for (const settings of [NN_SPECTRUM_PRESETS.coherence, NN_SPECTRUM_PRESETS.hrv, NN_SPECTRUM_PRESETS.respiration]) {
      const r = nnSpectrum(s.tSec, s.ibiMs, 20, 580, settings);
      const p = bandPower(r.psd, r.dfHz, 0.08, 0.16);
      assert.ok(Math.abs(p - 450) < 0.1 * 450, `${settings.fsHz} Hz / Welch ${settings.welchSegmentSec}: ${p} ms²`);
      const pk = peakInBand(r.psd, r.dfHz, 0.04, 0.4);
      assert.ok(pk && Math.abs(pk.freqHz - 0.12) < r.dfHz, `peak ${pk?.freqHz}`);
      assert.equal(r.segments, settings.welchSegmentSec === null ? 1 : 4);
    }
  });

  test('Welch segments are spread evenly with at least the overlap asked; accept() skips segments', () => {
    const starts = welchSegmentStarts(0, 598, 256, 0.5);
    assert.equal(starts.length, 4);
    assert.ok(Math.abs(starts[3]! + 256 - 598) < 1e-9);
    assert.ok(starts[1]! - starts[0]! <= 128 + 1e-9);
    assert.deepEqual(welchSegmentStarts(0, 100, 256, 0.5), []);
    assert.deepEqual(welchSegmentStarts(10, 266, 256, 0.5), [10]);
    const s = nnFromIbi(() => 900, 600);
    const r = nnSpectrum(s.tSec, s.ibiMs, 1, 599, NN_SPECTRUM_PRESETS.hrv, (t0) => t0 < 100);
    assert.equal(r.segments, 1);
    const none = nnSpectrum(s.tSec, s.ibiMs, 1, 599, NN_SPECTRUM_PRESETS.hrv, () => false);
    assert.equal(none.segments, 0);
    assert.ok(none.psd.every((x) => x === 0));
  });

  test('coherence and the live spectrum equal the former inline pipeline bit for bit (real recordings, NN from analyzePpg)', () => {
    for (const name of ['neurokit_resting_5min_100hz.csv', 'bidmc01_125hz.csv']) {
      const rec = loadRecording(name);
      const nn = analyzePpg(rec.ppg, rec.fsHz).nn;
      const buf = new Float64Array(resampleLength(2, 0, 64));
      for (let end = 70; end <= rec.durationSec; end += 17) {
        const q = nnWindowQuality(nn.tSec, nn.ibiMs, end - 64, end);
        if (q.coverage < 0.8 || q.maxHoleSec > 3 || q.beats < 10) continue;
        // The steps coherence.ts and NnSpectrum.ts ran inline before the shared routine.
        const x = cubicSplineResample(nn.tSec, nn.ibiMs, 2, end - 64, end, { out: buf, marginSec: 3 });
        detrendLinear(x);
        const psd = periodogram(x, 2, Math.max(nextPowerOfTwo(512), nextPowerOfTwo(buf.length)));
        const live = nnSpectrumAt(nn.tSec, nn.ibiMs, end)!;
        for (let k = 0; k < live.psd.length; k++) assert.equal(live.psd[k], Math.fround(psd[k]!), `${name} ${end} s bin ${k}`);
        const total = bandPower(psd, 2 / 512, 0.0033, 0.4);
        assert.equal(coherenceAt(nn.tSec, nn.ibiMs, end).totalPowerMs2, total);
      }
      // HRV: the Welch average of the former inline steps (4 Hz spline, linear detrend, Hann, FFT 2048).
      const runs = nnRuns(nn.tSec, nn.ibiMs, 3);
      const segSec = Math.min(256, Math.max(...runs.map((r) => r.endSec - r.startSec)));
      const seg = new Float64Array(resampleLength(4, 0, segSec));
      const acc = new Float64Array(1025);
      let used = 0;
      for (const r of runs) {
        for (const a of welchSegmentStarts(r.startSec, r.endSec, segSec, 0.5)) {
          const q = nnWindowQuality(nn.tSec, nn.ibiMs, a, a + segSec);
          if (q.coverage < 0.8 || q.maxHoleSec > 3 || q.beats < 3) continue;
          detrendLinear(cubicSplineResample(nn.tSec, nn.ibiMs, 4, a, a + segSec, { out: seg, marginSec: 3 }));
          const p = periodogram(seg, 4, 2048);
          for (let k = 0; k < acc.length; k++) acc[k] += p[k]!;
          used++;
        }
      }
      for (let k = 0; k < acc.length; k++) acc[k] /= used;
      const f = hrvFrequency(nn.tSec, nn.ibiMs);
      assert.equal(f.segments.used, used);
      assert.equal(f.lfMs2, bandPower(acc, 4 / 2048, 0.04, 0.15));
      assert.equal(f.hfMs2, bandPower(acc, 4 / 2048, 0.15, 0.4));
    }
  });

  test('clipRobust limits outliers to median ± k·1.4826·MAD and leaves a clean series alone', () => {
    const g = gaussian(5);
    const x = Float64Array.from({ length: 240 }, () => g());
    const clean = Float64Array.from(x);
    clipRobust(clean, 10);
    assert.deepEqual(clean, x);
    x[100] = 50;
    clipRobust(x, 2.5);
    assert.ok(x[100]! < 5, `${x[100]}`);
  });

  test('quickselect: median and k-th value equal those of a full sort', () => {
    const g = gaussian(9);
    for (const n of [1, 2, 7, 8, 163, 240]) {
      const a = Float64Array.from({ length: n }, () => Math.round(10 * g()));
      const sorted = Float64Array.from(a).sort();
      const want = n % 2 ? sorted[n >> 1]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
      assert.equal(medianInPlace(Float64Array.from(a), n), want);
      const k = Math.floor(0.75 * (n - 1));
      assert.equal(selectKth(Float64Array.from(a), n, k), sorted[k]);
    }
  });
});
