import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppService } from '../../../main/app/AppService.js';
import type { EventName } from '../../../shared/ipc/contract.js';
import type { LiveBatch } from '../../../shared/ipc/liveTypes.js';
import { createTestApp, type FakeDevices, type FakeRecorder, type TestApp } from './fakeAppDevices.js';
import type { ValidationError } from '../../../shared/domain/validationResult.js';

describe('AppService', () => {
  let app: TestApp;
  let devices: FakeDevices;
  let recorders: FakeRecorder[];
  let service: AppService;
  let events: [EventName, unknown][];

  beforeEach(() => {
    app = createTestApp(50);
    ({ devices, recorders, service, events } = app);
  });

  afterEach(() => app.close());

  const last = <T>(name: EventName): T | undefined => events.filter((e) => e[0] === name).pop()?.[1] as T | undefined;

  test('clients: create, list, get; errors are clear', () => {
    const c = service.createClient({ name: 'Bram' });
    assert.equal(service.getClient(c.id).name, 'Bram');
    assert.deepEqual(service.listClients().map((x) => x.name), ['Bram']);
    assert.throws(() => service.createClient({ name: '' }), /name/i);
    assert.throws(() => service.getClient(999), /999/);
  });

  test('sensors: listing as options, connect, connection events, the simulator marked', async () => {
    const list = await service.listSensors();
    assert.deepEqual(list.sensors.map((s) => s.spec), ['serial:/dev/ttyUSB0?protocol=cms50-9', 'sim']);
    assert.equal(list.sensors[0]!.detail, 'CP210x');
    assert.deepEqual(list.messages, ['no udevadm']);
    const ch = await service.connectSensor('sim:speed=10');
    assert.equal(ch.channel, 'ch1');
    assert.equal(ch.simulated, true);
    assert.equal((await service.connectSensor('sim:speed=10')).channel, 'ch1', 'the same spec is not connected twice');
    assert.equal((await service.addSensor('serial:/dev/ttyUSB0')).channel, 'ch2', 'add: a listed port, next to the simulator');
    assert.deepEqual(service.listChannels().map((c) => c.spec), ['sim:speed=10', 'serial:/dev/ttyUSB0']);
    await assert.rejects(service.connectSensor('bad'), (e: ValidationError) => /unknown sensor/.test(e.message) && e.issues[0]?.field === 'spec' && e.issues[0]?.code === 'sensorUnknown');
    await assert.rejects(service.connectSensor('sim:pulse=3'), (e: ValidationError) => /unknown simulator key 'pulse'/.test(e.message) && e.issues[0]?.code === 'sensorUnknownSetting');
    await assert.rejects(service.connectSensor('sim:speed=0'), (e: ValidationError) => e.issues[0]?.code === 'sensorBadSetting' && e.issues[0]?.params.key === 'speed');
    assert.equal(service.listChannels().length, 2, 'a refused spec disconnects nothing');
    const ev = last<{ channel: string; state: string; view: { simulated: boolean } }>('onConnection');
    assert.equal(ev?.state, 'connected');
  });

  test('connect REPLACES the connected sensor; while a session records from it, it is refused (nothing disconnected)', async () => {
    const c = service.createClient({ name: 'Wissel' });
    await service.listSensors();
    await service.connectSensor('sim:speed=10');
    const second = await service.connectSensor('sim');
    assert.deepEqual(service.listChannels().map((v) => v.spec), ['sim'], 'one card after connecting a second time');
    assert.equal(second.channel, 'ch1');
    service.startSession({ clientId: c.id, pacer: null });
    await assert.rejects(service.connectSensor('serial:/dev/ttyUSB0'), (e: ValidationError) => e.issues[0]?.code === 'sensorInUse' && e.issues[0]?.field === 'spec');
    assert.deepEqual(service.listChannels().map((v) => v.spec), ['sim'], 'the recording sensor stays');
    assert.equal(service.getSessionState().phase, 'recording');
    await service.stopSession();
    await service.connectSensor('serial:/dev/ttyUSB0');
    assert.deepEqual(service.listChannels().map((v) => v.spec), ['serial:/dev/ttyUSB0']);
  });

  test('live stream: the channel\'s samples become batches (not one message per sample); quality and notices go out at once', async () => {
    await service.connectSensor('sim');
    const view = devices.channel('ch1')!.view!;
    assert.ok(view, 'the channel got its live view');
    for (let i = 0; i < 20; i++) view.addSamples({ t0Sec: i * 0.01, fsHz: 100, values: new Float32Array([i]) });
    view.addQuality({ tSec: 0, qualityPct: 90, contact: 'ok', flags: [] });
    view.addStatus(0.2, 'connected', { code: 'no-data', params: { port: 'x', seconds: 3 } });
    assert.equal(last<{ notice: { code: string } }>('onConnection')!.notice.code, 'no-data');
    await new Promise((r) => setTimeout(r, 60));
    const batches = events.filter((e) => e[0] === 'onLive').map((e) => e[1] as LiveBatch);
    assert.equal(batches.length, 1, '20 frames → one batch');
    assert.equal(batches[0]!.ppg[0]!.values.length, 20);
    assert.deepEqual(last('onQuality'), { channel: 'ch1', tSec: 0, qualityPct: 90, contact: 'ok', flags: [] });
  });

  test('a session: start with a pacer, marker, pacer change, pause/resume, stop → summary', async () => {
    const c = service.createClient({ name: 'Anna' });
    assert.throws(() => service.startSession({ clientId: c.id, pacer: null }), /connect a sensor first/);
    await service.connectSensor('sim');
    assert.throws(() => service.startSession({ clientId: 12345, pacer: null }), /12345/);
    devices.clockSec = 50;
    const st = service.startSession({ clientId: c.id, pacer: { rateBpm: 6, inhaleFraction: 0.4 } });
    assert.equal(st.phase, 'recording');
    assert.equal(st.startClockSec, 50);
    assert.equal(recorders[0]!.opts.type, 'breathing');
    assert.equal(devices.pacers.at(-1)!.startSec, 50, 'the sim breathes with a pacer that starts at the session start');
    assert.equal(last<{ segments: unknown[] }>('onPacer')!.segments.length, 1);
    assert.throws(() => service.startSession({ clientId: c.id, pacer: null }), /already running/);
    await assert.rejects(service.disconnectSensor('ch1'), /stop the session/);

    devices.clockSec = 62;
    const m = service.addMarker({ note: '  Cliënt ontspant  ' });
    assert.deepEqual(m, { tSec: 12, clockSec: 62, kind: 'note', note: 'Cliënt ontspant' });
    assert.deepEqual(recorders[0]!.markers, [[12, 'note', 'Cliënt ontspant']]);

    devices.clockSec = 63;
    service.setPacer({ rateBpm: 5, inhaleFraction: 0.5 });
    assert.deepEqual(recorders[0]!.pacerChanges, [[{ rateBpm: 5, inhaleFraction: 0.5 }, 20]], 'takes effect at the next breath (70 s → 20 s recording time)');

    devices.clockSec = 80;
    assert.equal(service.pauseSession().phase, 'paused');
    assert.equal(devices.pacers.at(-1), null);
    assert.throws(() => service.setPacer({ rateBpm: 6, inhaleFraction: 0.5 }), /resume/);
    devices.clockSec = 90;
    assert.equal(service.resumeSession().phase, 'recording');
    assert.equal(devices.pacers.at(-1)!.startSec, 90);
    assert.deepEqual(recorders[0]!.markers.map((x) => x[1]), ['note', 'pause', 'resume']);

    const summary = await service.stopSession();
    assert.equal(recorders[0]!.stopped, 'complete');
    assert.equal(summary.meanHrBpm, 66);
    assert.equal(summary.coherenceMean, 2.5);
    assert.equal(summary.status, 'complete');
    assert.equal(summary.pacer?.rateBpm, 6);
    const after = service.getSessionState();
    assert.equal(after.phase, 'idle');
    assert.equal(after.lastEndedSessionId, summary.sessionId);
    assert.equal(devices.pacers.at(-1), null, 'the pacer stops with the session');
    assert.deepEqual(service.listSessions(c.id).map((s) => s.id), [summary.sessionId]);
    await assert.rejects(service.stopSession(), /no session to stop/);
  });

  test('the end of the pacer duration is announced, never a silent stop; continue keeps recording with the pacer open-ended', async () => {
    const c = service.createClient({ name: 'Kees' });
    await service.connectSensor('sim');
    service.startSession({ clientId: c.id, pacer: { rateBpm: 6, inhaleFraction: 0.5, durationSec: 60 } });
    devices.clockSec = 61;
    await new Promise((r) => setTimeout(r, 80));
    const st = service.getSessionState();
    assert.equal(st.phase, 'recording', 'still recording after the pacer duration');
    assert.equal(st.pacerEnded, true);
    assert.equal(last<{ pacerEnded: boolean }>('onSessionState')!.pacerEnded, true, 'the renderer is told');
    assert.equal(recorders[0]!.stopped, null, 'nothing stopped the recorder');
    assert.deepEqual(recorders[0]!.markers.map((m) => m[1]), ['pacer-end']);
    devices.clockSec = 75;
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(service.getSessionState().phase, 'recording', 'waits for the therapist');
    assert.equal(service.getSessionState().markers.length, 1, 'announced once');

    const cont = service.continuePacer();
    assert.equal(cont.phase, 'recording');
    assert.equal(cont.pacerEnded, false);
    assert.equal(devices.pacers.at(-1)!.startSec, 75, 'a fresh breath now');
    assert.equal(devices.pacers.at(-1)!.endSec, null, 'open-ended');
    assert.deepEqual(recorders[0]!.pacerChanges.at(-1)![0], { rateBpm: 6, inhaleFraction: 0.5 });
    devices.clockSec = 1000;
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(service.getSessionState().phase, 'recording');
    assert.throws(() => service.continuePacer(), /not ended/);
    await service.stopSession();
    assert.equal(recorders[0]!.stopped, 'complete');
  });

  test('bad pacer settings are refused with field problems before anything starts', async () => {
    const c = service.createClient({ name: 'Veld' });
    await service.connectSensor('sim');
    const bad = (pacer: object) => () => service.startSession({ clientId: c.id, pacer: pacer as never });
    assert.throws(bad({ rateBpm: 12, inhaleFraction: 0.5, holdInSec: 2, holdOutSec: 2 }), (e: ValidationError) => e.issues[0]?.field === 'pacer.holds' && e.issues[0]?.code === 'phaseTooShort');
    assert.throws(bad({ rateBpm: 6, inhaleFraction: 0.5, durationSec: 30_000 }), (e: ValidationError) => e.issues[0]?.field === 'pacer.durationMin');
    assert.equal(service.getSessionState().phase, 'idle');
    assert.equal(recorders.length, 0, 'no recording was started');
    assert.throws(() => service.setPacer({ rateBpm: 2, inhaleFraction: 0.5 }), (e: ValidationError) => e.issues[0]?.field === 'rateBpm' && e.issues[0]?.code === 'outOfRange');
  });

  test('a sensor that stays silent ends the session (no-data), kept as interrupted', async () => {
    const c = service.createClient({ name: 'Stil' });
    await service.listSensors();
    await service.connectSensor('serial:/dev/ttyUSB0');
    service.startSession({ clientId: c.id, pacer: null });
    devices.channel('ch1')!.silentSec = 10;
    await new Promise((r) => setTimeout(r, 80));
    const st = service.getSessionState();
    assert.equal(st.phase, 'idle');
    assert.equal(st.lastEndReason, 'no-data');
    assert.equal(recorders[0]!.stopped, 'interrupted', 'never stored as complete');
  });

  test('a session ends when its sensor goes away; a replay that reaches its end completes it', async () => {
    const c = service.createClient({ name: 'Kabel' });
    await service.connectSensor('sim');
    service.startSession({ clientId: c.id, pacer: null });
    devices.channel('ch1')!.state = 'disconnected';
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(service.getSessionState().lastEndReason, 'sensor-lost');
    assert.equal(recorders[0]!.stopped, 'interrupted');
    await service.disconnectSensor('ch1');
    await service.connectSensor('sim:seed=2');
    service.startSession({ clientId: c.id, pacer: null });
    const ch = devices.channel('ch1')!;
    ch.lastNotice = { code: 'end-of-recording' };
    ch.state = 'disconnected';
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(service.getSessionState().lastEndReason, 'stream-ended');
    assert.equal(recorders[1]!.stopped, 'complete');
  });

  test('settings: language and display changes are broadcast to every window', () => {
    assert.equal(service.getLocale(), 'nl');
    assert.equal(service.setLocale('en'), 'en');
    assert.equal(last<{ locale: string }>('onSettings')!.locale, 'en');
    assert.equal(service.setDisplaySettings({ clientShowsNumbers: true }).clientShowsNumbers, true);
    assert.equal(last<{ display: { clientShowsNumbers: boolean } }>('onSettings')!.display.clientShowsNumbers, true);
  });
});
