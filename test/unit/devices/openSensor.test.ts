import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSensor, parseQuery, sensorKind } from '../../../main/devices/openSensor.js';
import { SimSource } from '../../../native-adapters/sensors/simSource.js';
import { SerialSource } from '../../../native-adapters/sensors/serialSource.js';
import { BleHeartRateSource } from '../../../native-adapters/sensors/bleSource.js';
import { FileReplaySource } from '../../../native-adapters/sensors/fileReplaySource.js';
import type { SensorSource } from '../../../shared/sensors/sensorSource.js';
import { issueSentence } from '../../../shared/i18n/issueText.js';

function ok(spec: string): SensorSource {
  const s = openSensor(spec);
  if ('error' in s) assert.fail(`${spec}: ${s.error}`);
  return s;
}

function err(spec: string): string {
  const s = openSensor(spec);
  assert.ok('error' in s, `${spec} should be rejected`);
  return s.error;
}

describe('openSensor: spec string → source', () => {
  test('sim: options from the spec, labelled as simulator', () => {
    const s = ok('sim:fs=125,hr=60,breathing=6,seed=3,speed=10,resonance=5');
    assert.ok(s instanceof SimSource);
    assert.equal(s.info.kind, 'sim');
    assert.equal(s.info.fsHz, 125);
    assert.match(s.info.label, /simulator/i);
    assert.match(s.info.label, /60 bpm/);
    assert.equal(s.speed, 10);
    assert.equal(s.options.breathingBpm, 6);
    assert.equal(s.options.resonanceBpm, 5);
    assert.equal(s.options.seed, 3);
    const d = ok(' sim ');
    assert.ok(d instanceof SimSource);
    assert.equal(d.info.fsHz, 250);
    assert.equal(d.speed, 1);
  });

  test('serial: path, protocol, baud and rate; defaults per protocol', () => {
    const a = ok('serial:/dev/ttyUSB0?protocol=cms50-5');
    assert.ok(a instanceof SerialSource);
    assert.equal(a.spec, 'serial:/dev/ttyUSB0?protocol=cms50-5&baud=19200');
    assert.equal(a.info.protocol, 'cms50-5');
    assert.match(a.info.label, /\/dev\/ttyUSB0/);
    const b = ok('serial:COM3?protocol=csv&baud=9600&fs=100');
    assert.equal(b.spec, 'serial:COM3?protocol=csv&baud=9600&fs=100');
    assert.equal(b.info.fsHz, 100);
    const auto = ok('serial:/dev/ttyACM0');
    assert.equal(auto.info.protocol, 'auto', 'without protocol=, it is found by listening on start');
    assert.equal(auto.spec, 'serial:/dev/ttyACM0');
    assert.equal(ok('serial:/dev/ttyACM0?sensor=1').spec, 'serial:/dev/ttyACM0?sensor=1');
  });

  test('ble: any sensor, a device id or a part of the name, optional PPG', () => {
    const any = ok('ble');
    assert.ok(any instanceof BleHeartRateSource);
    assert.equal(any.spec, 'ble:any');
    assert.equal(ok('ble:any').spec, 'ble:any');
    assert.equal(ok('ble:A0:9E:1A:12:34:56').spec, 'ble:a0:9e:1a:12:34:56');
    assert.equal(ok('ble:a09e1a123456').spec, 'ble:a09e1a123456');
    const named = ok('ble:Polar Sense?ppg=1&fs=55');
    assert.equal(named.spec, 'ble:any?ppg=1&name=Polar%20Sense');
    assert.equal(named.info.protocol, 'polar-pmd');
    assert.equal(named.info.fsHz, 55);
    assert.equal(ok('ble?ppg=0').info.protocol, 'ble-hrs');
  });

  test('file: path and speed (the file is read on start)', () => {
    const f = ok('file:/tmp/some recording.csv?speed=20');
    assert.ok(f instanceof FileReplaySource);
    assert.equal(f.info.kind, 'file');
    assert.equal(f.speed, 20);
    assert.equal(f.spec, 'file:/tmp/some recording.csv?speed=20');
    assert.equal((ok('file:rr.txt') as FileReplaySource).speed, 1);
    assert.equal((ok('file:///tmp/x.csv?speed=2&fs=50') as FileReplaySource).speed, 2);
  });

  test('bad specs give one-line errors that name the problem', () => {
    assert.match(err(''), /no sensor given/);
    assert.match(err('usb:/dev/x'), /unknown sensor 'usb'/);
    assert.match(err('simulator'), /unknown sensor 'simulator'/);
    assert.match(err('sim:hr=abc'), /'hr'.*not a number/);
    assert.match(err('sim:hr=500'), /hr/);
    assert.match(err('sim:pulse=3'), /unknown simulator key 'pulse'/);
    assert.match(err('serial:'), /no port path/);
    assert.match(err('serial'), /no port path/);
    assert.match(err('serial:/dev/ttyUSB0?protocol=bogus'), /unknown serial protocol 'bogus'/);
    assert.match(err('serial:/dev/ttyUSB0?parity=odd'), /unknown serial setting 'parity'/);
    assert.match(err('serial:/dev/ttyUSB0?baud=fast'), /bad baud/);
    assert.match(err('serial:/dev/ttyUSB0?baud=96.5'), /whole number/);
    assert.match(err('ble:x?ppg=maybe'), /ppg must be 1 or 0/);
    assert.match(err('ble?color=red'), /unknown ble setting 'color'/);
    assert.match(err('file:'), /no path/);
    assert.match(err('file:x.csv?speed=0'), /bad speed.*not a positive number/);
    assert.match(err('file:x.csv?speed=fast'), /bad speed/);
    assert.match(err('file:x.csv?loop=1'), /unknown file setting 'loop'/);
    assert.match(err('file:x.csv?speed=2&speed=3'), /given twice/);
    for (const e of [err('usb:x'), err('sim:hr=abc'), err('file:x?speed=0')]) assert.ok(!e.includes('\n'), e);
  });

  test('sensorKind and parseQuery', () => {
    assert.equal(sensorKind('SIM:hr=60'), 'sim');
    assert.equal(sensorKind('ble'), 'ble');
    assert.equal(sensorKind('ble?ppg=1'), 'ble');
    assert.equal(sensorKind('bleep'), null);
    assert.equal(sensorKind('file:/x'), 'file');
    const q = parseQuery('speed=2&column=pleth%20ir', ['speed', 'column'], 'file');
    assert.ok(q instanceof Map);
    assert.equal(q.get('column'), 'pleth ir');
    assert.deepEqual(parseQuery('speed=', ['speed'], 'file'), {
      error: "file setting 'speed' needs a value (speed=…)",
      issue: { field: 'spec', code: 'sensorBadSetting', params: { key: 'speed', value: '""' } },
    });
  });

  test('every refused spec carries its problem as a field issue, a whole sentence in Dutch and English', () => {
    const cases: [string, string, RegExp][] = [
      ['', 'required', /^Sensor is verplicht\.$/],
      ['usb:x', 'sensorUnknown', /^Onbekende sensor "usb"/],
      ['sim:hr=abc', 'sensorBadSetting', /^Sensorinstelling hr heeft een ongeldige waarde \("abc"\)\.$/],
      ['sim:colour=red', 'sensorUnknownSetting', /^Onbekende sensorinstelling "colour" \(bekend: /],
      ['serial:', 'sensorNoPath', /^Bij een serial-sensor hoort een pad \(bijvoorbeeld serial:\/dev\/ttyUSB0\)\.$/],
      ['serial:/dev/ttyUSB0?protocol=morse', 'sensorBadSetting', /^Sensorinstelling protocol heeft een ongeldige waarde \("morse"\)\.$/],
      ['serial:/dev/ttyUSB0?baud=9600.5', 'sensorBadSetting', /^Sensorinstelling baud heeft een ongeldige waarde \("9600\.5"\)\.$/],
      ['serial:/dev/ttyUSB0?sensor=-1', 'sensorBadSetting', /^Sensorinstelling sensor heeft een ongeldige waarde \("-1"\)\.$/],
      ['serial:/dev/ttyUSB0?parity=odd', 'sensorUnknownSetting', /^Onbekende sensorinstelling "parity" \(bekend: protocol, baud/],
      ['ble:Polar?ppg=maybe', 'sensorBadSetting', /^Sensorinstelling ppg heeft een ongeldige waarde \("maybe"\)\.$/],
      ['file:', 'sensorNoPath', /^Bij een file-sensor hoort een pad/],
      ['file:x.csv?speed=5000', 'sensorBadSetting', /^Sensorinstelling speed heeft een ongeldige waarde \("5000"\)\.$/],
      ['file:x.csv?speed=2&speed=3', 'sensorBadSetting', /^Sensorinstelling speed heeft een ongeldige waarde \("3"\)\.$/],
    ];
    for (const [spec, code, dutch] of cases) {
      const s = openSensor(spec);
      assert.ok('error' in s, `${spec} should be rejected`);
      assert.equal(s.issue.field, 'spec', spec);
      assert.equal(s.issue.code, code, spec);
      assert.match(issueSentence('nl', s.issue), dutch, spec);
      const english = issueSentence('en', s.issue);
      assert.notEqual(english, issueSentence('nl', s.issue), spec);
      assert.doesNotMatch(english, /[{}]/, spec);
    }
  });
});
