// The group set-up turns remembered sensor keys into the specs it assigns: a clip remembered by its
// USB serial number is found on the port it is in now; a key that is a spec is that spec.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rememberedSpecs, specForKey } from '../../../shared/group/rememberedSensors.js';

const USB = 'usb:10c4:ea60:A1B2';

describe('remembered sensors in the group set-up', () => {
  test('a USB key: the connected channel carrying it, else the listed port carrying it, else not offered', () => {
    const channels = [{ spec: 'serial:/dev/ttyUSB1?protocol=cms50-9&baud=115200', sensorKey: USB }, { spec: 'sim:seed=1', sensorKey: 'sim:seed=1' }];
    assert.equal(specForKey(USB, channels, []), 'serial:/dev/ttyUSB1?protocol=cms50-9&baud=115200', 'moved from ttyUSB0 to ttyUSB1: still found');
    assert.equal(specForKey(USB, [], [{ spec: 'serial:/dev/ttyUSB2', sensorKey: USB }, { spec: 'serial:/dev/ttyS0' }]), 'serial:/dev/ttyUSB2');
    assert.equal(specForKey(USB, [], [{ spec: 'serial:/dev/ttyS0' }]), null);
  });

  test('a spec key (simulator, BLE, a port without serial number, a key stored before) is that spec', () => {
    assert.equal(specForKey('sim:seed=2', [], []), 'sim:seed=2');
    assert.equal(specForKey('ble:e1', [], []), 'ble:e1');
    assert.equal(specForKey('serial:/dev/pts/3', [{ spec: 'serial:/dev/pts/3' }], []), 'serial:/dev/pts/3');
  });

  test('per client: those whose sensor is not here now are left out', () => {
    const byClient = new Map([
      [1, USB],
      [2, 'sim:seed=2'],
      [3, 'usb:1a86:7523:GONE'],
    ]);
    assert.deepEqual([...rememberedSpecs(byClient, [{ spec: 'serial:/dev/ttyUSB5', sensorKey: USB }], [])], [
      [1, 'serial:/dev/ttyUSB5'],
      [2, 'sim:seed=2'],
    ]);
  });
});
