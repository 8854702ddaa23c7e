/**
 * DeviceManager with a Bluetooth heart-rate strap (a fake noble peripheral sending real 0x2A37
 * payloads): the RR intervals are analysed (no PPG), and when the link drops and the adapter
 * reconnects by itself, the missed beats become one 'disconnected' gap with start and end.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceManager, type GapEvent } from '../../../main/devices/DeviceManager.js';
import { hex } from '../../unit/sensors/hex.js';
import { FakeNoble, FakePeripheral } from '../sensors/fakeNoble.js';
import { sleep } from '../sensors/ptyPair.js';

/** HR measurement with contact detected and one RR value (1/1024 s). */
function hrPayload(hrBpm: number, rrMs: number): Uint8Array {
  const rr = Math.round((rrMs * 1024) / 1000);
  return Uint8Array.of(0x16, hrBpm, rr & 0xff, rr >> 8);
}

describe('DeviceManager with a BLE heart-rate strap (fake noble)', () => {
  test('RR intervals → beats and HR; a dropout → reconnect → one gap with start and end', async () => {
    const noble = new FakeNoble();
    const p = noble.add(new FakePeripheral('c0ffee123456', { localName: 'HRM-Dual', serviceUuids: ['180d'] }));
    const hrm = p.addChar('2a37');
    p.addChar('2a38', { read: () => hex('01') });
    const mgr = new DeviceManager({ openContext: { ble: { noble, reconnectBackoffMs: [100] } } });
    const beats: number[] = [];
    const hr: number[] = [];
    const gaps: GapEvent[] = [];
    const states: string[] = [];
    mgr.on('analysis', (_c, r) => {
      beats.push(...r.beatTSec);
      for (const m of r.metrics) if (m.hrBpm !== null) hr.push(m.hrBpm);
    });
    mgr.on('gap', (_c, g) => gaps.push(g));
    mgr.on('state', (_c, s) => states.push(s));
    // The strap: a beat every 750 ms (80 bpm), one notification per beat while connected.
    const timer = setInterval(() => hrm.notify(hrPayload(80, 750)), 750);
    try {
      const { info } = await mgr.connect('ble:c0ffee123456', 'strap');
      assert.equal(info.kind, 'ble');
      assert.equal(info.fsHz, undefined);
      await sleep(4600);
      const beforeDrop = mgr.dataTimeSec('strap');
      p.visible = false;
      p.dropout(); // out of range
      await sleep(1500);
      p.visible = true; // back in range: the adapter rescans and reconnects
      const t0 = Date.now();
      while (mgr.channels()[0]!.state !== 'connected' && Date.now() - t0 < 3000) await sleep(10);
      assert.equal(mgr.channels()[0]!.state, 'connected');
      await sleep(3100);
      await mgr.disconnect('strap');
      assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'connected', 'disconnected']);
      assert.equal(gaps.length, 1, JSON.stringify(gaps));
      const g = gaps[0]!;
      assert.equal(g.reason, 'disconnected');
      assert.ok(Math.abs(g.startSec - beforeDrop) < 0.8, `gap start ${g.startSec} vs last data ${beforeDrop}`);
      assert.ok(g.endSec - g.startSec > 1 && g.endSec - g.startSec < 4, JSON.stringify(g));
      assert.ok(beats.some((t) => t < g.startSec) && beats.some((t) => t > g.endSec + 1), 'beats on both sides of the gap');
      assert.ok(hr.length > 3 && hr.every((x) => Math.abs(x - 80) < 1), `HR ${JSON.stringify(hr)}`);
    } finally {
      clearInterval(timer);
      await mgr.close();
    }
  });
});
