/**
 * On clean RR series the correction must agree with NeuroKit2's implementation of the same method
 * (`signal_fixpeaks(method="kubios")`, first pass): flags within 1 per 300 beats, and nothing
 * dropped by the extra guards.
 *
 * The NeuroKit counts below were measured by running NeuroKit2's own `_find_artifacts` (copied from
 * neurokit2/signal/signal_fixpeaks.py @ 3f13b80, numpy 1.24 / pandas 1.5) on the same beat times in
 * microseconds; `npm run bench:correction` prints the comparison in full.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { intervalsClassify, intervalsCorrect } from '../../../shared/dsp/intervalsCorrect.js';
import { rPeakTimes } from '../../support/rpeakTruth.js';
import { simulateBeats } from '../../support/rrSimulate.js';

/** NeuroKit2 first-pass flag counts (ectopic + missed + extra + longshort), measured (see the file comment). */
const NEUROKIT_FLAGS: { file: string; maxSec?: number; beats: number; flags: number }[] = [
  { file: 'neurokit_resting_5min_100hz', beats: 431, flags: 15 },
  { file: 'bidmc01_125hz', beats: 730, flags: 31 },
  { file: 'cinc2015_a103l_250hz', maxSec: 255, beats: 537, flags: 3 },
];

const ltFlags = (c: ReturnType<typeof intervalsClassify>): number => c.ectopic.length + c.missed.length + c.extra.length + c.longshort.length + c.edge.length;

describe('intervalsCorrect on clean RR series', () => {
  for (const ref of NEUROKIT_FLAGS) {
    const beats = rPeakTimes(ref.file, ref.maxSec);
    test(`${ref.file}: flags within 1 per 300 beats of NeuroKit's`, { skip: beats ? false : `${ref.file} not found` }, () => {
      const b = beats!;
      assert.equal(b.length, ref.beats);
      const mine = ltFlags(intervalsClassify(b));
      assert.ok(Math.abs(mine - ref.flags) <= Math.max(1, b.length / 300), `Cadans ${mine} vs NeuroKit ${ref.flags} flags in ${b.length} beats`);
      const r = intervalsCorrect(b);
      assert.equal(r.counts.halfrate + r.counts.outlier + r.counts.unclassified, 0, JSON.stringify(r.counts));
    });
  }

  test('simulated healthy RR (RSA, LF waves, 1/f, timing jitter): at most 1 flag per 300 beats, nothing dropped by the guards', () => {
    const cases = [
      { seed: 1 },
      { seed: 2, meanMs: 700, rsaMs: 20 },
      { seed: 3, meanMs: 1000, rsaMs: 60, breathHz: 0.1 },
      { seed: 4, meanMs: 800, rsaMs: 15, pinkMs: 10, lfMs: 10 },
      { seed: 5, meanMs: 950, rsaMs: 80, breathHz: 0.1, lfMs: 30 },
      { seed: 6, meanMs: 650, rsaMs: 10, pinkMs: 15, lfMs: 8, jitterMs: 4 },
      { seed: 7, meanMs: 900, rsaMs: 100, breathHz: 0.09, lfMs: 25 }, // slow paced breathing, large RSA
    ];
    let beats = 0;
    let flags = 0;
    for (const c of cases) {
      const b = simulateBeats({ durationSec: 600, ...c });
      const r = intervalsCorrect(b);
      beats += b.length;
      flags += r.counts.ectopic + r.counts.missed + r.counts.extra + r.counts.longshort;
      assert.equal(r.counts.halfrate + r.counts.unclassified, 0, `seed ${c.seed}: ${JSON.stringify(r.counts)}`);
      assert.ok(r.counts.outlier <= 1, `seed ${c.seed}: ${JSON.stringify(r.counts)}`);
    }
    assert.ok(flags <= beats / 300, `${flags} flags in ${beats} beats`);
  });
});
