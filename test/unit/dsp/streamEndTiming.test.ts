// Where the band-pass runs on padding — the end of a PPG stream (`flush()`), a run of missing
// samples (the last valid value held), the start — the beats nearby are timed partly from that
// padding. No NN interval may touch them (issue 10: an 800 ms emulator's stored intervals stay
// within 1 ms of 800; the last one was up to 2.8 ms off on exact samples; issue 11: never invent
// intervals right after a gap).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { PpgPeakDetector, ppgFindPeaks } from '../../../shared/dsp/ppgFindPeaks.js';
import { loadRecording } from '../../support/loadRecording.js';
import { SyntheticPulse } from '../../support/emulators/waveform.js';

/** What a CMS50 sends of the emulators' 800 ms pulse: 7-bit pleth, sampled exactly at fsHz from `offSec` on. */
function cms50Pleth(fsHz: number, seconds: number, offSec: number): Float64Array {
  const w = new SyntheticPulse([800]);
  const x = new Float64Array(Math.round(seconds * fsHz));
  for (let k = 0; k < x.length; k++) x[k] = Math.max(0, Math.min(127, Math.round(8 + 100 * w.valueAt(k / fsHz + offSec, 0))));
  return x;
}

describe('beats timed partly from filter padding', () => {
  test('an 800 ms pulse at 60.3 Hz, cut anywhere: every NN interval within 1 ms of 800 from the first one, none closing in the padded tail', () => {
    const fsHz = 60.3;
    const tail = new PpgPeakDetector(fsHz).paddedTailSec;
    assert.ok(tail > 0.8 && tail < 1.2, `padded tail ${tail} s`);
    let lastPeakInTail = 0;
    let worst = 0;
    // 60 cuts spread over one pulse period (the stream ends at every phase of the pulse).
    for (let k = 0; k < 60; k++) {
      const x = cms50Pleth(fsHz, 40, 1 + (k * 0.8) / 60);
      const res = analyzePpg(x, fsHz);
      const endSec = (x.length - 1) / fsHz;
      const lastPeak = res.beats.tSec[res.beats.tSec.length - 1]!;
      const lastNn = res.nn.tSec[res.nn.tSec.length - 1]!;
      if (endSec - lastPeak < tail) {
        lastPeakInTail++;
        assert.ok(lastNn < lastPeak - 0.5, `cut ${k}: an interval closes at the last beat (${lastPeak} s, ${(endSec - lastPeak).toFixed(3)} s before the end)`);
      }
      // The first beats too: until the fiducial choice can judge, they are timed by the whole-pulse
      // template (nnFiducial.ts), not the systolic peak (up to 1.2 ms off on this pulse's cusp).
      for (const v of res.nn.ibiMs) worst = Math.max(worst, Math.abs(v - 800));
      assert.ok(res.nn.ibiMs.length >= 44, `cut ${k}: ${res.nn.ibiMs.length} intervals`);
    }
    assert.ok(lastPeakInTail >= 40, `${lastPeakInTail} of 60 cuts end within the tail of a beat`);
    assert.ok(worst <= 1, `worst interval ${worst.toFixed(2)} ms from 800`);
  });

  test('on a real recording, beats before the padded tail are timed exactly as with the signal going on; the tail closes no interval', () => {
    const rec = loadRecording('neurokit_resting_5min_100hz.csv');
    const x = Float64Array.from(rec.ppg);
    const fsHz = rec.fsHz;
    const tail = new PpgPeakDetector(fsHz).paddedTailSec;
    const full = ppgFindPeaks(x, fsHz).beats;
    let inTail = 0;
    let before = 0;
    for (let cutSec = 60; cutSec < 250; cutSec += 6.37) {
      const n = Math.round(cutSec * fsHz);
      const endSec = (n - 1) / fsHz;
      const part = ppgFindPeaks(x.subarray(0, n), fsHz).beats;
      for (const b of part.slice(-4)) {
        const same = full.find((f) => Math.abs(f.tSec - b.tSec) < 0.1);
        if (!same || endSec - b.tSec < tail) continue;
        before++;
        assert.ok(Math.abs(b.tFidSec - same.tFidSec) < 1e-9, `cut ${cutSec} s: beat ${b.tSec} s moved ${((b.tFidSec - same.tFidSec) * 1000).toFixed(3)} ms`);
      }
      const res = analyzePpg(x.subarray(0, n), fsHz);
      const nnEnd = new Set(res.nn.tSec.map((t) => t.toFixed(3)));
      res.beats.tSec.forEach((t, i) => {
        if (endSec - t >= tail) return;
        inTail++;
        assert.ok(!nnEnd.has(res.beats.ibiTSec![i]!.toFixed(3)), `cut ${cutSec} s: an interval closes at ${t} s, ${(endSec - t).toFixed(3)} s before the end`);
      });
    }
    assert.ok(before >= 60 && inTail >= 25, `${before} beats checked before the tail, ${inTail} in it`);
  });

  test('around a run of missing samples: beats before the padded tail are timed as without the gap, and no interval touches the padded stretch', () => {
    const rec = loadRecording('neurokit_resting_5min_100hz.csv');
    const fsHz = rec.fsHz;
    const x = Float64Array.from(rec.ppg);
    const det = new PpgPeakDetector(fsHz);
    const full = ppgFindPeaks(x, fsHz).beats;
    let checked = 0;
    let nearGap = 0;
    for (let gapSec = 40; gapSec < 250; gapSec += 7.3) {
      const y = Float64Array.from(x);
      const i0 = Math.round(gapSec * fsHz);
      const i1 = Math.round((gapSec + 2) * fsHz);
      y.fill(Number.NaN, i0, i1);
      const g0 = i0 / fsHz;
      const g1 = i1 / fsHz;
      for (const b of ppgFindPeaks(y, fsHz).beats) {
        if (b.tSec > g0 - det.paddedTailSec || b.tSec < g0 - 3) continue;
        const same = full.find((f) => Math.abs(f.tSec - b.tSec) < 0.1);
        assert.ok(same, `gap at ${gapSec} s: beat ${b.tSec} s not in the whole recording`);
        assert.ok(Math.abs(b.tFidSec - same.tFidSec) < 1e-9, `gap at ${gapSec} s: beat ${b.tSec} s moved ${((b.tFidSec - same.tFidSec) * 1000).toFixed(3)} ms`);
        checked++;
      }
      const res = analyzePpg(y, fsHz);
      const lo = g0 - det.paddedTailSec;
      const hi = g1 + det.paddedLeadSec;
      res.nn.tSec.forEach((t1, k) => {
        const t0 = t1 - res.nn.ibiMs[k]! / 1000;
        const touches = (t0 > lo + 0.015 && t0 < hi - 0.015) || (t1 > lo + 0.015 && t1 < hi - 0.015) || (t0 <= lo && t1 >= hi);
        if (t1 > lo - 2 && t0 < hi + 2) nearGap++;
        assert.ok(!touches, `gap at ${gapSec} s: the interval ${t0.toFixed(3)}–${t1.toFixed(3)} s touches the padded stretch ${lo.toFixed(3)}–${hi.toFixed(3)} s`);
      });
    }
    assert.ok(checked >= 40 && nearGap >= 40, `${checked} beats checked before the gaps, ${nearGap} intervals near them`);
  });
});
