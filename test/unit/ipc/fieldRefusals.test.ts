// A refused call carries its field problem across the API (schema or domain validator behind the
// service), so the form shows the rule next to the field instead of a generic banner.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createApiClient, dispatchInvoke, type CadansService, type Reply } from '../../../shared/ipc/contract.js';
import { ValidationError } from '../../../shared/domain/validationResult.js';
import { fieldOfPath } from '../../../shared/ipc/schema.js';

const service = {
  setPacer: () => {
    throw new ValidationError(['Holds leave too little time.'], [{ code: 'phaseTooShort', field: 'holds', params: { inhale: 0.4, exhale: 0.6, min: 1, period: 5 } }]);
  },
  startSession: () => ({ phase: 'recording' }),
  getClient: () => {
    throw new Error('plain failure');
  },
} as unknown as CadansService;

const refusal = async (name: string, args: unknown[]) => {
  const r = await dispatchInvoke(service, name, args);
  assert.equal(r.ok, false, `${name} must be refused`);
  return r as Extract<Reply<unknown>, { ok: false }>;
};

describe('field problems cross the API', () => {
  test('setPacer: rate 2, 20 and −6 are refused by the schema with the 3–12 rule on rateBpm', async () => {
    for (const rate of [2, 20, -6]) {
      const r = await refusal('setPacer', [{ rateBpm: rate, inhaleFraction: 0.5 }]);
      assert.deepEqual(r.issues, [{ field: 'rateBpm', code: 'outOfRange', params: { min: 3, max: 12, value: String(rate) } }]);
      assert.match(r.error, /argument 1\.rateBpm must be a finite number from 3 to 12/);
    }
    const nan = await refusal('setPacer', [{ rateBpm: 'six', inhaleFraction: 0.5 }]);
    assert.deepEqual(nan.issues, [{ field: 'rateBpm', code: 'notANumber', params: { value: '"six"' } }]);
  });

  test('startSession and setPacer refuse a duration of −5 and 500 min (1–120 min) on the duration field', async () => {
    for (const sec of [-300, 30_000, 0]) {
      const r = await refusal('startSession', [{ clientId: 1, pacer: { rateBpm: 6, inhaleFraction: 0.5, durationSec: sec } }]);
      assert.deepEqual(r.issues, [{ field: 'pacer.durationSec', code: 'outOfRange', params: { min: 60, max: 7200, value: String(sec) } }]);
      const p = await refusal('setPacer', [{ rateBpm: 6, inhaleFraction: 0.5, durationSec: sec }]);
      assert.equal(p.issues?.[0]?.field, 'durationSec');
    }
    const edge = await dispatchInvoke(service, 'startSession', [{ clientId: 1, pacer: { rateBpm: 12, inhaleFraction: 0.5, durationSec: 7200 } }]);
    assert.equal(edge.ok, true, 'the valid edges pass the schema');
    const neg = await refusal('setPacer', [{ rateBpm: 6, inhaleFraction: 0.5, holdInSec: -1 }]);
    assert.deepEqual(neg.issues, [{ field: 'holdInSec', code: 'outOfRange', params: { min: 0, max: 20, value: '-1' } }]);
  });

  test("a domain validator's ValidationError behind the service keeps its field problems; other errors stay plain", async () => {
    const r = await refusal('setPacer', [{ rateBpm: 12, inhaleFraction: 0.5, holdInSec: 2, holdOutSec: 2 }]);
    assert.deepEqual(r.issues, [{ code: 'phaseTooShort', field: 'holds', params: { inhale: 0.4, exhale: 0.6, min: 1, period: 5 } }]);
    const plain = await refusal('getClient', [3]);
    assert.deepEqual(plain, { ok: false, error: 'plain failure' });
    const unknownKey = await refusal('setPacer', [{ rateBpm: 6, inhaleFraction: 0.5, speed: 2 }]);
    assert.deepEqual(unknownKey.issues?.[0], { field: 'speed', code: 'unknownKey', params: { key: 'speed', allowed: 'rateBpm, inhaleFraction, holdInSec, holdOutSec, durationSec' } });
  });

  test('the API client throws an ApiError that carries the issues', async () => {
    const api = createApiClient({ invoke: (name, args) => dispatchInvoke(service, name, args), subscribe: () => () => undefined });
    const e = await api.setPacer({ rateBpm: 20, inhaleFraction: 0.5 }).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(e instanceof ApiError);
    assert.equal(e.issues[0]?.field, 'rateBpm');
    assert.equal(e.issues[0]?.code, 'outOfRange');
  });

  test('fieldOfPath drops the root of a path', () => {
    assert.equal(fieldOfPath('argument 1.pacer.rateBpm'), 'pacer.rateBpm');
    assert.equal(fieldOfPath('argument 1'), 'argument 1');
    assert.equal(fieldOfPath('argument 1[2].x'), '[2].x');
    assert.equal(fieldOfPath('value.a'), 'a');
  });
});
