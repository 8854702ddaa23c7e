import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePpg, AnalysisInputError } from '../../../shared/dsp/analyzePpg.js';
import { simulatePpg } from '../../../shared/sim/index.js';
import { loadRecording } from '../../support/loadRecording.js';

describe('analyzePpg end to end on simulated PPG with known physiology', () => {
  // Paced breathing: the RSA-derived rate must follow 4–7 breaths/min within ±0.5.
  for (const rate of [4, 5, 6, 7]) {
    test(`breathing rate from the PPG follows ${rate} breaths/min`, () => {
      const sim = simulatePpg({ fsHz: 100, seed: rate, compliance: 1, noise: 0.02 }, 240, { rateBpm: rate, inhaleFraction: 0.5 });
      const r = analyzePpg(sim.values, 100);
      const pts = r.respiration.series.filter((p) => p.tSec >= 90 && p.rateBpm !== null);
      assert.ok(pts.length >= 20, `${pts.length} estimates`);
      for (const p of pts) assert.ok(Math.abs(p.rateBpm! - rate) <= 0.5, `${p.rateBpm} at ${p.tSec} s`);
    });
  }

  test('coherence: high when breathing slowly at resonance, low at fast spontaneous breathing', () => {
    const slow = analyzePpg(simulatePpg({ fsHz: 100, seed: 1, resonanceBpm: 5.5, compliance: 1 }, 180, { rateBpm: 5.5, inhaleFraction: 0.5 }).values, 100);
    const fast = analyzePpg(simulatePpg({ fsHz: 100, seed: 1, breathingBpm: 15, resonanceBpm: 5.5, jitterBpm: 2 }, 180).values, 100);
    assert.ok(slow.coherence.ratioMean! >= 3, `slow ${slow.coherence.ratioMean}`);
    assert.ok(fast.coherence.ratioMean! < 1.5, `fast ${fast.coherence.ratioMean}`);
    assert.ok(slow.coherence.series.filter((p) => p.level === 'high').length > slow.coherence.series.length * 0.8);
    // The coherence series updates every second once a 64 s window is available.
    const t = slow.coherence.series.map((p) => p.tSec);
    for (let i = 1; i < t.length; i++) assert.ok(Math.abs(t[i]! - t[i - 1]! - 1) < 1e-9);
  });

  test('HRV of a known heart rate; NN intervals match the simulated truth', () => {
    const sim = simulatePpg({ fsHz: 250, seed: 4, hrBpm: 65, noise: 0.02 }, 300);
    const r = analyzePpg(sim.values, 250);
    assert.ok(Math.abs(r.hrv.meanHrBpm - 65) < 2, `mean HR ${r.hrv.meanHrBpm}`);
    const truth = sim.truth.beats.peakTSec;
    const tIbi: number[] = [];
    for (let i = 1; i < truth.length; i++) tIbi.push((truth[i]! - truth[i - 1]!) * 1000);
    const mean = tIbi.reduce((a, b) => a + b, 0) / tIbi.length;
    const sd = Math.sqrt(tIbi.reduce((a, b) => a + (b - mean) ** 2, 0) / (tIbi.length - 1));
    assert.ok(Math.abs(r.hrv.sdnnMs - sd) / sd < 0.05, `SDNN ${r.hrv.sdnnMs} vs truth ${sd.toFixed(1)}`);
    assert.equal(r.artifacts.corrected, 0);
    // Only the very first beat cannot be checked against a pulse template yet (not trusted).
    assert.ok(r.signal!.gaps.every((g) => g.startSec === 0 && g.endSec < 2.5), JSON.stringify(r.signal!.gaps));
  });

  test('ectopic beats are corrected in the NN series and counted', () => {
    const sim = simulatePpg({ fsHz: 100, seed: 8, ectopicPerMin: 2, noise: 0.02 }, 300);
    const r = analyzePpg(sim.values, 100);
    const ectopic = sim.truth.beats.kind.filter((k) => k === 'ectopic').length;
    assert.ok(ectopic >= 6);
    assert.ok(r.artifacts.corrected >= ectopic - 1 && r.artifacts.corrected <= 2 * ectopic + 2, `${r.artifacts.corrected} corrected for ${ectopic} ectopic`);
    // NN is physiological: no premature/compensatory pair survives.
    const nn = r.nn.ibiMs;
    for (let i = 1; i < nn.length; i++) assert.ok(Math.abs(nn[i]! - nn[i - 1]!) < 250, `jump ${nn[i - 1]} → ${nn[i]}`);
  });

  test('a sensor dropout (NaN) is flagged and bridged, never invented across', () => {
    const sim = simulatePpg({ fsHz: 100, seed: 2 }, 120);
    const v = Float64Array.from(sim.values);
    v.fill(NaN, 6000, 6400); // 60–64 s
    const r = analyzePpg(v, 100);
    assert.ok(r.signal!.gaps.some((g) => g.startSec <= 60 && g.endSec >= 64), JSON.stringify(r.signal));
    assert.ok(r.signal!.unusableSec >= 4 && r.signal!.unusableSec < 8);
    for (let i = 0; i < r.nn.tSec.length; i++) {
      const open = r.nn.tSec[i]! - r.nn.ibiMs[i]! / 1000;
      assert.ok(!(open < 64 && r.nn.tSec[i]! > 60), `NN interval ${open.toFixed(2)}–${r.nn.tSec[i]} spans the dropout`);
    }
  });

  test('input errors are AnalysisInputError with a clear message', () => {
    assert.throws(() => analyzePpg(new Float64Array(500), 100), AnalysisInputError);
    assert.throws(() => analyzePpg(new Float64Array(3000).fill(7), 100), /flat line/);
    // A real recording analysed at 10 × its sample rate: the pulses fall out of the heart-rate band.
    const rec = loadRecording('neurokit_resting_5min_100hz.csv');
    assert.throws(() => analyzePpg(rec.ppg, 1000), /--fs/);
    assert.throws(() => analyzePpg(loadRecording('heartpy_data_100hz.csv').ppg, 1000), /--fs|10 s/);
  });
});
