// Per-step charts of the resonance assessment: the heart rate over the pacer in each step
// (`stepHrTraces`) — beats cut to the step, times from its start, in-breaths where the pacer put
// them — and the report's per-step charts and unit-labelled table (LF in ms², …).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stepHrTraces } from '../../../shared/dsp/resonance/stepHrTraces.js';
import type { ResonanceAssessment } from '../../../shared/dsp/resonance/types.js';
import { ReportFormat } from '../../../shared/report/reportFormat.js';
import { resonanceSection } from '../../../shared/report/resonanceSection.js';

/** Beats at 1 s with HR = 60 + 5 sin(2π f t) (a breathing wave at `rateBpm`), on [from, to). */
function rsaBeats(from: number, to: number, rateBpm: number): { tSec: number[]; ibiMs: number[] } {
  const tSec: number[] = [];
  const ibiMs: number[] = [];
  for (let t = from; t < to; t += 1) {
    tSec.push(t);
    ibiMs.push(60000 / (60 + 5 * Math.sin((2 * Math.PI * rateBpm * t) / 60)));
  }
  return { tSec, ibiMs };
}

const steps = [
  { index: 0, rateBpm: 6, startSec: 0, endSec: 60, analysisStartSec: 10 },
  { index: 1, rateBpm: 5, startSec: 70, endSec: 130, analysisStartSec: 82 },
];

describe('per-step heart-rate traces', () => {
  test('beats of each step only, times from its start, in-breaths at the pacer rate', () => {
    const b = rsaBeats(0, 140, 6);
    const ibi: (number | null)[] = [...b.ibiMs];
    ibi[5] = null; // a beat without an interval is left out
    const [s0, s1] = stepHrTraces(steps, { tSec: b.tSec, ibiMs: ibi }, 0.4);
    assert.equal(s0!.tSec.length, 60, '0…60 s inclusive, minus the beat without interval');
    assert.equal(s0!.tSec[0], 0);
    assert.ok(!s0!.tSec.includes(5));
    assert.equal(s1!.tSec[0], 0, 'step 2 starts at its own 0');
    assert.equal(s1!.tSec.at(-1), 60);
    assert.equal(s1!.analysisFromSec, 12);
    assert.ok(Math.abs(s0!.hrBpm[0]! - 60) < 1e-6);
    // 6/min: a breath of 10 s, in-breath 4 s; six of them in 60 s.
    assert.deepEqual(s0!.inhale, [[0, 4], [10, 14], [20, 24], [30, 34], [40, 44], [50, 54]]);
    assert.equal(s1!.inhale.length, 5);
    assert.deepEqual(s1!.inhale[1], [12, 16.8]);
  });
});

describe('resonance section of the report', () => {
  const assessment = {
    kind: 'stepped',
    steps: steps.map((s) => ({
      ...s,
      pacerHz: s.rateBpm / 60,
      analysedSec: s.endSec - s.analysisStartSec,
      breaths: 5,
      beats: 50,
      meanHrBpm: 60,
      lfPowerMs2: 1234.5,
      lfPeakPowerMs2: 800,
      lfPeakHz: s.rateBpm / 60,
      lfPeakCount: 1,
      peakToTroughBpm: 9.5,
      peakToTroughSdBpm: 1.25,
      peakToTroughPerBreathBpm: [],
      hrLagDeg: 5,
      synchrony: 0.9,
      inPhaseIndex: 0.8,
      smoothness: 0.7,
      rsaRateBpm: s.rateBpm,
      rateErrorBpm: 0,
      correctedPct: 1.5,
      reliable: true,
      onPace: true,
    })),
    recommendation: { rateBpm: 6, flags: [], ranking: [{ stepIndex: 0, rateBpm: 6, score: 80, rank: 1 }], reasonParts: [] },
    settings: { protocol: { ratesBpm: [6, 5], stepSec: 60, inhaleFraction: 0.4, restSec: 10, settleSec: 10 }, pulseDelaySec: 0, thresholds: {}, methods: {} },
  } as unknown as ResonanceAssessment;

  test('units in every numeric column header and Dutch numbers; a chart per step with its beats', () => {
    const b = rsaBeats(0, 140, 6);
    const html = resonanceSection(assessment, new ReportFormat('nl'), 'nl', b);
    for (const h of ['Tempo (/min)', 'Piek-dal (slagen/min)', 'Fase HR (°)', 'LF (ms²)', 'LF-piek (ms²)', 'Gecorr. (%)']) assert.ok(html.includes(h), h);
    assert.match(html, /1\.235|1\.234,5|1234,5|1 235/, 'LF in Dutch number format');
    assert.match(html, /9,5 ± 1,3|9,5 ± 1,2/);
    const charts = [...html.matchAll(/<figure data-chart="resonance-step" data-rate="([\d.]+)" data-beats="(\d+)">/g)];
    assert.deepEqual(charts.map((c) => Number(c[1])), [6, 5]);
    assert.ok(charts.every((c) => Number(c[2]) > 50));
    assert.match(html, /Hartslag over de ademgids per stap/);
    assert.match(html, /tijd in de stap \(s\)/);
    // Without beats (no analysis): the table, no charts.
    const bare = resonanceSection(assessment, new ReportFormat('en'), 'en');
    assert.match(bare, /LF peak \(ms²\)/);
    assert.doesNotMatch(bare, /data-chart="resonance-step"/);
  });
});
