// The pacer form's rules as field problems: the ACTUAL rule broken per field (not one fixed
// sentence for every mistake), in the same codes the form translates.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePacerForm, validatePacerRequest } from '../../../shared/domain/validatePacer.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { issueMessage } from '../../../shared/domain/validationResult.js';

const base = { rateBpm: 6, inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, durationMin: 10 };

function issuesOf(input: Record<string, unknown>): ValidationIssue[] {
  const r = validatePacerForm({ ...base, ...input });
  return r.ok ? [] : r.issues;
}

describe('validatePacerForm', () => {
  test('rate 2, 20, −6 and 0 each break the 3–12 range (not the in/out rule)', () => {
    for (const rate of [2, 20, -6, 0]) {
      assert.deepEqual(issuesOf({ rateBpm: rate }), [{ code: 'outOfRange', field: 'rateBpm', params: { min: 3, max: 12, value: String(rate) } }], `rate ${rate}`);
    }
    assert.match(issueMessage(issuesOf({ rateBpm: 20 })[0]!), /between 3 and 12 \(got 20\)/);
  });

  test('a rate that is not a number, or none, is named as such', () => {
    assert.deepEqual(issuesOf({ rateBpm: NaN }), [{ code: 'notANumber', field: 'rateBpm', params: { value: 'NaN' } }]);
    assert.deepEqual(issuesOf({ rateBpm: '6' }), [{ code: 'notANumber', field: 'rateBpm', params: { value: '"6"' } }]);
    assert.deepEqual(issuesOf({ rateBpm: undefined }), [{ code: 'required', field: 'rateBpm', params: {} }]);
  });

  test('the valid edges pass: rate 3 and 12, duration 1 and 120 min, 0 = open-ended', () => {
    for (const rateBpm of [3, 12]) assert.equal(validatePacerForm({ ...base, rateBpm }).ok, true, `rate ${rateBpm}`);
    const one = validatePacerForm({ ...base, durationMin: 1 });
    assert.ok(one.ok && one.value.durationSec === 60);
    const max = validatePacerForm({ ...base, durationMin: 120 });
    assert.ok(max.ok && max.value.durationSec === 7200);
    const open = validatePacerForm({ ...base, durationMin: 0 });
    assert.ok(open.ok && open.value.durationSec === undefined);
  });

  test('session duration −5, 500 and NaN minutes are refused with the 1–120 min rule', () => {
    for (const d of [-5, 500, 0.5, 121]) {
      assert.deepEqual(issuesOf({ durationMin: d }), [{ code: 'outOfRange', field: 'durationMin', params: { min: 1, max: 120, value: String(d) } }], `duration ${d}`);
    }
    assert.deepEqual(issuesOf({ durationMin: NaN }), [{ code: 'notANumber', field: 'durationMin', params: { value: 'NaN' } }]);
  });

  test('negative holds break "at least 0"; the in/out ≥ 1 s rule names the real durations', () => {
    assert.deepEqual(issuesOf({ holdInSec: -1 }), [{ code: 'belowMin', field: 'holdInSec', params: { min: 0, value: '-1' } }]);
    assert.deepEqual(issuesOf({ holdOutSec: -0.5 }), [{ code: 'belowMin', field: 'holdOutSec', params: { min: 0, value: '-0.5' } }]);
    // 12/min = 5 s per breath; 2 + 2 s of holds leave 1 s: 0.4 s in, 0.6 s out.
    assert.deepEqual(issuesOf({ rateBpm: 12, holdInSec: 2, holdOutSec: 2 }), [
      { code: 'phaseTooShort', field: 'holds', params: { inhale: 0.4, exhale: 0.6, min: 1, period: 5 } },
    ]);
    // Without holds, only a very uneven ratio at a fast rate is too short: on the ratio.
    assert.deepEqual(issuesOf({ rateBpm: 12, inhaleFraction: 0.1 }), [
      { code: 'phaseTooShort', field: 'inhaleFraction', params: { inhale: 0.5, exhale: 4.5, min: 1, period: 5 } },
    ]);
    assert.deepEqual(issuesOf({ inhaleFraction: 0.95 }), [{ code: 'outOfRange', field: 'inhaleFraction', params: { min: 0.1, max: 0.9, value: '0.95' } }]);
  });

  test('several problems are all reported, each on its own field', () => {
    const fields = issuesOf({ rateBpm: 20, durationMin: 500, holdInSec: -1 }).map((i) => i.field);
    assert.deepEqual(fields, ['rateBpm', 'holdInSec', 'durationMin']);
  });
});

describe('validatePacerRequest (what reaches the core, duration in seconds)', () => {
  test('−5 and 500 minutes sent as seconds are refused in minutes; 0 s is refused too', () => {
    for (const [sec, min] of [[-300, '-5'], [30_000, '500'], [0, '0']] as const) {
      const r = validatePacerRequest({ rateBpm: 6, inhaleFraction: 0.5, durationSec: sec });
      assert.ok(!r.ok, `${sec} s`);
      assert.deepEqual(r.issues, [{ code: 'outOfRange', field: 'durationMin', params: { min: 1, max: 120, value: min } }]);
    }
  });

  test('valid settings come back as given (seconds not rounded)', () => {
    const r = validatePacerRequest({ rateBpm: 5.5, inhaleFraction: 0.4, durationSec: 61.5 });
    assert.deepEqual(r, { ok: true, value: { rateBpm: 5.5, inhaleFraction: 0.4, durationSec: 61.5 } });
    assert.equal(validatePacerRequest(null).ok, false);
  });
});
