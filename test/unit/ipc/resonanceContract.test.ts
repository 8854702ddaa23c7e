// The resonance calls of the API contract: names, argument checks and dispatch to the service.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTRACT, dispatchInvoke, isEventName, isInvokeName, type CadansService } from '../../../shared/ipc/contract.js';

describe('API contract: resonance assessment', () => {
  test('the calls and the event exist', () => {
    for (const n of ['startResonance', 'getResonanceRun', 'stopResonance', 'cancelResonance', 'getResonanceResult', 'setResonanceOverride', 'getLastResonanceRate'])
      assert.ok(isInvokeName(n), n);
    assert.ok(isEventName('onResonance'));
  });

  test('argument checks', () => {
    assert.equal(CONTRACT.startResonance.check([{ clientId: 1 }]), null);
    assert.match(CONTRACT.startResonance.check([]) ?? '', /expected 1/);
    assert.match(CONTRACT.startResonance.check([null]) ?? '', /object/);
    assert.match(CONTRACT.getResonanceResult.check(['7']) ?? '', /positive whole number/);
    assert.match(CONTRACT.getLastResonanceRate.check([-1]) ?? '', /positive whole number/);
    assert.match(CONTRACT.setResonanceOverride.check([5]) ?? '', /object/);
    assert.match(CONTRACT.stopResonance.check([1]) ?? '', /expected 0/);
  });

  test('dispatch reaches the service; its errors come back as messages', async () => {
    const service = {
      getLastResonanceRate: (id: number) => (id === 3 ? { rateBpm: 5.5, source: 'recommendation', flags: [], sessionId: 9, startedAt: 'x' } : null),
      stopResonance: async () => {
        throw new Error('no resonance assessment is running');
      },
    } as unknown as CadansService;
    assert.deepEqual(await dispatchInvoke(service, 'getLastResonanceRate', [3]), { ok: true, value: { rateBpm: 5.5, source: 'recommendation', flags: [], sessionId: 9, startedAt: 'x' } });
    assert.deepEqual(await dispatchInvoke(service, 'getLastResonanceRate', [4]), { ok: true, value: null });
    assert.deepEqual(await dispatchInvoke(service, 'stopResonance', []), { ok: false, error: 'no resonance assessment is running' });
  });
});
