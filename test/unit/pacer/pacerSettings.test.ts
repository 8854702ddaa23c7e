import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { pacerTiming, validatePacerSettings } from '../../../shared/pacer/index.js';

describe('pacerTiming', () => {
  test('breath period is exactly 60/rate and the four parts fill it', () => {
    for (const rateBpm of [3, 4.5, 5.5, 6, 6.5, 10, 12]) {
      for (const inhaleFraction of [0.3, 0.4, 0.5]) {
        const t = pacerTiming({ rateBpm, inhaleFraction, holdInSec: 0.5, holdOutSec: 0.25 });
        assert.equal(t.periodSec, 60 / rateBpm);
        assert.ok(Math.abs(t.inhaleSec + t.holdInSec + t.exhaleSec + t.holdOutSec - t.periodSec) < 1e-12);
        assert.ok(Math.abs(t.inhaleSec / (t.inhaleSec + t.exhaleSec) - inhaleFraction) < 1e-12);
      }
    }
  });

  test('holds are carved out of the period: 6/min 4:6 with 1 s + 1 s holds → 3.2 s in, 4.8 s out', () => {
    const t = pacerTiming({ rateBpm: 6, inhaleFraction: 0.4, holdInSec: 1, holdOutSec: 1 });
    assert.ok(Math.abs(t.inhaleSec - 3.2) < 1e-12);
    assert.ok(Math.abs(t.exhaleSec - 4.8) < 1e-12);
    assert.ok(Math.abs(t.holdInEndSec - 4.2) < 1e-12);
    assert.ok(Math.abs(t.exhaleEndSec - 9) < 1e-12);
  });
});

describe('validatePacerSettings', () => {
  test('accepts typical settings', () => {
    assert.deepEqual(validatePacerSettings({ rateBpm: 6, inhaleFraction: 0.4 }), []);
    assert.deepEqual(validatePacerSettings({ rateBpm: 3, inhaleFraction: 0.5, holdInSec: 2, holdOutSec: 2, durationSec: 600 }), []);
    assert.deepEqual(validatePacerSettings({ rateBpm: 12, inhaleFraction: 0.5 }), []);
  });

  test('rejects out-of-range or missing values with a message naming the field', () => {
    const cases: [unknown, string][] = [
      [{ rateBpm: 2.9, inhaleFraction: 0.5 }, 'rateBpm'],
      [{ rateBpm: 12.1, inhaleFraction: 0.5 }, 'rateBpm'],
      [{ rateBpm: NaN, inhaleFraction: 0.5 }, 'rateBpm'],
      [{ inhaleFraction: 0.5 }, 'rateBpm'],
      [{ rateBpm: 6, inhaleFraction: 0 }, 'inhaleFraction'],
      [{ rateBpm: 6, inhaleFraction: 1 }, 'inhaleFraction'],
      [{ rateBpm: 6, inhaleFraction: 0.5, holdInSec: -1 }, 'holdInSec'],
      [{ rateBpm: 6, inhaleFraction: 0.5, holdOutSec: 'x' }, 'holdOutSec'],
      [{ rateBpm: 6, inhaleFraction: 0.5, durationSec: 0 }, 'durationSec'],
      [{ rateBpm: 12, inhaleFraction: 0.5, holdInSec: 2, holdOutSec: 2 }, 'holds'],
    ];
    for (const [settings, word] of cases) {
      const errors = validatePacerSettings(settings);
      assert.equal(errors.length, 1, JSON.stringify(settings) + ' → ' + errors.join(' | '));
      assert.match(errors[0], new RegExp(word));
    }
  });

  test('non-objects give an error instead of throwing', () => {
    assert.equal(validatePacerSettings(null).length, 1);
    assert.equal(validatePacerSettings(6).length, 1);
  });
});
