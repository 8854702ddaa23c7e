// Unit tests of each per-step criterion on synthetic heart rate with KNOWN amplitude and phase.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countSpectralPeaks, stepSpectrum } from '../../../shared/dsp/resonance/stepSpectrum.js';
import { inPhaseIndex, stepRhythm } from '../../../shared/dsp/resonance/stepRhythm.js';
import { breathStarts, nnOf, syntheticBeats } from './syntheticBeats.js';

const RATE = 5.5;
const P = 60 / RATE;
const T0 = 3 * P; // analysed part: breaths 3 … 12 (≈ 98 s)
const T1 = 12 * P;

function rhythm(opts: Parameters<typeof syntheticBeats>[0]) {
  const { beatsSec } = syntheticBeats(opts);
  const nn = nnOf(beatsSec);
  return { nn, r: stepRhythm(nn.tSec, nn.ibiMs, breathStarts(opts.rateBpm, T0, T1), opts.rateBpm, opts.lungMaxFraction ?? 0.4) };
}

describe('peak-to-trough HR per breath', () => {
  for (const pt of [4, 10, 20]) {
    test(`${pt} bpm peak-to-trough is measured within 5 %`, () => {
      const { r } = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: pt });
      assert.ok(r.peakToTroughBpm !== null && Math.abs(r.peakToTroughBpm - pt) < 0.05 * pt, `measured ${r.peakToTroughBpm}`);
      assert.equal(r.peakToTroughPerBreathBpm.length, 9);
      assert.ok(r.peakToTroughSdBpm !== null && r.peakToTroughSdBpm < 0.05 * pt, `sd ${r.peakToTroughSdBpm}`);
    });
  }

  test('the spread grows when the swing changes from breath to breath', () => {
    const steady = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10 }).r;
    // A second oscillation slightly off the breathing rate makes the swing wax and wane.
    const beating = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, extra: [[RATE / 60 + 0.012, 6]] }).r;
    assert.ok(beating.peakToTroughSdBpm! > 3 * steady.peakToTroughSdBpm! + 0.5, `${beating.peakToTroughSdBpm} vs ${steady.peakToTroughSdBpm}`);
  });
});

describe('phase of HR against the pacer', () => {
  for (const lag of [-60, -25, 0, 15, 40]) {
    test(`HR maximum ${lag}° after the end of the in-breath → hrLagDeg ≈ ${lag}`, () => {
      const { r } = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, lagDeg: lag });
      assert.ok(r.hrLagDeg !== null && Math.abs(r.hrLagDeg - lag) < 4, `measured ${r.hrLagDeg}`);
      assert.ok(r.synchrony! > 0.98, `synchrony ${r.synchrony}`);
    });
  }

  test('the reference is the lung-volume maximum: the same HR against a 50 % inhale shifts by 36°', () => {
    const { beatsSec } = syntheticBeats({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, lagDeg: 0, lungMaxFraction: 0.4 });
    const nn = nnOf(beatsSec);
    const r = stepRhythm(nn.tSec, nn.ibiMs, breathStarts(RATE, T0, T1), RATE, 0.5);
    assert.ok(Math.abs(r.hrLagDeg! - -36) < 4, `measured ${r.hrLagDeg}`);
  });

  test('no consistent phase (HR oscillating at another rate) → low synchrony and phase index', () => {
    const { r } = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, offPace: { startSec: 0, endSec: 200, rateBpm: 8.3 } });
    assert.ok(r.synchrony! < 0.5, `synchrony ${r.synchrony}`);
    assert.ok(r.inPhaseIndex! < 0.5, `index ${r.inPhaseIndex}`);
  });

  test('inPhaseIndex: 1 in phase, falls linearly to 0 at 45°, scaled by synchrony', () => {
    assert.equal(inPhaseIndex(0, 1), 1);
    assert.equal(inPhaseIndex(22.5, 1), 0.5);
    assert.equal(inPhaseIndex(-22.5, 0.8), 0.4);
    assert.equal(inPhaseIndex(60, 1), 0);
    assert.equal(inPhaseIndex(null, 1), null);
  });
});

describe('spectral criteria', () => {
  const hr0 = 70;
  const spectrumOf = (opts: Parameters<typeof syntheticBeats>[0]) => {
    const { beatsSec } = syntheticBeats({ hrBpm: hr0, ...opts });
    const nn = nnOf(beatsSec);
    return stepSpectrum(nn.tSec, nn.ibiMs, T0, T1, opts.rateBpm / 60);
  };

  test('LF power and LF peak power of a known HR sinusoid ≈ A²/2 of its NN amplitude', () => {
    const pt = 10;
    const s = spectrumOf({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: pt });
    // NN = 60000 / HR: an HR swing of ±a bpm around hr0 is an NN swing of ≈ ±60000·a/hr0² ms.
    const ampMs = (60000 * (pt / 2)) / (hr0 * hr0);
    const expected = (ampMs * ampMs) / 2;
    assert.ok(Math.abs(s.lfPowerMs2! - expected) < 0.15 * expected, `LF ${s.lfPowerMs2} vs ${expected}`);
    assert.ok(Math.abs(s.lfPeakPowerMs2! - expected) < 0.15 * expected, `LF peak ${s.lfPeakPowerMs2} vs ${expected}`);
    assert.ok(Math.abs(s.lfPeakHz! - RATE / 60) < 0.004, `peak at ${s.lfPeakHz} Hz`);
    assert.equal(s.lfPeakCount, 1);
    // Doubling the swing quadruples the power.
    const s2 = spectrumOf({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 2 * pt });
    assert.ok(Math.abs(s2.lfPowerMs2! / s.lfPowerMs2! - 4) < 0.4, `ratio ${s2.lfPowerMs2! / s.lfPowerMs2!}`);
  });

  test('two LF rhythms → two LF peaks; the peak power counts only the highest', () => {
    const s = spectrumOf({ durationSec: 140, rateBpm: 3.6, peakToTroughBpm: 8, extra: [[0.13, 8]] });
    assert.equal(s.lfPeakCount, 2);
    assert.ok(s.lfPeakPowerMs2! < 0.7 * s.lfPowerMs2!, `${s.lfPeakPowerMs2} of ${s.lfPowerMs2}`);
  });

  test('smoothness: ≈ 1 for a pure sinusoid, lower with beat-to-beat jitter and with a second rhythm', () => {
    const pure = spectrumOf({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10 }).smoothness!;
    const jitter1 = spectrumOf({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, beatJitterBpm: 2 }).smoothness!;
    const jitter2 = spectrumOf({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, beatJitterBpm: 5 }).smoothness!;
    const twoRhythms = spectrumOf({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, extra: [[0.2, 6]] }).smoothness!;
    assert.ok(pure > 0.95, `pure ${pure}`);
    assert.ok(jitter1 < pure && jitter2 < jitter1, `${pure} > ${jitter1} > ${jitter2}`);
    assert.ok(jitter2 < 0.8, `jitter ${jitter2}`);
    // 10² : 6² → share ≈ 100 / 136.
    assert.ok(Math.abs(twoRhythms - 100 / 136) < 0.08, `two rhythms ${twoRhythms}`);
  });

  test('RSA-derived rate equals the pacer when HR follows it', () => {
    const s = spectrumOf({ durationSec: 140, rateBpm: 4.5, peakToTroughBpm: 10 });
    assert.ok(s.rsaRateClear);
    assert.ok(Math.abs(s.rsaRateBpm! - 4.5) < 0.2, `rate ${s.rsaRateBpm}`);
  });

  test('too short a stretch gives nulls, not numbers from nothing', () => {
    const { beatsSec } = syntheticBeats({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10 });
    const nn = nnOf(beatsSec);
    const s = stepSpectrum(nn.tSec, nn.ibiMs, 30, 40, RATE / 60);
    assert.equal(s.lfPowerMs2, null);
    assert.equal(s.lfPeakCount, null);
    assert.equal(s.smoothness, null);
  });
});

describe('countSpectralPeaks', () => {
  const df = 0.01;
  const bump = (f0: number, h: number, w = 0.01) => (f: number) => h * Math.exp(-((f - f0) ** 2) / (2 * w * w));
  const spectrum = (...parts: ((f: number) => number)[]) => Array.from({ length: 51 }, (_, k) => parts.reduce((a, p) => a + p(k * df), 0));

  test('two separated peaks count twice, a shoulder once, a tiny bump not at all', () => {
    assert.equal(countSpectralPeaks(spectrum(bump(0.06, 1), bump(0.12, 0.8)), df, 0.04, 0.15), 2);
    assert.equal(countSpectralPeaks(spectrum(bump(0.08, 1, 0.015), bump(0.1, 0.9, 0.015)), df, 0.04, 0.15), 1);
    assert.equal(countSpectralPeaks(spectrum(bump(0.07, 1), bump(0.13, 0.1)), df, 0.04, 0.15), 1);
    assert.equal(countSpectralPeaks(new Array(51).fill(0), df, 0.04, 0.15), 0);
  });
});

describe('breathing-rate adherence', () => {
  test('HR following the pacer: 100 % of the local windows on the pacer rate', () => {
    const { r } = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10 });
    assert.equal(r.adherencePct, 100);
  });

  test('a lapse to fast spontaneous breathing for half the step lowers adherence', () => {
    const { r } = rhythm({ durationSec: 140, rateBpm: RATE, peakToTroughBpm: 10, offPace: { startSec: T0 + 45, endSec: T1, rateBpm: 12 } });
    assert.ok(r.adherencePct !== null && r.adherencePct <= 60, `adherence ${r.adherencePct}`);
  });
});
