import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fitDelay, matchBeats, scoreIntervals } from '../../support/beatMatching.js';

/** R peaks with a varying rhythm (RSA-like and beat-to-beat jitter), deterministic. */
function ecgBeats(n: number, meanRrSec = 0.8): number[] {
  const out: number[] = [];
  let t = 1;
  for (let k = 0; k < n; k++) {
    out.push(t);
    t += meanRrSec + 0.08 * Math.sin(k / 3) + 0.02 * Math.sin(k * 1.7);
  }
  return out;
}

describe('matchBeats', () => {
  test('identical beats: perfect scores, zero delay and zero interval error', () => {
    const ecg = ecgBeats(100);
    const m = matchBeats(ecg, ecg);
    assert.equal(m.tp, 100);
    assert.equal(m.fp + m.fn, 0);
    assert.equal(m.f1, 1);
    assert.ok(Math.abs(m.delaySec) < 1e-9);
    assert.ok(m.ibiMaeMs < 1e-6);
    assert.equal(m.ibiPairs, 99);
  });

  test('a constant pulse delay is found and removed, also when it exceeds one RR interval', () => {
    const ecg = ecgBeats(150, 0.45); // 133 bpm
    for (const delay of [0.25, 0.6]) {
      const ppg = ecg.map((t) => t + delay);
      const m = matchBeats(ppg, ecg);
      assert.ok(Math.abs(m.delaySec - delay) < 1e-6, `delay ${m.delaySec} for ${delay}`);
      assert.equal(m.f1, 1);
      assert.ok(m.ibiMaeMs < 1e-6);
    }
  });

  test('jittered delay: interval error equals the mean |successive jitter difference|', () => {
    const ecg = ecgBeats(200);
    const jitter = ecg.map((_, k) => 0.004 * Math.sin(k * 2.1)); // ±4 ms
    const ppg = ecg.map((t, k) => t + 0.3 + jitter[k]!);
    const m = matchBeats(ppg, ecg);
    let expected = 0;
    for (let k = 1; k < ecg.length; k++) expected += Math.abs(jitter[k]! - jitter[k - 1]!) * 1000;
    expected /= ecg.length - 1;
    assert.ok(Math.abs(m.ibiMaeMs - expected) < 1e-6, `${m.ibiMaeMs} vs ${expected}`);
    assert.ok(Math.abs(m.delaySec - 0.3) < 0.004);
    assert.ok(m.residualSdMs > 2 && m.residualSdMs < 4);
  });

  test('missed and extra beats: counts, and intervals scored only between consecutive matches', () => {
    const ecg = ecgBeats(100);
    const missed = new Set([10, 11, 50]);
    const ppg = ecg.filter((_, k) => !missed.has(k)).map((t) => t + 0.35);
    ppg.push(ecg[30]! + 0.35 + 0.4, ecg[70]! + 0.35 + 0.45); // two extra detections between beats
    const m = matchBeats(ppg, ecg);
    assert.equal(m.tp, 97);
    assert.equal(m.fn, 3);
    assert.equal(m.fp, 2);
    assert.deepEqual(m.fnSec, [ecg[10], ecg[11], ecg[50]]);
    assert.equal(m.sensitivity, 97 / 100);
    assert.equal(m.ppv, 97 / 99);
    assert.equal(m.f1, (2 * 97) / (2 * 97 + 2 + 3));
    // 99 intervals − 3 around beats 10/11 − 2 around beat 50 − 2 split by the extra beats.
    assert.equal(m.ibiPairs, 99 - 3 - 2 - 2);
    assert.ok(m.ibiMaeMs < 1e-6);
  });

  test('beats beyond the tolerance do not match', () => {
    const ecg = ecgBeats(50);
    const ppg = ecg.map((t, k) => t + 0.3 + (k === 20 ? 0.2 : 0));
    const m = matchBeats(ppg, ecg, { toleranceSec: 0.15 });
    assert.equal(m.fn, 1);
    assert.equal(m.fp, 1);
  });

  test('window, ECG exclusions and PPG exclusions limit what is scored', () => {
    const ecg = ecgBeats(100); // 1 … ~81 s
    const ppg = ecg.map((t) => t + 0.3).filter((t) => t < 30 || t > 40); // PPG lost 30–40 s
    const all = matchBeats(ppg, ecg, { windowSec: [0, 60] });
    assert.ok(all.fn > 10);
    const flagged = matchBeats(ppg, ecg, { windowSec: [0, 60], ppgExcludeSec: [{ startSec: 29.5, endSec: 40.5 }] });
    assert.equal(flagged.fn, 0);
    assert.equal(flagged.fp, 0);
    assert.ok(flagged.ecgScored < all.ecgScored);
    assert.ok(ecg.filter((t) => t <= 60).length === all.ecgScored);
    const excluded = matchBeats(ppg, ecg, { windowSec: [0, 60], excludeSec: [{ startSec: 29, endSec: 40.5 }] });
    assert.equal(excluded.fn, 0);
    // The PPG span: an R peak whose pulse would come after the end of the PPG is not scored.
    const span = matchBeats(ecg.slice(0, -1).map((t) => t + 0.3), ecg, { ppgSpanSec: [0, ecg[ecg.length - 1]! + 0.2] });
    assert.equal(span.fn, 0);
    assert.equal(matchBeats(ecg.slice(0, -1).map((t) => t + 0.3), ecg).fn, 1);
  });

  test('empty input does not crash', () => {
    const m = matchBeats([], ecgBeats(10));
    assert.equal(m.tp, 0);
    assert.equal(m.fn, 10);
    assert.ok(Number.isNaN(m.ibiMaeMs));
    assert.equal(fitDelay([], []), 0);
  });
});

describe('scoreIntervals', () => {
  test('NN intervals scored against the RR interval ending at the matched R peak', () => {
    const ecg = ecgBeats(60);
    const delay = 0.4;
    const tSec = ecg.slice(1).map((t) => t + delay);
    const exact = ecg.slice(1).map((t, k) => (t - ecg[k]!) * 1000);
    const s0 = scoreIntervals(tSec, exact, ecg, delay);
    assert.equal(s0.pairs, 59);
    assert.ok(s0.maeMs < 1e-9);
    const off = exact.map((v, k) => v + (k % 2 ? 6 : -2));
    const s1 = scoreIntervals(tSec, off, ecg, delay);
    assert.ok(Math.abs(s1.maeMs - (29 * 6 + 30 * 2) / 59) < 1e-9);
    const lost = scoreIntervals([...tSec, 500], [...exact, 800], ecg, delay);
    assert.equal(lost.unmatched, 1);
  });
});
