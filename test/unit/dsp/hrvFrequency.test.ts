import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { hrvFrequency } from '../../../shared/dsp/hrvFrequency.js';
import { gaussian, ipfm, nnFromIbi, withGap } from './hrvTestSignals.js';

const within = (got: number, want: number, rel: number): boolean => Math.abs(got - want) <= rel * want;
const sine = (a: number, f: number, phase = 0) => (t: number): number => a * Math.sin(2 * Math.PI * f * t + phase);

describe('hrvFrequency', () => {
  test('a sinusoid of A ms in each band gives ≈ A²/2 ms² in that band (±10 %) and its peak (±1 bin)', () => {
    const cases = [
      { f: 0.1, a: 40, band: 'lfMs2', peak: 'lfPeakHz' },
      { f: 0.07, a: 25, band: 'lfMs2', peak: 'lfPeakHz' },
      { f: 0.25, a: 20, band: 'hfMs2', peak: 'hfPeakHz' },
      { f: 0.33, a: 15, band: 'hfMs2', peak: 'hfPeakHz' },
      { f: 0.02, a: 30, band: 'vlfMs2', peak: null },
    ] as const;
    for (const c of cases) {
      const s = nnFromIbi((t) => 900 + sine(c.a, c.f, 0.3)(t), 600);
      const r = hrvFrequency(s.tSec, s.ibiMs);
      const want = (c.a * c.a) / 2;
      assert.ok(within(r[c.band], want, 0.1), `${c.f} Hz: ${c.band} ${r[c.band]} vs ${want}`);
      for (const other of ['vlfMs2', 'lfMs2', 'hfMs2'] as const) {
        if (other !== c.band) assert.ok(r[other] < 0.02 * want, `${c.f} Hz leaks into ${other}: ${r[other]}`);
      }
      const df = r.psd!.freqHz[1];
      if (c.peak) assert.ok(Math.abs(r[c.peak] - c.f) <= df, `${c.peak} ${r[c.peak]} vs ${c.f}`);
    }
  });

  test('IPFM heart rate with RSA at 0.25 Hz and a 0.1 Hz wave: both peaks found, LF/HF ≈ amplitude ratio²', () => {
    const g = gaussian(7);
    let noise = 0;
    const s = ipfm((t) => {
      noise = 0.98 * noise + 0.05 * g(); // small coloured noise
      return 65 + 3 * Math.sin(2 * Math.PI * 0.1 * t) + 3 * Math.sin(2 * Math.PI * 0.25 * t) + noise;
    }, 600);
    const r = hrvFrequency(s.tSec, s.ibiMs);
    const df = r.psd!.freqHz[1];
    assert.ok(Math.abs(r.lfPeakHz - 0.1) <= df, `LF peak ${r.lfPeakHz}`);
    assert.ok(Math.abs(r.hfPeakHz - 0.25) <= df, `HF peak ${r.hfPeakHz}`);
    // Equal HR amplitudes → equal NN amplitudes to first order (dNN ≈ −NN²/60000·dHR) → LF/HF ≈ 1.
    assert.ok(r.lfHf > 0.8 && r.lfHf < 1.25, `LF/HF ${r.lfHf}`);
    // NN amplitude ≈ 3 bpm × (923 ms)²/60000 ≈ 42.6 ms → ≈ 900 ms² per band.
    const nnAmp = (3 * (60000 / 65) ** 2) / 60000;
    assert.ok(within(r.lfMs2, (nnAmp * nnAmp) / 2, 0.15), `LF ${r.lfMs2}`);
    // ≈ 598 s of data: ceil((598 − 256) / 128) + 1 = 4 segments spread evenly (overlap ≥ 50 %).
    assert.equal(r.segments.used, 4);
    assert.match(r.settings.method, /Welch, 4 Hz cubic-spline resampling, linear detrend per segment, Hann window, segment 256 s/);
  });

  test('short records: < 120 s → VLF NaN with a note, LF/HF still computed; < 60 s → all NaN', () => {
    const s = nnFromIbi((t) => 900 + sine(30, 0.1)(t), 100);
    const r = hrvFrequency(s.tSec, s.ibiMs);
    assert.ok(Number.isNaN(r.vlfMs2) && Number.isNaN(r.totalMs2));
    assert.ok(r.notes.some((n) => /VLF not reported/.test(n)));
    assert.ok(within(r.lfMs2, 450, 0.1), `LF ${r.lfMs2}`);
    assert.ok(Math.abs(r.segments.lengthSec - 100) < 1.5);
    const tiny = nnFromIbi(() => 900, 40);
    const t = hrvFrequency(tiny.tSec, tiny.ibiMs);
    assert.ok([t.vlfMs2, t.lfMs2, t.hfMs2, t.lfHf, t.lfPeakHz].every(Number.isNaN));
    assert.equal(t.psd, null);
    assert.ok(t.notes.length > 0);
  });

  test('gaps: no interpolation across a 20 s hole, band power unchanged, note added', () => {
    const clean = nnFromIbi((t) => 900 + sine(40, 0.1)(t), 900);
    const gap = withGap(clean, 400, 420);
    const r = hrvFrequency(gap.tSec, gap.ibiMs);
    assert.ok(within(r.lfMs2, 800, 0.1), `LF ${r.lfMs2}`);
    assert.ok(r.notes.some((n) => /not analysed/.test(n)));
    assert.ok(r.segments.analysedSec < 900 - 20);
    // Bridging the hole by interpolation would leave a 20 s straight piece in the series, which
    // leaks ≈ 16 ms² into VLF (checked with maxGapSec: 100); split at the hole there is ≈ 0.
    assert.ok(r.vlfMs2 < 2, `VLF ${r.vlfMs2}`);
    const bridged = hrvFrequency(gap.tSec, gap.ibiMs, { maxGapSec: 100, minCoverage: 0 });
    assert.ok(bridged.vlfMs2 > 5 * Math.max(r.vlfMs2, 1), `bridged VLF ${bridged.vlfMs2}`);
  });

  test('smoothness-priors detrending removes most VLF, linear keeps it', () => {
    const s = nnFromIbi((t) => 900 + sine(30, 0.01)(t) + sine(20, 0.2)(t), 900);
    const lin = hrvFrequency(s.tSec, s.ibiMs);
    const sp = hrvFrequency(s.tSec, s.ibiMs, { detrend: 'smoothnessPriors' });
    assert.ok(lin.vlfMs2 > 300, `linear VLF ${lin.vlfMs2}`);
    assert.ok(sp.vlfMs2 < 0.25 * lin.vlfMs2, `smoothness priors VLF ${sp.vlfMs2}`);
    assert.ok(within(sp.hfMs2, 200, 0.1), `HF ${sp.hfMs2}`);
    assert.match(sp.settings.method, /smoothness-priors detrend \(Tarvainen 2002, λ = 500\)/);
  });

  test('empty and mismatched input: NaN results and notes, no throw', () => {
    const e = hrvFrequency([], []);
    assert.ok(Number.isNaN(e.lfMs2) && e.psd === null && e.notes.length > 0);
    const s = nnFromIbi((t) => 900 + sine(30, 0.1)(t), 300);
    const m = hrvFrequency(s.tSec, s.ibiMs.subarray(0, 200));
    assert.ok(m.notes.some((n) => /differ in length/.test(n)));
    assert.ok(Number.isFinite(m.lfMs2));
    const flat = nnFromIbi(() => 1000, 300);
    const f = hrvFrequency(flat.tSec, flat.ibiMs);
    assert.ok(f.lfMs2 < 1e-9 && f.hfMs2 < 1e-9, 'no variability → no power');
    assert.ok(Number.isNaN(f.lfHf) && Number.isNaN(f.lfPeakHz), 'no ratio or peak from a flat series');
  });
});
