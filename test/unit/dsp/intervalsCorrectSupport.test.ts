/**
 * Bounded support: the live worker and the offline analysis correct WINDOWS of beats and finalise
 * beat i once CORRECTION_SUPPORT_BEATS beats after it are known. That equals the whole-series result
 * only if the flag of beat i and the NN intervals around it depend on nothing farther away.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { halfRateMask, HALF_RATE_SUPPORT_BEATS } from '../../../shared/dsp/halfRate.js';
import { CORRECTION_SUPPORT_BEATS, intervalsCorrect, type IntervalsCorrectResult } from '../../../shared/dsp/intervalsCorrect.js';
import { applyEdits, halfRateEdits, rng, simulateBeats, withGap, type Edit } from '../../support/rrSimulate.js';

/** A long series with every kind of trouble: ectopic, missed, extra and displaced beats, half-rate runs, gaps, short islands. */
function nastySeries(): { raw: number[]; breaks: number[] } {
  const truth = simulateBeats({ durationSec: 1500, seed: 11 });
  const u = rng(5);
  const edits: Edit[] = [];
  const used = new Set<number>();
  for (let i = 5; i < truth.length - 5; i++) {
    const r = u();
    if (r < 0.02) edits.push({ kind: 'ectopic', at: i, frac: 0.3 });
    else if (r < 0.035) edits.push({ kind: 'missed', at: i });
    else if (r < 0.05) edits.push({ kind: 'extra', at: i, frac: 0.3 + 0.4 * u() });
    else if (r < 0.06) edits.push({ kind: 'shift', at: i, ms: 150 * (u() - 0.5) });
    else continue;
    used.add(i);
  }
  edits.push(...halfRateEdits(400, 430).filter((e) => !used.has(e.at)), ...halfRateEdits(800, 900).filter((e) => !used.has(e.at)));
  let d = applyEdits(truth, edits);
  for (const [a, b] of [[200, 203], [500, 530], [540, 541.5], [543, 560], [562, 565], [900, 901]] as const) d = withGap(d, a, b);
  return { raw: d.raw, breaks: d.breaks };
}

/** NN intervals of a result whose closing raw beat is in [lo, hi), as comparable records (raw beat, value, flags). */
function nnBetween(r: IntervalsCorrectResult, offset: number, lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < r.nnMs.length; k++) {
    const raw = r.nnRawIndex[k]! + offset;
    if (raw >= lo && raw < hi) out.push(`${raw}:${r.nnMs[k]}:${r.nnFlags[k]}`);
  }
  return out;
}

describe('intervalsCorrect has bounded support', () => {
  test('CORRECTION_SUPPORT_BEATS is exported and about 50', () => {
    assert.ok(Number.isInteger(CORRECTION_SUPPORT_BEATS));
    assert.ok(CORRECTION_SUPPORT_BEATS >= HALF_RATE_SUPPORT_BEATS && CORRECTION_SUPPORT_BEATS <= 60, String(CORRECTION_SUPPORT_BEATS));
  });

  test('overlapping windows, centres kept, give exactly the whole-series result', () => {
    const { raw, breaks } = nastySeries();
    const n = raw.length;
    const whole = intervalsCorrect(raw, breaks);
    assert.ok(whole.counts.corrected > 100, JSON.stringify(whole.counts)); // the series does exercise the correction
    const K = CORRECTION_SUPPORT_BEATS;
    const win = 3 * K;
    let checked = 0;
    // Windows of 3K beats stepped by K: every beat lies in some window's centre [s + K, e − K).
    for (let s = 0; s < n; s += K) {
      const e = Math.min(n, s + win);
      const w = intervalsCorrect(
        raw.slice(s, e),
        breaks.filter((b) => b > s && b < e).map((b) => b - s),
      );
      const lo = s === 0 ? 0 : s + K;
      const hi = e === n ? n : e - K;
      if (hi <= lo) continue;
      for (let i = lo; i < hi; i++) {
        assert.equal(w.rawFlags[i - s], whole.rawFlags[i], `flag of raw beat ${i} (window ${s}–${e})`);
        checked++;
      }
      assert.deepEqual(nnBetween(w, s, lo, hi), nnBetween(whole, 0, lo, hi), `NN intervals closing at raw beats ${lo}–${hi}`);
      if (e === n) break;
    }
    assert.equal(checked, n);
  });

  test('the half-rate mask depends on ±HALF_RATE_SUPPORT_BEATS only', () => {
    const { raw, breaks } = nastySeries();
    const n = raw.length;
    const rrOf = (b: number[], brk: number[]): { rr: Float64Array; ok: Uint8Array } => {
      const rr = new Float64Array(b.length);
      const ok = new Uint8Array(b.length);
      const set = new Set(brk);
      for (let i = 1; i < b.length; i++) {
        rr[i] = (b[i]! - b[i - 1]!) * 1000;
        ok[i] = set.has(i) ? 0 : 1;
      }
      return { rr, ok };
    };
    const all = rrOf(raw, breaks);
    const whole = halfRateMask(all.rr, all.ok);
    const K = HALF_RATE_SUPPORT_BEATS;
    for (let s = 0; s + 3 * K <= n; s += 17) {
      const e = s + 3 * K;
      const part = rrOf(raw.slice(s, e), breaks.filter((b) => b > s && b < e).map((b) => b - s));
      const m = halfRateMask(part.rr, part.ok);
      for (let i = s + K; i < e - K; i++) assert.equal(m[i - s], whole[i], `half-rate flag of interval ${i}`);
    }
  });
});
