import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeChunks } from '../../../shared/dsp/analyzePpg.js';
import { SampleRepair } from '../../../shared/dsp/sampleRepair.js';
import { mulberry32 } from '../../support/emulators/linkFaults.js';
import { loadRecording } from '../../support/loadRecording.js';

/** Every `step`-th sample of a recording (a 50 Hz-ish serial sensor from a 100/125/250 Hz one), rounded like a 10-bit ADC. */
function decimate(x: Float64Array, step: number): number[] {
  const out: number[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  for (let i = 0; i < x.length; i += step) out.push(Math.round(300 + (400 * (x[i]! - lo)) / (hi - lo)));
  return out;
}

function run(values: readonly number[], fsHz: number, cut: number[]): number[] {
  const r = new SampleRepair(fsHz);
  const out: number[] = [];
  let i = 0;
  for (let k = 0; i < values.length; k++) {
    const n = cut[k % cut.length]!;
    r.push(values.slice(i, i + n), out);
    i += n;
  }
  return r.flush(out);
}

describe('SampleRepair', () => {
  test('fills a short run of missing samples on the line between its neighbours; a long run stays missing', () => {
    const x = Array.from({ length: 60 }, (_, i) => 100 + 2 * i);
    const holes = x.map((v, i) => ((i >= 20 && i < 23) || (i >= 40 && i < 48) ? Number.NaN : v));
    const out = run(holes, 50, [7]);
    assert.equal(out.length, x.length, 'one out per sample in, same order');
    for (let i = 20; i < 23; i++) assert.ok(Math.abs(out[i]! - x[i]!) < 1e-9, `sample ${i} filled: ${out[i]}`);
    for (let i = 40; i < 48; i++) assert.ok(Number.isNaN(out[i]!), `sample ${i} of an 8-sample gap (160 ms) stays missing`);
    assert.deepEqual(out.slice(0, 20), x.slice(0, 20));
  });

  test('replaces a corrupt value (a digit dropped, a bit flipped) and leaves the pulse itself alone', () => {
    const rec = loadRecording('neurokit_resting_5min_100hz.csv');
    const clean = decimate(rec.ppg, 2); // 50 Hz
    const r = new SampleRepair(50);
    const same = r.flush(r.push(clean));
    assert.equal(r.impulses, 0, 'no sample of a clean recording taken for an impulse');
    assert.deepEqual(same, clean);
    const rnd = mulberry32(5);
    const bad = clean.slice();
    const hit: number[] = [];
    for (let i = 200; i < bad.length - 200; i += 37 + Math.floor(rnd() * 40)) {
      const v = bad[i]!;
      bad[i] = rnd() < 0.5 ? Math.floor(v / 10) : v ^ 512; // "512" read as "51", or the 512 bit flipped
      hit.push(i);
    }
    const fixed = run(bad, 50, [1, 5, 13, 64]);
    const missed = hit.filter((i) => Math.abs(fixed[i]! - clean[i]!) > 40);
    assert.deepEqual(missed, [], 'every corrupt value replaced by a value near the true one');
  });

  test('the output does not depend on how the input is cut (live chunks = offline whole)', () => {
    const rnd = mulberry32(9);
    const x = decimate(loadRecording('bidmc01_125hz.csv').ppg, 2).map((v) => (rnd() < 0.06 ? Number.NaN : rnd() < 0.03 ? v + 300 : v));
    const whole = run(x, 62.5, [x.length]);
    for (const cut of [[1], [3, 1, 17], [40]]) assert.deepEqual(run(x, 62.5, cut), whole, `cut ${cut.join(',')}`);
  });

  test('analysis of a recording with 5 % of its samples missing or corrupt ≈ analysis of the clean one', () => {
    const rec = loadRecording('neurokit_resting_5min_100hz.csv');
    const clean = decimate(rec.ppg, 2);
    const rnd = mulberry32(3);
    const bad = clean.map((v) => {
      const r = rnd();
      return r < 0.025 ? Number.NaN : r < 0.05 ? Math.floor(v / 10) : v;
    });
    const a = analyzeChunks([{ t0Sec: 0, fsHz: 50, values: clean }]);
    const b = analyzeChunks([{ t0Sec: 0, fsHz: 50, values: bad }]);
    assert.ok(Math.abs(a.signal!.unusablePct - b.signal!.unusablePct) <= 2, `unusable ${b.signal!.unusablePct} vs ${a.signal!.unusablePct} %`);
    assert.ok(Math.abs(a.hrv.rmssdMs - b.hrv.rmssdMs) <= 0.05 * a.hrv.rmssdMs, `RMSSD ${b.hrv.rmssdMs} vs ${a.hrv.rmssdMs}`);
    // A repaired sample on an upstroke can make a beat's fiducials disagree: its two intervals are
    // then left out (up to 3 % of the intervals with 5 % of the samples corrupt), never kept with a wrong time.
    const nnDiff = Math.abs(a.nn.ibiMs.length - b.nn.ibiMs.length);
    assert.ok(nnDiff <= Math.max(3, 0.03 * a.nn.ibiMs.length), `${b.nn.ibiMs.length} vs ${a.nn.ibiMs.length} NN intervals`);
  });
});
