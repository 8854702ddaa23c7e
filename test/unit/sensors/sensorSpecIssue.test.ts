// A typed sensor spec's problem as a field problem on 'spec' (translated next to the field), found
// by the simulator's own parser one setting at a time so the problem names the setting.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sensorSpecIssue } from '../../../shared/sensors/sensorSpecIssue.js';

describe('sensorSpecIssue', () => {
  test('good specs pass: the simulator with settings, listed kinds, replay ids', () => {
    for (const s of ['sim', ' sim:speed=10,seed=3 ', 'sim:clipoff=80-110', 'serial:/dev/ttyUSB0?protocol=cms50-9', 'ble:Polar', 'ble', 'replay:0a1b']) {
      assert.equal(sensorSpecIssue(s), null, s);
    }
  });

  test('nothing, or an unknown kind of sensor', () => {
    assert.deepEqual(sensorSpecIssue('  '), { field: 'spec', code: 'required', params: {} });
    assert.deepEqual(sensorSpecIssue('usb:/dev/x'), { field: 'spec', code: 'sensorUnknown', params: { value: '"usb"' } });
    assert.deepEqual(sensorSpecIssue('simulator'), { field: 'spec', code: 'sensorUnknown', params: { value: '"simulator"' } });
  });

  test('a simulator setting that does not exist, or a bad value, names the setting', () => {
    assert.equal(sensorSpecIssue('sim:pulse=3')?.code, 'sensorUnknownSetting');
    assert.equal(sensorSpecIssue('sim:pulse=3')?.params.key, '"pulse"');
    assert.deepEqual(sensorSpecIssue('sim:speed=0'), { field: 'spec', code: 'sensorBadSetting', params: { key: 'speed', value: '"0"' } });
    assert.deepEqual(sensorSpecIssue('sim:seed=2,hr=abc'), { field: 'spec', code: 'sensorBadSetting', params: { key: 'hr', value: '"abc"' } });
    assert.deepEqual(sensorSpecIssue('sim:speed=2,speed=3'), { field: 'spec', code: 'sensorBadSetting', params: { key: 'speed', value: '"3"' } });
    assert.equal(sensorSpecIssue('sim:speed')?.code, 'sensorBadSetting');
  });
});
