import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppService } from '../../../main/app/AppService.js';
import type { ValidationError } from '../../../shared/domain/validationResult.js';
import { CadansError } from '../../../shared/i18n/CadansError.js';
import { createTestApp, type FakeDevices, type FakeRecorder, type TestApp } from './fakeAppDevices.js';

const PACER = { rateBpm: 6, inhaleFraction: 0.4 };

describe('group sessions in the app core (startGroupSession)', () => {
  let app: TestApp;
  let devices: FakeDevices;
  let recorders: FakeRecorder[];
  let service: AppService;
  let ids: number[];

  beforeEach(async () => {
    app = createTestApp(50);
    ({ devices, recorders, service } = app);
    ids = ['Anna', 'Bas', 'Cor'].map((name) => service.createClient({ name }).id);
    for (const seed of [1, 2, 3]) await service.addSensor(`sim:seed=${seed}`);
  });

  afterEach(() => app.close());

  const start = (): ReturnType<AppService['startGroupSession']> =>
    service.startGroupSession({ clients: ids.map((clientId, i) => ({ clientId, channel: `ch${i + 1}` })), pacer: PACER });

  test('a session per client in its own record, all in one group, with one shared pacer', () => {
    const st = start();
    assert.equal(st.phase, 'recording');
    assert.ok(st.groupId !== null && st.groupId > 0);
    assert.deepEqual(st.members.map((m) => [m.clientId, m.channel, m.state]), ids.map((id, i) => [id, `ch${i + 1}`, 'recording']));
    assert.equal(new Set(st.members.map((m) => m.sessionId)).size, 3, 'three sessions');
    assert.equal(st.sessionId, st.members[0]!.sessionId, 'the first member is the session of the state');
    assert.deepEqual(recorders.map((r) => [r.opts.clientId, r.opts.channel, r.opts.groupId, r.opts.type]), ids.map((id, i) => [id, `ch${i + 1}`, st.groupId, 'group']));
    for (const m of st.members) {
      const row = app.storage.sessions.require(m.sessionId);
      assert.equal(row.groupId, st.groupId);
      assert.equal(row.clientId, m.clientId, 'each session is in its own client record');
    }
    assert.deepEqual(app.storage.groups.require(st.groupId!).sessionIds, st.members.map((m) => m.sessionId));
    assert.ok(devices.pacers.at(-1), 'the pacer is handed to the devices once for all');
    assert.equal(service.getSessionState().pacer?.rateBpm, 6);
  });

  test("each member's session is in the client's current course (or the one asked for); another client's course is refused", () => {
    const today = new Date();
    const iso = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const later = new Date(today.getTime() + 40 * 86_400_000);
    const old = app.storage.courses.create({ clientId: ids[0]!, startDate: '2020-01-06' });
    const current = app.storage.courses.create({ clientId: ids[0]!, startDate: iso(today) });
    app.storage.courses.create({ clientId: ids[0]!, startDate: iso(later) });
    const basCourse = app.storage.courses.create({ clientId: ids[1]!, startDate: '2020-01-06' });
    const refused = { clients: [{ clientId: ids[0]!, channel: 'ch1', courseId: basCourse.id }, { clientId: ids[1]!, channel: 'ch2' }], pacer: PACER };
    assert.throws(() => service.startGroupSession(refused), (e: ValidationError) => e.issues?.[0]?.code === 'courseOfOtherClient');
    assert.equal(app.storage.sessions.list().length, 0, 'nothing stored');
    const st = service.startGroupSession({
      clients: [
        { clientId: ids[0]!, channel: 'ch1' },
        { clientId: ids[1]!, channel: 'ch2', courseId: null },
        { clientId: ids[2]!, channel: 'ch3' },
      ],
      pacer: PACER,
    });
    const course = st.members.map((m) => app.storage.sessions.require(m.sessionId).courseId);
    assert.deepEqual(course, [current.id, null, null], `not the old course ${old.id} nor the one that starts later; none asked for; none there`);
    assert.deepEqual(st.members.map((m) => app.storage.sessions.require(m.sessionId).type), ['group', 'group', 'group']);
  });

  test('refused: fewer than 2 clients, a sensor or a client twice, a channel not connected, a second session', () => {
    const refuses = (req: Parameters<AppService['startGroupSession']>[0], code: string): void =>
      assert.throws(() => service.startGroupSession(req), (e: CadansError) => e instanceof CadansError && e.code === code, code);
    refuses({ clients: [{ clientId: ids[0]!, channel: 'ch1' }], pacer: null }, 'session.groupTooSmall');
    refuses({ clients: [{ clientId: ids[0]!, channel: 'ch1' }, { clientId: ids[1]!, channel: 'ch1' }], pacer: null }, 'session.groupSameSensor');
    refuses({ clients: [{ clientId: ids[0]!, channel: 'ch1' }, { clientId: ids[0]!, channel: 'ch2' }], pacer: null }, 'session.groupSameClient');
    refuses({ clients: [{ clientId: ids[0]!, channel: 'ch1' }, { clientId: ids[1]!, channel: 'ch9' }], pacer: null }, 'sensor.notConnected');
    assert.equal(recorders.length, 0, 'nothing was started');
    assert.equal(app.storage.sessions.list().length, 0, 'and nothing stored');
    start();
    refuses({ clients: [{ clientId: ids[0]!, channel: 'ch1' }, { clientId: ids[1]!, channel: 'ch2' }], pacer: null }, 'session.alreadyRunning');
    assert.throws(() => service.startSession({ clientId: ids[0]!, pacer: null }), /already running/);
  });

  test('every member sensor is in use: it cannot be disconnected while the group records', async () => {
    start();
    await assert.rejects(service.disconnectSensor('ch3'), (e: ValidationError) => e.issues[0]?.code === 'sensorInUse');
  });

  test('markers for all or for one client; pacer changes, pause and resume reach every member', () => {
    start();
    devices.clockSec = 12;
    service.addMarker({ note: 'everyone' });
    const one = service.addMarker({ note: 'only Bas', kind: 'event', clientId: ids[1]! });
    assert.equal(one.clientId, ids[1]);
    assert.deepEqual(recorders.map((r) => r.markers.map((m) => m[2])), [['everyone'], ['everyone', 'only Bas'], ['everyone']]);
    assert.throws(() => service.addMarker({ note: 'x', clientId: 999 }), (e: CadansError) => e.code === 'session.notInGroup');
    service.setPacer({ rateBpm: 5.5, inhaleFraction: 0.4 });
    assert.deepEqual(recorders.map((r) => r.pacerChanges.map((p) => p[0].rateBpm)), [[5.5], [5.5], [5.5]]);
    service.pauseSession();
    service.resumeSession();
    for (const r of recorders) assert.deepEqual(r.markers.slice(-2).map((m) => m[1]), ['pause', 'resume']);
  });

  test('one client\'s sensor gone for good ends only that client (interrupted); stop ends the rest and the group', async () => {
    const st = start();
    devices.channel('ch2')!.state = 'error';
    service.sessions.tick();
    const now = service.getSessionState();
    assert.equal(now.phase, 'recording', 'the group records on');
    assert.deepEqual(now.members.map((m) => [m.state, m.endReason]), [['recording', null], ['ended', 'sensor-lost'], ['recording', null]]);
    assert.equal(recorders[1]!.stopped, 'interrupted');
    assert.equal(recorders[0]!.stopped, null);
    service.addMarker({ note: 'after' });
    assert.deepEqual(recorders.map((r) => r.markers.length), [1, 0, 1], 'no marker for the client who ended');
    await service.stopSession();
    assert.deepEqual(recorders.map((r) => r.stopped), ['complete', 'interrupted', 'complete']);
    const idle = service.getSessionState();
    assert.equal(idle.phase, 'idle');
    assert.equal(idle.lastEndedGroupId, st.groupId);
    assert.deepEqual(idle.members, []);
    assert.ok(app.storage.groups.require(st.groupId!).endedAt, 'the group has its end');
    assert.deepEqual(app.storage.sessions.list({ groupId: st.groupId!, order: 'oldest' }).map((s) => s.status), ['complete', 'interrupted', 'complete']);
  });

  test('the last member whose sensor goes away ends the group', async () => {
    start();
    for (const ch of ['ch1', 'ch2']) devices.channel(ch)!.state = 'error';
    service.sessions.tick();
    assert.equal(service.getSessionState().phase, 'recording');
    devices.channel('ch3')!.state = 'error';
    service.sessions.tick();
    await new Promise((r) => setTimeout(r, 20));
    const st = service.getSessionState();
    assert.equal(st.phase, 'idle');
    assert.equal(st.lastEndReason, 'sensor-lost');
  });

  test('the group summary through the contract: anonymised unless asked with names, logged in every participant\'s record', async () => {
    const st = start();
    const summary = await service.stopSession();
    // The summary after the stop (and of every member) knows its group: the way to its group summary.
    assert.equal(summary.groupId, st.groupId);
    assert.deepEqual(st.members.map((m) => service.getSessionSummary(m.sessionId).groupId), [st.groupId, st.groupId, st.groupId]);
    const anon = await service.getReportHtml({ kind: 'group', groupId: st.groupId! });
    assert.match(anon.html, /data-report="group"/);
    assert.equal(anon.baseName, `cadans-groep-${st.groupId}-overzicht`);
    for (const n of [1, 2, 3]) assert.ok(anon.html.includes(`Deelnemer ${n}`));
    for (const name of ['Anna', 'Bas', 'Cor']) assert.ok(!anon.html.includes(name), `${name} is not in the anonymised summary`);
    const named = await service.getReportHtml({ kind: 'group', groupId: st.groupId!, names: true, locale: 'en' });
    for (const name of ['Anna', 'Bas', 'Cor']) assert.ok(named.html.includes(name), `${name} is in the therapist's version`);
    assert.equal(named.baseName, `cadans-group-${st.groupId}-summary-with-names`);
    for (const [i, id] of ids.entries()) {
      const entries = app.storage.accessLog.list(id).filter((e) => e.action === 'report');
      assert.deepEqual(entries.map((e) => [e.sessionId, e.detail]), [
        [st.members[i]!.sessionId, `group ${st.groupId} summary anonymised html`],
        [st.members[i]!.sessionId, `group ${st.groupId} summary with names html`],
      ]);
    }
    await assert.rejects(() => service.getReportHtml({ kind: 'group', groupId: 999 }), /999/);
  });

  test('a single session lists itself as its one member and has no group', async () => {
    const st = service.startSession({ clientId: ids[0]!, channel: 'ch2', pacer: null });
    assert.equal(st.groupId, null);
    assert.deepEqual(st.members.map((m) => [m.clientId, m.channel, m.sessionId]), [[ids[0], 'ch2', st.sessionId]]);
    assert.equal(app.storage.sessions.require(st.sessionId!).groupId, null);
    assert.equal((await service.stopSession()).groupId, null);
    assert.equal(service.getSessionState().lastEndedGroupId, null);
  });
});
