// Ranking rule, flags and the plain-language reason (English and Dutch).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRITERION_WEIGHTS, recommendResonanceRate, TOO_CLOSE_MARGIN_POINTS } from '../../../shared/dsp/resonance/rankResonanceSteps.js';
import { formatResonanceMessage, rateParam } from '../../../shared/dsp/resonance/resonanceMessages.js';
import { resonanceNn, windowBeatStats } from '../../../shared/dsp/resonance/resonanceBeats.js';
import type { ResonanceStepResult } from '../../../shared/dsp/resonance/types.js';

/** A step whose criteria are all a `q` fraction (0–1) of a reference step. */
function step(index: number, rateBpm: number, q: number, over: Partial<ResonanceStepResult> = {}): ResonanceStepResult {
  return {
    index,
    rateBpm,
    pacerHz: rateBpm / 60,
    startSec: index * 120,
    endSec: index * 120 + 120,
    analysisStartSec: index * 120 + 30,
    analysedSec: 90,
    breaths: 8,
    beats: 100,
    meanHrBpm: 70,
    lfPowerMs2: 3000 * q * q,
    lfPeakPowerMs2: 2900 * q * q,
    lfPeakHz: rateBpm / 60,
    lfPeakCount: 1,
    peakToTroughBpm: 15 * q,
    peakToTroughSdBpm: 1,
    peakToTroughPerBreathBpm: [],
    hrLagDeg: 45 * (1 - q),
    synchrony: 1,
    inPhaseIndex: q,
    smoothness: 0.95 * q,
    rsaRateBpm: rateBpm,
    rateErrorBpm: 0,
    adherencePct: 100,
    onPace: true,
    correctedPct: 0,
    signalQualityPct: 100,
    reliable: true,
    spectrum: null,
    ...over,
  };
}

describe('recommendResonanceRate', () => {
  test('the step best on every criterion wins with score 100; scores fall with the criteria', () => {
    const steps = [step(0, 6.5, 0.6), step(1, 6, 0.8), step(2, 5.5, 1), step(3, 5, 0.85), step(4, 4.5, 0.7)];
    const rec = recommendResonanceRate(steps);
    assert.equal(rec.rateBpm, 5.5);
    assert.deepEqual(rec.flags, []);
    assert.deepEqual(
      rec.ranking.map((e) => e.rateBpm),
      [5.5, 5, 6, 4.5, 6.5],
    );
    assert.equal(rec.ranking[0].score, 100);
    assert.equal(rec.ranking[0].criteriaWon.length, 6);
    assert.equal(rec.runnerUpRateBpm, 5);
    assert.ok(rec.scoreMargin! >= TOO_CLOSE_MARGIN_POINTS);
    // Relative criteria: peak-to-trough 0.85 of the best; LF power (∝ amplitude²) 0.85².
    const r5 = rec.ranking[1];
    assert.ok(Math.abs(r5.criteria.peakToTrough - 0.85) < 1e-3);
    assert.ok(Math.abs(r5.criteria.lfPower - 0.85 * 0.85) < 1e-3);
    assert.match(rec.reason.en, /^5\.5 breaths\/min meets the criteria best \(score 100 of 100; best on 6 of 6 criteria\)/);
    assert.match(rec.reason.en, /Next best: 5\.0 breaths\/min/);
    assert.match(rec.reason.nl, /^5,5 ademhalingen\/min voldoet het best/);
    assert.match(rec.reason.nl, /Daarna: 5,0 ademhalingen\/min/);
  });

  test('phase and peak-to-trough weigh double', () => {
    assert.equal(CRITERION_WEIGHTS.phase, 2);
    assert.equal(CRITERION_WEIGHTS.peakToTrough, 2);
    // A: better on phase and peak-to-trough; B: better on LF power, LF peak and smoothness, all by the same factor 0.8.
    const a = step(0, 6, 1, { lfPowerMs2: 0.8 * 3000, lfPeakPowerMs2: 0.8 * 2900, smoothness: 0.8 * 0.95 });
    const b = step(1, 5.5, 1, { inPhaseIndex: 0.8, peakToTroughBpm: 0.8 * 15 });
    const rec = recommendResonanceRate([a, b]);
    assert.equal(rec.rateBpm, 6);
    // (2 + 2 + 3 · 0.8 + 1) / 8 vs (2 · 0.8 + 2 · 0.8 + 3 + 1) / 8
    assert.equal(rec.ranking[0].score, 92.5);
    assert.equal(rec.ranking[1].score, 90);
  });

  test('neighbours within the margin are flagged too close to call, with the in-between rate to try', () => {
    const rec = recommendResonanceRate([step(0, 6, 0.7), step(1, 5.5, 0.99), step(2, 5, 1)]);
    assert.equal(rec.rateBpm, 5);
    assert.ok(rec.flags.includes('too-close-to-call'));
    assert.ok(rec.scoreMargin! < TOO_CLOSE_MARGIN_POINTS);
    assert.match(rec.reason.en, /Too close to call: 5\.0 and 5\.5 breaths\/min .* testing 5\.25 breaths\/min/);
    assert.match(rec.reason.nl, /Te dicht bij elkaar om te kiezen: 5,0 en 5,5 .* 5,25 ademhalingen\/min/);
  });

  test('a step with a poor signal never wins, even with the largest numbers, and flags the result', () => {
    const noisy = step(0, 6, 1.6, { reliable: false, correctedPct: 22 });
    const rec = recommendResonanceRate([noisy, step(1, 5.5, 1), step(2, 5, 0.8)]);
    assert.equal(rec.rateBpm, 5.5);
    assert.equal(rec.ranking[2].rateBpm, 6);
    assert.equal(rec.ranking[0].score, 100, 'the poor step does not set the best values');
    assert.ok(rec.flags.includes('signal-too-poor'));
    assert.match(rec.reason.en, /Signal too poor at 6\.0 breaths\/min/);
  });

  test('fewer than two usable steps: no rate, signal too poor', () => {
    const rec = recommendResonanceRate([step(0, 6, 1, { reliable: false }), step(1, 5.5, 1), step(2, 5, 1, { reliable: false })]);
    assert.equal(rec.rateBpm, null);
    assert.ok(rec.flags.includes('signal-too-poor'));
    assert.match(rec.reason.en, /^No recommendation/);
    assert.match(rec.reason.nl, /^Geen advies/);
    assert.equal(recommendResonanceRate([]).rateBpm, null);
  });

  test('a step where the pacer was not followed is flagged off-pace', () => {
    const rec = recommendResonanceRate([step(0, 6, 0.8), step(1, 5.5, 1, { onPace: false, adherencePct: 30 }), step(2, 5, 0.7)]);
    assert.ok(rec.flags.includes('off-pace'));
    assert.match(rec.reason.en, /At 5\.5 breaths\/min the heart rhythm did not follow the pacer/);
    assert.ok(!rec.flags.includes('signal-too-poor'));
  });

  test('missing criteria count as 0, and 0 LF peaks scores 0 on that criterion', () => {
    const rec = recommendResonanceRate([step(0, 6, 1, { lfPeakCount: 0, smoothness: null }), step(1, 5.5, 0.9, { lfPeakCount: 2 })]);
    const six = rec.ranking.find((e) => e.rateBpm === 6)!;
    const five = rec.ranking.find((e) => e.rateBpm === 5.5)!;
    assert.equal(six.criteria.lfPeakCount, 0);
    assert.equal(six.criteria.smoothness, 0);
    assert.equal(five.criteria.lfPeakCount, 1);
  });
});

describe('messages', () => {
  test('numbers get a decimal comma in Dutch; rates one or two decimals; unknown keys do not throw', () => {
    const part = { key: 'runnerUp', params: { rate: rateParam(5.25), score: 87.5 } };
    assert.equal(formatResonanceMessage(part, 'en'), 'Next best: 5.25 breaths/min (score 87.5).');
    assert.equal(formatResonanceMessage(part, 'nl'), 'Daarna: 5,25 ademhalingen/min (score 87,5).');
    assert.equal(formatResonanceMessage({ key: 'poor', params: { rates: [6, 4.5] } }, 'nl').startsWith('Signaal te zwak bij 6,0 / 4,5'), true);
    assert.equal(rateParam(6), '6.0');
    assert.equal(rateParam(6.75), '6.75');
    assert.equal(formatResonanceMessage({ key: 'no-such-key', params: {} }, 'en'), 'no-such-key');
  });
});

describe('resonanceNn', () => {
  const beats = Array.from({ length: 120 }, (_, i) => 1 + i * 0.85);

  test('the pulse delay moves the beats back; untouched beats are not counted as corrected', () => {
    const nn = resonanceNn({ beatsSec: beats, pulseDelaySec: 0.25 });
    assert.ok(Math.abs(nn.beatsSec[0] - 0.75) < 1e-12);
    assert.ok(Math.abs(nn.nnTSec[0] - (1.85 - 0.25)) < 1e-9);
    assert.equal(windowBeatStats(nn, 0, 200).correctedPct, 0);
    assert.equal(Math.round(windowBeatStats(nn, 10, 90).coveragePct), 100);
  });

  test('a gap and a low-quality beat leave holes and count as corrected', () => {
    const q = beats.map((_, i) => (i === 50 ? 0.1 : 0.9));
    const nn = resonanceNn({ beatsSec: beats, quality: q, gaps: [{ startSec: 70, endSec: 75 }] });
    const w = windowBeatStats(nn, 30, 90);
    assert.ok(w.correctedPct > 0 && w.correctedPct < 5, `corrected ${w.correctedPct}`);
    assert.ok(w.coveragePct < 90, `coverage ${w.coveragePct}`);
    for (let i = 0; i < nn.nnTSec.length; i++) {
      const start = nn.nnTSec[i] - nn.nnMs[i] / 1000;
      assert.ok(!(start < 75 && nn.nnTSec[i] > 70), 'no interval across the gap');
    }
  });
});
