/**
 * The correction's failure cases measured on real signals, rebuilt from simulated beat series with
 * known truth (test/support/correctionScenarios.ts). Each asserts the truth-level outcome: the NN
 * series holds no interval that is not (close to) a true interval, and SDNN/RMSSD match the truth.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { halfRateStretches } from '../../../shared/dsp/halfRate.js';
import { intervalsCorrect, type IntervalsCorrectResult } from '../../../shared/dsp/intervalsCorrect.js';
import {
  ectopicsAndBursts,
  halfRateWeakPleth,
  isolatedArtifacts,
  motionBursts,
  scoreNn,
  shortIslands,
  type NnScore,
  type Scenario,
} from '../../support/correctionScenarios.js';
import { simulateBeats } from '../../support/rrSimulate.js';

const pct = (a: number, b: number): number => (100 * Math.abs(a - b)) / b;

function run(sc: Scenario, withStretches = false, interpolate = false): { r: IntervalsCorrectResult; q: NnScore } {
  const { raw, breaks, quality } = sc.det;
  const opts = withStretches ? { halfRate: halfRateStretches(raw, quality) } : {};
  const r = intervalsCorrect(raw, breaks, { interpolate }, opts);
  return { r, q: scoreNn(r.nnTSec, r.nnMs, sc.truth, sc.det) };
}

/** Truth-level checks shared by every case. */
function assertTruthLevel(q: NnScore, tolPct: number, label: string): void {
  const info = `${label}: ${JSON.stringify(q)}`;
  assert.equal(q.acrossGapCount, 0, `an NN interval spans a gap — ${info}`);
  assert.equal(q.overLongCount, 0, `an NN interval ≥ 1.5 × its true interval (e.g. twice the RR) — ${info}`);
  assert.equal(q.badCount, 0, `an NN interval off its true interval by > 75 ms — ${info}`);
  assert.ok(pct(q.sdnn, q.truthSdnn) < tolPct, `SDNN ${q.sdnn.toFixed(2)} vs truth ${q.truthSdnn.toFixed(2)} — ${label}`);
  assert.ok(pct(q.rmssd, q.truthRmssd) < tolPct, `RMSSD ${q.rmssd.toFixed(2)} vs truth ${q.truthRmssd.toFixed(2)} — ${label}`);
}

describe('intervalsCorrect on failure cases with known truth', () => {
  test('half-rate stretches (every other weak pulse missed, 30 % unusable): nothing at twice the RR reaches the NN series', () => {
    // Runs up to 40 intervals: the correction finds them on its own (bounded support).
    const short = halfRateWeakPleth(22, false);
    const a = run(short);
    assertTruthLevel(a.q, 5, 'runs ≤ 40, intervalsCorrect alone');
    assert.ok(a.r.counts.halfrate > 100, `half-rate intervals flagged: ${a.r.counts.halfrate}`);
    // With a run of 80 intervals (longer than the bounded window): the caller's halfRateStretches
    // over the whole recording marks it from the rhythm before and after.
    const long = halfRateWeakPleth(21, true);
    const b = run(long, true);
    assertTruthLevel(b.q, 5, 'with an 80-interval run, + halfRateStretches');
    // Against the whole truth series too (SDNN 177 ms / RMSSD 146 ms against 17 / 6.5 before).
    assert.ok(pct(b.q.sdnn, b.q.wholeSdnn) < 10, `SDNN ${b.q.sdnn} vs whole truth ${b.q.wholeSdnn}`);
    assert.ok(pct(b.q.rmssd, b.q.wholeRmssd) < 10, `RMSSD ${b.q.rmssd} vs whole truth ${b.q.wholeRmssd}`);
    // Every raw interval at ≈ 2 × RR is flagged (none passes as 'normal').
    for (let i = 1; i < long.det.raw.length; i++) {
      if (long.det.breaks.includes(i)) continue;
      const ti = long.det.truthOf[i]!;
      const tp = long.det.truthOf[i - 1]!;
      if (ti - tp === 2) assert.notEqual(b.r.rawFlags[i], 'normal', `raw beat ${i} closes a 2 × RR interval`);
    }
  });

  test('short islands between gaps: every interval classified, what cannot be is dropped, never kept raw', () => {
    const sc = shortIslands();
    // The case has islands shorter than 8 beats holding spurious (≈ ½ RR) or displaced beats.
    const seg: number[] = [0, ...sc.det.breaks, sc.det.raw.length];
    const islands = seg.slice(1).filter((b, i) => b - seg[i]! < 8).length;
    assert.ok(islands >= 10, `islands: ${islands}`);
    const { r, q } = run(sc);
    assertTruthLevel(q, 5, 'short islands');
    assert.ok(pct(q.rmssd, q.wholeRmssd) < 10, `RMSSD ${q.rmssd} vs whole truth ${q.wholeRmssd} (17 vs 4 before)`);
    // Island intervals do reach the NN series (classified, not wholesale dropped).
    let inIslands = 0;
    for (let k = 0; k < r.nnRawIndex.length; k++) {
      const raw = r.nnRawIndex[k]!;
      const s = seg.findIndex((b) => b > raw) - 1;
      if (seg[s + 1]! - seg[s]! < 8) inIslands++;
    }
    assert.ok(inIslands > 20, `NN intervals inside islands: ${inIslands}`);
  });

  test('ectopic beats and artifact bursts: nothing invented across or right after a gap', () => {
    const sc = ectopicsAndBursts();
    const { r, q } = run(sc);
    assertTruthLevel(q, 5, 'ectopics + bursts');
    // The first and the last interval of every segment, if kept, are the raw interval, untouched.
    const starts = new Set([0, ...sc.det.breaks]);
    for (let k = 0; k < r.nnMs.length; k++) {
      const raw = r.nnRawIndex[k]!;
      const first = starts.has(raw - 1);
      const last = starts.has(raw + 1) || raw === sc.det.raw.length - 1;
      if (!first && !last) continue;
      assert.equal(r.nnFlags[k], 0, `edited NN interval at a segment edge (raw ${raw})`);
      assert.equal(r.nnMs[k], (sc.det.raw[raw]! - sc.det.raw[raw - 1]!) * 1000);
    }
  });

  test('a real long interval right after a gap is not split into two invented ones (855 ms → 2 × 704 ms before)', () => {
    const truth = Array.from(simulateBeats({ durationSec: 200, seed: 77, meanMs: 700, rsaMs: 20 }));
    const g = truth.findIndex((t) => t > 100);
    const raw = truth.filter((_, i) => !(i >= g - 4 && i < g)); // 4 beats lost in a gap
    const a = g - 4; // first beat after the gap
    const shift = 0.855 - (raw[a + 1]! - raw[a]!);
    for (let i = a + 1; i < raw.length; i++) raw[i]! += shift; // a real 855-ms interval
    raw[a + 2] = raw[a + 1]! + 0.553; // then a premature beat (compensatory pause after it)
    const r = intervalsCorrect(raw, [a]);
    for (let k = 0; k < r.nnMs.length; k++) {
      const rawIdx = r.nnRawIndex[k]!;
      if (rawIdx < a || rawIdx > a + 3) continue;
      assert.ok(Math.abs(r.nnMs[k]! - 704) > 5, `invented ${r.nnMs[k]} ms interval at raw ${rawIdx}`);
      if (rawIdx <= a + 1) assert.equal(r.nnFlags[k], 0, 'the first interval after the gap is the raw one or absent');
    }
    assert.equal(r.rawNnIndex[a], -1, 'no interval closes at the first beat after a gap');
  });

  test('motion bursts not marked as gaps: intervals far outside the local rhythm never survive as NN', () => {
    const sc = motionBursts();
    const { r, q } = run(sc);
    assertTruthLevel(q, 5, 'motion bursts');
    // 312–386 ms intervals in a 75-bpm recording survived before.
    for (let k = 0; k < r.nnMs.length; k++) assert.ok(r.nnMs[k]! > 550, `NN interval ${r.nnMs[k]} ms in an ~800-ms rhythm`);
    assert.ok(r.counts.outlier > 0);
  });

  test('isolated ectopic, missed and extra beats: extra deleted, missed inserted, the intervals at ectopic beats left out', () => {
    const sc = isolatedArtifacts();
    const { r, q } = run(sc);
    assertTruthLevel(q, 3, 'isolated artifacts');
    assert.ok(r.counts.missed > 0 && r.counts.extra > 0 && r.counts.ectopic > 0, JSON.stringify(r.counts));
    // An ectopic beat costs its two intervals (16 of them here), nothing more.
    assert.ok(q.coveragePct > 93, `coverage ${q.coveragePct} %`);
    for (let i = 0; i < r.rawFlags.length; i++) {
      if (r.rawFlags[i] !== 'ectopic') continue;
      assert.equal(r.rawNnIndex[i], -1, `an interval closes at ectopic beat ${i}`);
      assert.equal(r.rawNnIndex[i + 1], -1, `an interval opens at ectopic beat ${i}`);
    }
  });

  test('isolated ectopic, missed and extra beats with interpolate (Kubios, NeuroKit): ectopic beats put back too', () => {
    const sc = isolatedArtifacts();
    const a = run(sc, false, true);
    const b = run(sc);
    assertTruthLevel(a.q, 3, 'isolated artifacts, interpolate');
    assert.ok(a.q.coveragePct > 98, `coverage ${a.q.coveragePct} %`);
    assert.ok(a.q.coveragePct > b.q.coveragePct + 3, `coverage ${a.q.coveragePct} vs ${b.q.coveragePct} %`);
    assert.ok(a.r.counts.ectopic === b.r.counts.ectopic, 'the same verdicts');
  });
});
