import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { channelView, sensorListView } from '../../../main/app/sensorViews.js';
import { SIM_LISTING } from '../../../main/devices/listSensors.js';
import { errorText } from '../../../shared/i18n/CadansError.js';

describe('sensor views', () => {
  test('the device manager listing becomes options, with details and messages', () => {
    const v = sensorListView({
      serial: [{ path: '/dev/ttyUSB0', spec: 'serial:/dev/ttyUSB0?protocol=cms50-9&baud=115200', guess: { protocol: 'cms50-9', reason: 'Silicon Labs CP210x' } }],
      ble: [{ id: 'aabbccddeeff', name: 'Polar Verity', rssi: -60, spec: 'ble:aabbccddeeff' }],
      sim: SIM_LISTING,
      messages: ['cannot list serial ports: udevadm is not installed'],
    });
    assert.deepEqual(v.sensors.map((s) => [s.kind, s.spec]), [
      ['serial', 'serial:/dev/ttyUSB0?protocol=cms50-9&baud=115200'],
      ['ble', 'ble:aabbccddeeff'],
      ...SIM_LISTING.map((s) => ['sim', s.spec]),
    ]);
    assert.equal(v.sensors[0]!.label, '/dev/ttyUSB0');
    assert.equal(v.sensors[0]!.detail, 'Silicon Labs CP210x');
    assert.equal(v.sensors[1]!.label, 'Polar Verity');
    assert.equal(v.sensors[1]!.detail, '-60 dBm');
    assert.deepEqual(v.messages, ['cannot list serial ports: udevadm is not installed']);
  });

  test('Bluetooth problems become one calm coded notice, shown in the UI language', () => {
    const v = sensorListView({
      sim: SIM_LISTING,
      messages: [
        'Bluetooth support is unavailable: cannot load @abandonware/noble (EAFNOSUPPORT: address family not supported)',
        'Bluetooth: adapter state unsupported',
        'cannot list serial ports: udevadm is not installed',
      ],
    });
    assert.deepEqual(v.notices.map((n) => n.code), ['sensor.bluetoothUnavailable', 'sensor.serialListFailed']);
    assert.equal(errorText('nl', v.notices[0]), 'Bluetooth is op deze computer niet beschikbaar; seriële sensoren en de simulator werken wel.');
    assert.doesNotMatch(errorText('nl', v.notices[0]) + errorText('en', v.notices[0]), /noble|EAFNOSUPPORT/);
    assert.equal(errorText('nl', v.notices[1]), 'De seriële poorten konden niet worden opgesomd (udevadm is not installed).');
  });

  test('garbage in: the simulator is still offered, entries without a spec are skipped', () => {
    for (const bad of [null, 42, 'x', { serial: [{ path: '/dev/x' }] }]) {
      const v = sensorListView(bad);
      assert.deepEqual(v.sensors.map((s) => s.spec), ['sim']);
    }
  });

  test('a channel: the simulator is marked as simulated; the sensor\'s standing diagnosis comes along', () => {
    const notice = { code: 'no-data' as const, params: { port: 'sim', seconds: 3 } };
    const c = channelView({ id: 'ch1', spec: 'sim', state: 'connected', info: { kind: 'sim', label: 'Simulator', fsHz: 250 }, lastNotice: notice, measuredHz: 250.4 });
    assert.deepEqual(c, { channel: 'ch1', spec: 'sim', sensorKey: 'sim', state: 'connected', label: 'Simulator', kind: 'sim', fsHz: 250, measuredHz: 250.4, simulated: true, protocol: null, speed: 1, notice });
    const clip = channelView({ id: 'ch3', spec: 'serial:/dev/ttyUSB2', identity: 'usb:10c4:ea60:S1', state: 'connected', info: { kind: 'serial', label: 'CMS50' }, lastNotice: null });
    assert.equal(clip.sensorKey, 'usb:10c4:ea60:S1', 'remembered by its USB serial number');
    const ble = channelView({ id: 'ch2', spec: 'ble', state: 'connecting', info: { kind: 'ble', label: 'HRS', protocol: 'ble-hrs' }, lastNotice: null });
    assert.equal(ble.simulated, false);
    assert.equal(ble.protocol, 'ble-hrs', 'each card can say what it is');
  });

  test('a sped-up simulator says its speed; a missing or nonsense speed is real time', () => {
    const info = { kind: 'sim' as const, label: 'Simulator' };
    assert.equal(channelView({ id: 'ch1', spec: 'sim:speed=10', state: 'connected', info, lastNotice: null, speed: 10 }).speed, 10);
    assert.equal(channelView({ id: 'ch1', spec: 'sim', state: 'connected', info, lastNotice: null }).speed, 1);
    assert.equal(channelView({ id: 'ch1', spec: 'sim', state: 'connected', info, lastNotice: null, speed: NaN }).speed, 1);
  });
});
