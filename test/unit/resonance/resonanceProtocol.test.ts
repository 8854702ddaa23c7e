// The stepped and sliding protocols as pacer schedules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analysedLengthSec,
  buildResonanceProtocol,
  DEFAULT_RESONANCE_SETTINGS,
  resonanceProgressAt,
  validateResonanceSettings,
} from '../../../shared/dsp/resonance/resonanceProtocol.js';
import { buildSlidingProtocol } from '../../../shared/dsp/resonance/slidingProtocol.js';

const ok = <T extends object>(r: T | { error: string }): T => {
  if ('error' in r) throw new Error(r.error);
  return r;
};

describe('stepped protocol', () => {
  test('default: 6.5 → 4.5 in 0.5 steps, ≥ 120 s each, at breath boundaries, 30 s settling', () => {
    const p = ok(buildResonanceProtocol({}, 10));
    assert.deepEqual(p.steps.map((s) => s.rateBpm), [6.5, 6, 5.5, 5, 4.5]);
    assert.equal(p.phases.length, 5);
    assert.equal(p.steps[0].startSec, 10);
    for (const s of p.steps) {
      const period = 60 / s.rateBpm;
      const len = s.endSec - s.startSec;
      assert.ok(len >= 120 - 1e-6 && len < 120 + period, `step ${s.rateBpm}: ${len} s`);
      // The pacer is at the start of an inhale at the step start and at the analysis start.
      for (const t of [s.startSec + 1e-6, s.analysisStartSec! + 1e-6]) {
        const st = p.schedule.at(t);
        assert.equal(st.rateBpm, s.rateBpm);
        assert.ok(st.breathPhaseRad < 1e-3, `phase ${st.breathPhaseRad} at ${t}`);
      }
      const settle = s.analysisStartSec! - s.startSec;
      assert.ok(settle >= 30 - 1e-6 && settle < 30 + period, `settling ${settle}`);
      assert.ok(Math.abs(s.endSec - s.analysisStartSec! - analysedLengthSec(s.rateBpm, 120, 30)) < 1e-6);
    }
    assert.equal(p.endSec, p.steps[4].endSec);
    assert.ok(p.schedule.at(p.endSec + 0.1).finished);
    assert.equal(p.settings.inhaleFraction, DEFAULT_RESONANCE_SETTINGS.inhaleFraction);
  });

  test('custom rates, step length, ratio and a rest between steps', () => {
    const p = ok(buildResonanceProtocol({ ratesBpm: [6, 5], stepSec: 90, restSec: 40, inhaleFraction: 0.5 }));
    assert.deepEqual(
      p.phases.map((x) => x.kind),
      ['step', 'rest', 'step'],
    );
    const rest = p.phases[1];
    assert.equal(rest.stepIndex, 1);
    assert.equal(rest.analysisStartSec, null);
    assert.ok(rest.endSec - rest.startSec >= 40 - 1e-6);
    assert.equal(p.steps[1].startSec, rest.endSec);
    assert.equal(p.schedule.settingsAt(p.steps[1].startSec + 1).inhaleFraction, 0.5);
  });

  test('progress: before, settling, analysed part, rest, done', () => {
    const p = ok(buildResonanceProtocol({ ratesBpm: [6, 5], stepSec: 90, restSec: 40 }, 10));
    assert.equal(resonanceProgressAt(p, 5).kind, 'before');
    const settling = resonanceProgressAt(p, 15);
    assert.deepEqual([settling.kind, settling.stepIndex, settling.rateBpm, settling.settling], ['step', 0, 6, true]);
    assert.equal(settling.elapsedSec, 5);
    assert.ok(Math.abs(settling.totalRemainingSec - (p.endSec - 15)) < 1e-9);
    const measuring = resonanceProgressAt(p, p.steps[0].analysisStartSec! + 1);
    assert.equal(measuring.settling, false);
    const rest = resonanceProgressAt(p, p.phases[1].startSec + 1);
    assert.deepEqual([rest.kind, rest.stepIndex, rest.rateBpm], ['rest', 1, null]);
    const last = resonanceProgressAt(p, p.endSec - 1);
    assert.deepEqual([last.kind, last.stepIndex, last.stepCount], ['step', 1, 2]);
    assert.equal(resonanceProgressAt(p, p.endSec).kind, 'done');
  });

  test('bad settings are refused with readable reasons', () => {
    assert.match(validateResonanceSettings({ ratesBpm: [6] }).join(), /2 to 12 breathing rates/);
    assert.match(validateResonanceSettings({ ratesBpm: [6, 15] }).join(), /step 2: rateBpm must be between 3 and 12/);
    assert.match(validateResonanceSettings({ stepSec: 40 }).join(), /too little|leave/);
    assert.match(validateResonanceSettings({ stepSec: -1 }).join(), /step length/);
    assert.match(validateResonanceSettings({ inhaleFraction: 0.95 }).join(), /inhaleFraction must be between 0\.1 and 0\.9 \(got 0\.95\): the in-breath must take 10 to 90 % of the breath/);
    const r = buildResonanceProtocol({ ratesBpm: [6, Number.NaN] });
    assert.ok('error' in r);
    // 60 s steps still leave ≥ 20 s of whole breaths at every default rate.
    assert.deepEqual(validateResonanceSettings({ stepSec: 60 }), []);
  });
});

describe('sliding protocol (Fisher & Lehrer 2022)', () => {
  test('78 breaths from 6.75 to 4.25 breaths/min, the rate changing only at breath boundaries', () => {
    const p = ok(buildSlidingProtocol({}, 5));
    assert.equal(p.breaths.length, 78);
    assert.equal(p.breaths[0].rateBpm, 6.75);
    assert.ok(Math.abs(p.breaths[77].rateBpm - 4.25) < 1e-9);
    for (let k = 1; k < 78; k++) {
      const b = p.breaths[k];
      assert.ok(b.rateBpm < p.breaths[k - 1].rateBpm);
      assert.ok(Math.abs(b.startSec - p.breaths[k - 1].endSec) < 1e-6, 'breaths follow each other');
      assert.ok(Math.abs(b.endSec - b.startSec - 60 / b.rateBpm) < 1e-6, 'each breath lasts its own period');
      const st = p.schedule.at(b.startSec + 1e-6);
      assert.ok(Math.abs(st.rateBpm - b.rateBpm) < 1e-9 && st.breathPhaseRad < 1e-3);
      assert.equal(st.breathIndex, k);
    }
    // ≈ 14.4 minutes in all.
    assert.ok(Math.abs(p.endSec - 5 - 866.4) < 1, `duration ${p.endSec - 5}`);
    assert.ok(p.schedule.at(p.endSec + 0.01).finished);
  });

  test('bad sliding settings are refused', () => {
    assert.ok('error' in buildSlidingProtocol({ breaths: 3 }));
    assert.ok('error' in buildSlidingProtocol({ startRateBpm: 20 }));
    assert.ok('error' in buildSlidingProtocol({ startRateBpm: 5, endRateBpm: 5 }));
  });
});
