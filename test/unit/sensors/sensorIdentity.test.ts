// A client's sensor is remembered by what stays the same when it comes back (issue 14): the USB
// serial number of a serial sensor (whatever port or hub socket it is in now), a Bluetooth sensor's
// device id; otherwise (no serial number: cheap chips, PTYs) its spec. Fake port listings only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sensorListView } from '../../../main/app/sensorViews.js';
import type { RawPortInfo } from '../../../native-adapters/sensors/listSerialPorts.js';
import { SerialSource, type SerialPortLike } from '../../../native-adapters/sensors/serialSource.js';
import { BleHeartRateSource } from '../../../native-adapters/sensors/bleSource.js';
import { isUsbIdentity, sensorIdentity } from '../../../shared/sensors/sensorIdentity.js';

/** A port that opens and stays silent. */
function silentPort(): SerialPortLike {
  let open = false;
  return {
    get isOpen() {
      return open;
    },
    open(cb) {
      open = true;
      cb(null);
    },
    close(cb) {
      open = false;
      cb?.(null);
    },
    write: () => true,
    on: () => undefined,
    removeAllListeners: () => undefined,
  };
}

async function identityAfterStart(path: string, ports: RawPortInfo[]): Promise<{ before: string; after: string }> {
  const s = new SerialSource({ path, protocol: 'pulsesensor', listPorts: () => Promise.resolve(ports), createPort: silentPort, checkWindowSec: 60 });
  const before = s.identity;
  await s.start();
  const after = s.identity;
  await s.stop();
  return { before, after };
}

describe('sensor identity', () => {
  test('serial: the USB serial number (and ids) when given, a further sensor of a board numbered; else the spec', () => {
    assert.equal(sensorIdentity('serial:/dev/ttyUSB0?protocol=cms50-9&baud=115200', { serialNumber: 'A1B2', vendorId: '10C4', productId: 'EA60' }), 'usb:10c4:ea60:A1B2');
    assert.equal(sensorIdentity('serial:/dev/ttyUSB3', { serialNumber: 'A1B2', vendorId: '10c4', productId: 'ea60' }), 'usb:10c4:ea60:A1B2', 'another port: the same key');
    assert.equal(sensorIdentity('serial:/dev/ttyACM0?protocol=pulsesensor&baud=115200&sensor=1', { serialNumber: 'X', vendorId: '2341', productId: '0043' }), 'usb:2341:0043:X#1');
    assert.equal(sensorIdentity('serial:/dev/pts/4'), 'serial:/dev/pts/4');
    assert.equal(sensorIdentity('serial:/dev/ttyUSB0', { serialNumber: '  ', vendorId: '1a86' }), 'serial:/dev/ttyUSB0', 'a blank serial number is none');
    assert.ok(isUsbIdentity('usb:10c4:ea60:A1B2'));
    assert.ok(!isUsbIdentity('serial:/dev/ttyUSB0'));
  });

  test('BLE: the device id without the options; ble:any and simulators: the spec', () => {
    assert.equal(sensorIdentity('ble:a0:9e:1a:12:34:56?ppg=1&name=Polar%20Sense'), 'ble:a0:9e:1a:12:34:56');
    assert.equal(sensorIdentity('ble:any?ppg=1'), 'ble:any?ppg=1');
    assert.equal(sensorIdentity('sim:seed=3,hr=70'), 'sim:seed=3,hr=70');
    assert.equal(new BleHeartRateSource({ deviceId: 'd1', ppg: true }).identity, 'ble:d1');
    assert.equal(new BleHeartRateSource({}).identity, 'ble:any', 'no device yet: the spec');
  });

  test('a serial source learns its identity from the port listing when it starts (a PTY without a serial number keeps its spec)', async () => {
    const usb = await identityAfterStart('/dev/ttyUSB7', [
      { path: '/dev/ttyUSB6', serialNumber: 'OTHER', vendorId: '10c4', productId: 'ea60' },
      { path: '/dev/ttyUSB7', serialNumber: '0001A2', vendorId: '10c4', productId: 'ea60' },
    ]);
    assert.equal(usb.before, 'serial:/dev/ttyUSB7?protocol=pulsesensor&baud=115200');
    assert.equal(usb.after, 'usb:10c4:ea60:0001A2');
    const pty = await identityAfterStart('/dev/pts/9', [{ path: '/dev/pts/9' }]);
    assert.equal(pty.after, 'serial:/dev/pts/9?protocol=pulsesensor&baud=115200');
    const unlisted = await identityAfterStart('/dev/ttyUSB8', []);
    assert.equal(unlisted.after, unlisted.before);
  });

  test('the sensor list gives a listed USB port its key; a port without a serial number has none (its spec is the key)', () => {
    const v = sensorListView({
      serial: [
        { path: '/dev/ttyUSB1', spec: 'serial:/dev/ttyUSB1', serialNumber: 'SN9', vendorId: '10c4', productId: 'ea60' },
        { path: '/dev/ttyS0', spec: 'serial:/dev/ttyS0' },
      ],
      ble: [{ id: 'e1', name: 'Polar H10', spec: 'ble:e1' }],
      sim: [],
      messages: [],
    });
    const key = (spec: string) => v.sensors.find((o) => o.spec === spec)?.sensorKey;
    assert.equal(key('serial:/dev/ttyUSB1'), 'usb:10c4:ea60:SN9');
    assert.equal(key('serial:/dev/ttyS0'), undefined);
    assert.equal(key('ble:e1'), undefined);
  });
});
