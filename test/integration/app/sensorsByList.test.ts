// Sensors from a list, never a path (issue 12), on the real app core (device manager, file replay,
// analysis worker) through the API dispatcher that Electron IPC and the web host both use:
// `connectSensor("file:/etc/passwd")` is refused and the reply holds no line of the file; a replay
// file registered by the main side is offered by `listSensors` and plays when connected by its id.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAppCore, type AppCore } from '../../../main/app/appCore.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import type { ChannelView, SensorListView } from '../../../shared/ipc/apiTypes.js';
import { dataFile } from '../../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-sensors-by-list-'));
let core: AppCore;
const call = (name: string, ...args: unknown[]) => dispatchInvoke(core.service as unknown as CadansService, name, args);
const SECRET_LINES = (existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '').split('\n').filter((l) => l.length > 3);

before(async () => {
  core = await createAppCore({ dbPath: join(dir, 'db.sqlite'), host: 'web', sensorSpec: null, bleScanMs: 0 });
});
after(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function assertQuotesNothing(reply: unknown, lines: string[]): void {
  const text = JSON.stringify(reply);
  for (const line of lines) assert.ok(!text.includes(line), `the reply quotes "${line}"`);
  assert.doesNotMatch(text, /root:|\/bin\/(ba)?sh|nologin/);
}

describe('connectSensor on the real app core', () => {
  test('connectSensor("file:/etc/passwd") and friends are refused; nothing is connected, no line of the file comes back', async () => {
    for (const spec of ['file:/etc/passwd', 'file:/etc/shadow', 'file:///etc/passwd?speed=10', 'File:/etc/passwd', 'serial:/etc/passwd', `file:${dataFile('heartpy_data_100hz.csv')}`]) {
      const reply = await call('connectSensor', spec);
      assert.equal(reply.ok, false, spec);
      assertQuotesNothing(reply, SECRET_LINES);
    }
    const channels = await call('listChannels');
    assert.deepEqual(channels, { ok: true, value: [] });
  });

  test('a replay file registered by the main side is listed by its id and plays when connected by it', async () => {
    const option = core.service.sensors.registerSensor(`file:${dataFile('heartpy_data_100hz.csv')}?speed=20`);
    assert.match(option.spec, /^replay:[0-9a-f]+$/);
    const list = await call('listSensors');
    assert.ok(list.ok);
    assert.ok((list.value as SensorListView).sensors.some((o) => o.spec === option.spec && o.label === 'Replay of heartpy_data_100hz.csv'));
    const samples: number[] = [];
    const off = core.service.addSink((name, payload) => {
      if (name === 'onLive') for (const p of (payload as { ppg: { values: ArrayLike<number> }[] }).ppg) samples.push(p.values.length);
    });
    try {
      const reply = await call('connectSensor', option.spec);
      assert.ok(reply.ok, JSON.stringify(reply));
      const view = reply.value as ChannelView;
      assert.equal(view.kind, 'file');
      const t0 = Date.now();
      while (samples.reduce((a, b) => a + b, 0) < 200 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 50));
      assert.ok(samples.reduce((a, b) => a + b, 0) >= 200, 'the replay streams samples');
      assert.deepEqual(await call('disconnectSensor', view.channel), { ok: true, value: undefined });
    } finally {
      off();
    }
  });

  test('even a file the main side registered quotes none of its content when it is not a recording', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'user:hunter2:1000:1000::/home/user:/bin/bash\nAPI_KEY=abc123def456\n-----BEGIN PRIVATE KEY-----\n');
    const option = core.service.sensors.registerSensor(`file:${secret}`);
    const reply = await call('connectSensor', option.spec);
    assert.equal(reply.ok, false);
    assertQuotesNothing(reply, ['hunter2', 'abc123def456', 'BEGIN PRIVATE KEY']);
  });

  test('the start-up sensor of a web host (--sensor file:…) is offered by an opaque id', async () => {
    const other = await createAppCore({ dbPath: join(dir, 'db2.sqlite'), host: 'web', sensorSpec: `file:${dataFile('heartpy_data_100hz.csv')}?speed=20`, bleScanMs: 0 });
    try {
      assert.equal(other.sensorError, null);
      const info = other.service.getAppInfo();
      assert.match(info.defaultSensorSpec ?? '', /^replay:/);
      assert.equal(other.service.listChannels()[0]?.kind, 'file');
    } finally {
      await other.close();
    }
  });
});
