import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serialSpec, parseSerialSpec, explainOpenError, defaultBaudRate, SerialSource } from '../../../native-adapters/sensors/serialSource.js';
import { explainBluetoothState, NobleSession } from '../../../native-adapters/sensors/nobleSession.js';
import { withTimeout, Aborter } from '../../../native-adapters/sensors/asyncUtil.js';
import { TypedEmitter } from '../../../shared/sensors/typedEmitter.js';
import type { NobleLike } from '../../../native-adapters/sensors/nobleTypes.js';

describe('serial source helpers', () => {
  test('spec round-trip and defaults', () => {
    assert.equal(serialSpec({ path: '/dev/ttyUSB0', protocol: 'cms50-9' }), 'serial:/dev/ttyUSB0?protocol=cms50-9&baud=115200');
    assert.equal(defaultBaudRate('cms50-5'), 19200);
    assert.deepEqual(parseSerialSpec('serial:/dev/ttyACM0?protocol=csv&baud=9600&fs=100'), {
      path: '/dev/ttyACM0', protocol: 'csv', baudRate: 9600, fsHz: 100, sensorCount: undefined, sensorIndex: undefined,
    });
    assert.deepEqual(parseSerialSpec('serial:COM3'), { path: 'COM3', protocol: 'auto', baudRate: undefined, fsHz: undefined, sensorCount: undefined, sensorIndex: undefined });
    assert.equal((parseSerialSpec('serial:COM3?sensor=1') as { sensorIndex: number }).sensorIndex, 1);
    assert.match((parseSerialSpec('serial:COM3?sensor=-1') as { error: string }).error, /bad sensor/);
    assert.match((parseSerialSpec('serial:/dev/x?protocol=modbus') as { error: string }).error, /unknown serial protocol 'modbus'/);
    assert.match((parseSerialSpec('ble:abc') as { error: string }).error, /not a serial source spec/);
    assert.match((parseSerialSpec('serial:/dev/x?baud=-1') as { error: string }).error, /bad baud/);
    const s = new SerialSource({ path: '/dev/ttyUSB0', protocol: 'cms50-5' });
    assert.equal(s.spec, 'serial:/dev/ttyUSB0?protocol=cms50-5&baud=19200');
    assert.deepEqual(s.info, { kind: 'serial', label: 'CMS50 (old 5-byte protocol) on /dev/ttyUSB0', protocol: 'cms50-5', fsHz: 60 });
  });
  test('open errors are explained', () => {
    assert.match(explainOpenError('/dev/ttyUSB0', new Error('Error: Permission denied, cannot open /dev/ttyUSB0')), /dialout/);
    assert.match(explainOpenError('/dev/ttyUSB0', new Error('Error Resource temporarily unavailable Cannot lock port')), /in use by another program/);
    assert.match(explainOpenError('/dev/ttyUSB9', new Error('Error: No such file or directory, cannot open /dev/ttyUSB9')), /does not exist/);
  });
});

describe('BLE helpers', () => {
  test('adapter state messages', () => {
    assert.equal(
      explainBluetoothState('unauthorized', 'linux', '/usr/bin/node'),
      'no permission to use Bluetooth — run once: sudo setcap cap_net_raw+eip $(readlink -f /usr/bin/node) (the real node or electron binary)',
    );
    assert.match(explainBluetoothState('unauthorized', 'darwin'), /Privacy & Security/);
    assert.match(explainBluetoothState('poweredOff'), /switched off/);
    assert.match(explainBluetoothState('unknown'), /no Bluetooth adapter found/);
  });
  test('NobleSession attaches stateChange before reading state; a throwing state getter is survived', async () => {
    const order: string[] = [];
    const fake = {
      get state(): string {
        order.push('read state');
        throw new Error('EAFNOSUPPORT');
      },
      on(ev: string) {
        order.push('on ' + ev);
        return this;
      },
      removeListener() {
        return this;
      },
    } as unknown as NobleLike;
    const s = new NobleSession(fake);
    await assert.rejects(s.waitPoweredOn(50), /no Bluetooth adapter found — state stayed 'unknown' for 0.05 s \(EAFNOSUPPORT\)/);
    assert.deepEqual(order, ['on warning', 'on stateChange', 'read state']);
  });
  test('withTimeout / Aborter', async () => {
    let cancelled = false;
    await assert.rejects(withTimeout(new Promise(() => undefined), 20, 'too slow', () => (cancelled = true)), /too slow/);
    assert.ok(cancelled);
    assert.equal(await withTimeout(Promise.resolve(3), 20, 'x'), 3);
    const a = new Aborter();
    const p = a.sleep(10_000);
    a.abort();
    await assert.rejects(p, /stopped/);
  });
  test('TypedEmitter: unsubscribe, isolation of a throwing listener', () => {
    const e = new TypedEmitter<{ x(n: number): void }>();
    const got: number[] = [];
    const off = e.on('x', (n) => got.push(n));
    e.on('x', () => {
      throw new Error('boom');
    });
    e.on('x', (n) => got.push(n * 10));
    assert.throws(() => e.emit('x', 1), /boom/);
    assert.deepEqual(got, [1, 10], 'later listeners still ran');
    off();
    assert.throws(() => e.emit('x', 2));
    assert.deepEqual(got, [1, 10, 20]);
    assert.equal(e.listenerCount('x'), 2);
  });
});
