// Sensors from a list, never a path (issue 12): what a page may connect through the API, and
// replay files registered by the main side and connected by an opaque id.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { SensorAccess, SensorRefusedError } from '../../../main/app/sensorAccess.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { createTestApp, type TestApp } from './fakeAppDevices.js';

describe('SensorAccess', () => {
  test('a page may connect listed sensors, the simulator, Bluetooth by name; no file, no unlisted port', () => {
    const a = new SensorAccess();
    a.offer({ sensors: [{ spec: 'serial:/dev/ttyUSB0', kind: 'serial', label: 'CP210x' }, { spec: 'ble:a0b1c2d3e4f5', kind: 'ble', label: 'Polar' }], messages: [], notices: [] });
    assert.equal(a.resolve(' serial:/dev/ttyUSB0 '), 'serial:/dev/ttyUSB0');
    assert.equal(a.resolve('serial:/dev/ttyUSB0?protocol=cms50-9&baud=19200'), 'serial:/dev/ttyUSB0?protocol=cms50-9&baud=19200');
    assert.equal(a.resolve('sim:hr=80,speed=10'), 'sim:hr=80,speed=10');
    assert.equal(a.resolve('ble:Polar'), 'ble:Polar');
    for (const bad of ['file:/etc/passwd', 'FILE:/etc/shadow', ' file:///etc/passwd?speed=10', 'file:rec.csv', 'serial:/etc/passwd', 'serial:/dev/ttyUSB0?x?protocol=csv', 'serial:/dev/ttyS9', 'replay:0123456789abcdef', 'http://x', '/etc/passwd']) {
      assert.throws(() => a.resolve(bad), (e: unknown) => e instanceof SensorRefusedError && !e.message.includes('/etc') && !e.message.includes('\n'), bad);
    }
  });

  test('registered sensors: a replay file gets an opaque id, listed with its file name; the same spec keeps its id', () => {
    const a = new SensorAccess();
    const opt = a.register('file:/home/therapist/opnames/marie.csv?speed=10');
    assert.match(opt.spec, /^replay:[0-9a-f]{24}$/);
    assert.equal(opt.kind, 'file');
    assert.equal(opt.label, 'Replay of marie.csv');
    assert.ok(!opt.spec.includes('/home'));
    assert.equal(a.register('file:/home/therapist/opnames/marie.csv?speed=10').spec, opt.spec);
    assert.equal(a.resolve(opt.spec), 'file:/home/therapist/opnames/marie.csv?speed=10');
    assert.equal(a.register('serial:/dev/ttyACM0?protocol=csv').spec, 'serial:/dev/ttyACM0?protocol=csv', 'a start-up serial port is allowed as it is');
    assert.equal(a.resolve('serial:/dev/ttyACM0?protocol=csv'), 'serial:/dev/ttyACM0?protocol=csv');
    const listed = a.offer({ sensors: [{ spec: 'sim', kind: 'sim', label: 'Simulator' }], messages: [], notices: [] });
    assert.deepEqual(listed.sensors.map((o) => o.spec), ['sim', opt.spec, 'serial:/dev/ttyACM0?protocol=csv']);
  });
});

describe('connectSensor through the API (dispatchInvoke, as Electron IPC and the web host call it)', () => {
  let app: TestApp;
  let dir: string;
  beforeEach(() => {
    app = createTestApp(50);
    dir = mkdtempSync(join(tmpdir(), 'cadans-access-'));
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = (name: string, ...args: unknown[]) => dispatchInvoke(app.service as unknown as CadansService, name, args);

  test('connectSensor("file:/etc/passwd") is refused, the reply holds no line of the file, nothing is opened', async () => {
    const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : 'root:x:0:0:root:/root:/bin/bash\n';
    for (const spec of ['file:/etc/passwd', 'file:/etc/shadow', 'file:///etc/passwd', 'serial:/etc/passwd']) {
      const reply = await call('connectSensor', spec);
      assert.equal(reply.ok, false, spec);
      const text = JSON.stringify(reply);
      for (const line of passwd.split('\n').filter((l) => l.length > 3)) assert.ok(!text.includes(line), `${spec}: reply quotes "${line}"`);
      assert.doesNotMatch(text, /root:|\/bin\//);
    }
    assert.equal(app.devices.chans.length, 0, 'nothing was opened');
  });

  test('a replay file registered by the main side is listed and connects by its id', async () => {
    const file = join(dir, 'rec.csv');
    writeFileSync(file, 'time,ppg\n0,1\n0.01,2\n');
    const opt = app.service.sensors.registerSensor(`file:${file}?speed=10`);
    const list = await call('listSensors');
    assert.ok(list.ok && (list.value as { sensors: { spec: string }[] }).sensors.some((o) => o.spec === opt.spec));
    const reply = await call('connectSensor', opt.spec);
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(app.devices.chans[0]!.spec, `file:${file}?speed=10`, 'the device manager gets the real spec');
    assert.equal((await call('connectSensor', `file:${file}?speed=10`)).ok, false, 'the path itself stays refused');
  });

  test('chooseReplayFile: the main side\'s dialog registers the chosen file; without a dialog (web host) one clear line', async () => {
    const none = await call('chooseReplayFile');
    assert.ok(!none.ok && /desktop app/.test(none.error));
    const file = join(dir, 'chosen.txt');
    writeFileSync(file, '800\n');
    const chosen: (string | null)[] = [file, null];
    const withDialog = createTestApp(50, { chooseReplayFile: async () => chosen.shift() ?? null });
    try {
      const svc = withDialog.service as unknown as CadansService;
      const r = await dispatchInvoke(svc, 'chooseReplayFile', []);
      assert.ok(r.ok && r.value !== null, JSON.stringify(r));
      const opt = r.value as { spec: string; label: string; kind: string };
      assert.match(opt.spec, /^replay:/);
      assert.deepEqual([opt.kind, opt.label], ['file', 'Replay of chosen.txt']);
      assert.ok((await dispatchInvoke(svc, 'connectSensor', [opt.spec])).ok);
      assert.equal(withDialog.devices.chans[0]!.spec, `file:${file}`);
      assert.deepEqual(await dispatchInvoke(svc, 'chooseReplayFile', []), { ok: true, value: null }, 'cancelled');
    } finally {
      await withDialog.close();
    }
  });

  test('errors come back as one line without control characters', async () => {
    const reply = await call('connectSensor', 'bad\u001b[2J\nsensor');
    assert.ok(!reply.ok);
    assert.doesNotMatch(reply.error, /[\u0000-\u001f\u007f-\u009f]/);
  });
});
