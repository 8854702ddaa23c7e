import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PacerSchedule } from '../../../shared/pacer/index.js';
import { PpgSimulator, simulateBeatTimes, simulatePpg, type SimOptions } from '../../../shared/sim/index.js';

const busy: Partial<SimOptions> = { seed: 9, ectopicPerMin: 4, motionPerMin: 3, clipOff: [[20, 24]], weakPulses: [[30, 35, 0.3]] };

/** Generate `total` samples in chunks whose sizes cycle through `sizes`. */
function chunked(sim: PpgSimulator, total: number, sizes: number[]): Float32Array {
  const out = new Float32Array(total);
  let i = 0;
  let k = 0;
  while (i < total) {
    const n = Math.min(sizes[k++ % sizes.length], total - i);
    out.set(sim.generate(n), i);
    i += n;
  }
  return out;
}

describe('PpgSimulator', () => {
  test('deterministic: the same seed gives identical samples and truth, another seed differs', () => {
    const a = simulatePpg(busy, 60);
    const b = simulatePpg(busy, 60);
    const c = simulatePpg({ ...busy, seed: 10 }, 60);
    assert.deepEqual(a.values, b.values);
    assert.deepEqual(a.truth.beats, b.truth.beats);
    assert.notDeepEqual(a.values, c.values);
    assert.notDeepEqual(a.truth.beats.tSec, c.truth.beats.tSec);
  });

  test('chunk-size independent, also with a pacer set mid-stream', () => {
    const total = 250 * 70;
    const run = (sizes: number[]) => {
      const sim = new PpgSimulator(busy);
      const first = chunked(sim, 250 * 10, sizes);
      sim.setPacer({ rateBpm: 6, inhaleFraction: 0.4 });
      const rest = chunked(sim, total - 250 * 10, sizes);
      const all = new Float32Array(total);
      all.set(first);
      all.set(rest, first.length);
      return { all, truth: sim.truth };
    };
    const ref = run([total]);
    for (const sizes of [[1], [7, 250, 3], [333], [1000, 1]]) {
      const r = run(sizes);
      assert.deepEqual(r.all, ref.all, `chunks ${sizes.join(',')}`);
      assert.deepEqual(r.truth.beats, ref.truth.beats);
      assert.deepEqual(r.truth.breaths, ref.truth.breaths);
    }
  });

  test('tSec advances by n / fsHz and generateInto matches generate', () => {
    const a = new PpgSimulator({ fsHz: 100 });
    a.generate(150);
    assert.equal(a.tSec, 1.5);
    const b = new PpgSimulator({ fsHz: 100 });
    const buf = new Float32Array(150);
    assert.equal(b.generateInto(buf), 150);
    assert.deepEqual(buf, new PpgSimulator({ fsHz: 100 }).generate(150));
  });

  test('reset replays the same stream and empties the same truth object', () => {
    const sim = new PpgSimulator(busy);
    const first = sim.generate(5000);
    const truth = sim.truth;
    const beats = truth.beats.tSec.slice();
    sim.reset();
    assert.equal(sim.tSec, 0);
    assert.equal(truth.beats.tSec.length, 0);
    assert.deepEqual(sim.generate(5000), first);
    assert.equal(sim.truth, truth);
    assert.deepEqual(truth.beats.tSec, beats);
  });

  test('10-bit output: integers within 0..1023 with a pulse of realistic size', () => {
    const { values } = simulatePpg({ seed: 2, motionPerMin: 6 }, 120);
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      assert.ok(Number.isInteger(v) && v >= 0 && v <= 1023, `bad sample ${v}`);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assert.ok(max - min > 100);
    const clean = simulatePpg({ seed: 2, adcBits: 8 }, 20).values;
    for (const v of clean) assert.ok(Number.isInteger(v) && v >= 0 && v <= 255);
  });

  test('adcBits 0 gives float volts around the 2.5 V baseline', () => {
    const { values } = simulatePpg({ seed: 2, adcBits: 0 }, 20);
    let nonInteger = 0;
    let sum = 0;
    for (const v of values) {
      if (!Number.isInteger(v)) nonInteger++;
      sum += v;
    }
    assert.ok(nonInteger > values.length * 0.99);
    const m = sum / values.length;
    assert.ok(m > 2 && m < 3, `mean ${m} V`);
  });

  test('clip-off segments are flat near zero, beat-free, and recorded as artifacts', () => {
    const { values, fsHz, truth } = simulatePpg({ seed: 4, clipOff: [[30, 40]] }, 60);
    let max = 0;
    for (let i = 30 * fsHz; i < 40 * fsHz; i++) max = Math.max(max, values[i]);
    assert.ok(max <= 12, `clip-off max ${max}`);
    let onMin = Infinity;
    for (let i = 45 * fsHz; i < 55 * fsHz; i++) onMin = Math.min(onMin, values[i]);
    assert.ok(onMin > 300, 'signal comes back after the clip is on again');
    assert.equal(truth.beats.peakTSec.filter((t) => t > 29.5 && t < 40.5).length, 0);
    assert.ok(truth.beats.peakTSec.filter((t) => t > 41 && t < 60).length > 15);
    assert.deepEqual(truth.artifacts, [{ startSec: 30, endSec: 40, kind: 'clip-off' }]);
  });

  test('truth peak times are the maxima of the noiseless waveform', () => {
    const fsHz = 1000;
    const { values, truth } = simulatePpg({ seed: 5, fsHz, noise: 0, wander: 0, adcBits: 0, hrBpm: 90 }, 30);
    let n = 0;
    for (const peak of truth.beats.peakTSec) {
      if (peak < 1 || peak > 29) continue;
      // Largest sample within ±50 ms, refined by a parabola through its neighbours.
      const c = Math.round(peak * fsHz);
      let best = c - 50;
      for (let i = c - 50; i <= c + 50; i++) if (values[i] > values[best]) best = i;
      const [ym, y0, yp] = [values[best - 1], values[best], values[best + 1]];
      const tPeak = (best + (0.5 * (ym - yp)) / (ym - 2 * y0 + yp)) / fsHz;
      assert.ok(Math.abs(tPeak - peak) < 0.002, `peak ${peak} vs waveform ${tPeak}`);
      n++;
    }
    assert.ok(n > 35);
  });

  test('onsets precede peaks by the pulse arrival plus upstroke time', () => {
    const { truth } = simulatePpg({ seed: 6 }, 60);
    const { tSec, peakTSec } = truth.beats;
    for (let i = 0; i < tSec.length; i++) {
      const d = peakTSec[i] - tSec[i];
      assert.ok(d > 0.25 && d < 0.4, `onset→peak ${d}`);
    }
  });

  test('motion bursts are in truth and disturb the signal there', () => {
    const { values, fsHz, truth } = simulatePpg({ seed: 8, motionPerMin: 4 }, 300);
    const motion = truth.artifacts.filter((a) => a.kind === 'motion');
    assert.ok(motion.length >= 8 && motion.length <= 35, `${motion.length} bursts in 5 min`);
    for (const a of motion) assert.ok(a.endSec - a.startSec >= 1 && a.endSec - a.startSec <= 4);
    const rangeIn = (s: number, e: number) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = Math.ceil(s * fsHz); i < Math.min(values.length, e * fsHz); i++) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      return hi - lo;
    };
    const clean = simulatePpg({ seed: 8 }, 300).values;
    let cleanRange = 0;
    for (let i = 0; i < 10 * fsHz; i++) cleanRange = Math.max(cleanRange, Math.abs(clean[i] - clean[0]));
    const disturbed = motion.filter((a) => a.endSec < 299 && rangeIn(a.startSec, a.endSec) > 1.5 * cleanRange).length;
    assert.ok(disturbed >= motion.length * 0.7, `${disturbed} of ${motion.length} bursts visible`);
  });

  test('weak-pulse segments have smaller pulses', () => {
    const { values, fsHz } = simulatePpg({ seed: 3, weakPulses: [[20, 40, 0.25]], wander: 0 }, 60);
    const range = (s: number, e: number) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = s * fsHz; i < e * fsHz; i++) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      return hi - lo;
    };
    const weak = range(22, 38);
    const normal = range(42, 58);
    assert.ok(weak < 0.45 * normal, `weak ${weak} vs normal ${normal}`);
  });

  test('simulateBeatTimes gives the same beats as the waveform simulator', () => {
    const pacer = new PacerSchedule({ rateBpm: 6, inhaleFraction: 0.4 });
    const fast = simulateBeatTimes(busy, 120, pacer);
    const full = simulatePpg(busy, 120, pacer).truth;
    const n = fast.tSec.length;
    assert.ok(n > 100);
    assert.deepEqual(Array.from(fast.tSec), full.beats.tSec.slice(0, n));
    assert.deepEqual(Array.from(fast.peakTSec), full.beats.peakTSec.slice(0, n));
    assert.deepEqual(fast.kind, full.beats.kind.slice(0, n));
    assert.equal(fast.ibiMs.length, n - 1);
    assert.ok(Math.abs(fast.ibiMs[0] - (fast.tSec[1] - fast.tSec[0]) * 1000) < 1e-9);
    assert.ok(fast.tSec[n - 1] < 120);
  });

  test('the beats do not depend on the sample rate', () => {
    const at = (fsHz: number) => simulatePpg({ ...busy, fsHz }, 60).truth.beats;
    const ref = at(250);
    for (const fsHz of [25, 130, 1000]) {
      const b = at(fsHz);
      const n = Math.min(b.tSec.length, ref.tSec.length) - 1;
      assert.ok(n > 60);
      assert.deepEqual(b.tSec.slice(0, n), ref.tSec.slice(0, n), `fs ${fsHz}`);
    }
  });

  test('invalid options or pacer settings throw a RangeError naming the problem', () => {
    assert.throws(() => new PpgSimulator({ fsHz: 5 }), /fsHz/);
    const sim = new PpgSimulator({});
    assert.throws(() => sim.setPacer({ rateBpm: 30, inhaleFraction: 0.5 }), /rateBpm/);
  });

});
