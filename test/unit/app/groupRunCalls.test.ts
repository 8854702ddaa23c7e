// The group run in the app core with fake recorders (startGroupRunSession, recordBorg per runner):
// the contract's schema refuses a bad request before anything starts; the blocks come from the
// first runner's programme (or the one named); one timer's cues go into every runner's recording,
// a Borg entry into that runner's alone; at the stop every runner's session gets its run summary.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppService } from '../../../main/app/AppService.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import type { RunSummary } from '../../../shared/running/runAnalysis.js';
import { createTestApp, type FakeDevices, type FakeRecorder, type TestApp } from './fakeAppDevices.js';

const BLOCKS = [
  { kind: 'warmup' as const, sec: 10 },
  { kind: 'run' as const, sec: 20 },
  { kind: 'cooldown' as const, sec: 10 },
];

describe('group run in the app core (startGroupRunSession)', () => {
  let app: TestApp;
  let devices: FakeDevices;
  let recorders: FakeRecorder[];
  let service: AppService;
  let ids: number[];
  const call = (name: string, ...args: unknown[]) => dispatchInvoke(service as unknown as CadansService, name as never, args as never);
  const runners = (extra: Record<string, unknown> = {}) => ids.map((clientId, i) => ({ clientId, channel: `ch${i + 1}`, ...extra }));

  beforeEach(async () => {
    app = createTestApp(50);
    ({ devices, recorders, service } = app);
    ids = ['Anna', 'Bas', 'Cor'].map((name) => service.createClient({ name, dateOfBirth: '1980-01-01' }).id);
    for (const seed of [1, 2, 3]) await service.addSensor(`sim:seed=${seed}`);
  });

  afterEach(() => app.close());

  test('bad requests are refused by the schema or the core, nothing stored', async () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ clientId: ids[0]!, channel: `ch${i + 1}` }));
    assert.equal((await call('startGroupRunSession', { runners: seven, blocks: BLOCKS })).ok, false, 'more than six runners');
    assert.equal((await call('startGroupRunSession', { runners: runners({ hrRestBpm: 10 }), blocks: BLOCKS })).ok, false, 'resting HR out of range');
    assert.equal((await call('startGroupRunSession', { runners: runners(), blocks: [{ kind: 'jog', sec: 10 }] })).ok, false, 'unknown block kind');
    assert.throws(() => service.startGroupRunSession({ runners: [...runners(), { clientId: 9999, channel: 'ch1' }], blocks: BLOCKS }), /9999|not found|niet gevonden/i);
    assert.throws(() => service.startGroupRunSession({ runners: runners() }), /type the blocks of the session in/, 'no programme and no blocks');
    assert.throws(() => service.startGroupRunSession({ runners: runners(), blocks: [{ kind: 'run', sec: 0 }] }), /blocks of the run session are not right/);
    assert.equal(app.storage.sessions.list().length, 0);
    assert.equal(recorders.length, 0);
  });

  test("blocks from the first runner's programme, or from the one named", async () => {
    const today = new Date().toISOString().slice(0, 10);
    app.storage.runProgrammes.create({ clientId: ids[1]!, startDate: today });
    assert.throws(() => service.startGroupRunSession({ runners: runners() }), /type the blocks/, "the first runner has no programme");
    const v = service.startGroupRunSession({ runners: runners(), programmeClientId: ids[1]! });
    assert.equal(v.programmeWeek, 1);
    assert.deepEqual(v.blocks.slice(0, 3).map((b) => `${b.kind} ${b.sec}`), ['warmup 300', 'run 60', 'walk 120']);
    assert.deepEqual(recorders.map((r) => r.opts.type), ['run', 'run', 'run']);
    await service.stopRunSession();
  });

  test('one timer: its cues in every recording, a Borg entry in its runner\'s only; a run summary with their own zones per session', async () => {
    const v = service.startGroupRunSession({ runners: runners({ hrMaxBpm: 180 }).map((r, i) => ({ ...r, hrRestBpm: 50 + 10 * i })), blocks: BLOCKS });
    assert.deepEqual(v.runners.map((r) => r.zones?.targetZone.fromBpm), [102, 108, 114], 'own zones: 40 % of (180 − rest) above rest');
    assert.equal(new Set(recorders.map((r) => r.opts.groupId)).size, 1);
    devices.clockSec = 31;
    service.runSessions.tick();
    const cueKinds = (r: FakeRecorder) => r.markers.filter(([, k]) => k === 'run-cue').map(([, , note]) => JSON.parse(note!).kind as string);
    for (const r of recorders) assert.deepEqual(cueKinds(r), ['warmup', 'run', 'borg', 'cooldown']);
    let view = service.getRunSession()!;
    assert.deepEqual(view.runners.map((r) => r.borgDue), [1, 1, 1]);
    view = service.recordBorg({ clientId: ids[1]!, blockIndex: 1, borg: 14, talkTest: false }) as RunSessionView;
    assert.deepEqual(view.runners.map((r) => r.borgDue), [1, null, 1]);
    assert.deepEqual(recorders.map((r) => r.markers.filter(([, k]) => k === 'run-borg').length), [0, 1, 0], "in Bas's recording only");
    assert.throws(() => service.recordBorg({ clientId: 9999, blockIndex: 1, borg: 12, talkTest: null }), /not in the running session/);
    assert.throws(() => service.recordBorg({ clientId: ids[0]!, blockIndex: 2, borg: 12, talkTest: null }), /no run block/);
    const stopped = await service.stopRunSession();
    assert.equal(stopped.phase, 'stopped');
    // (The fake recorders keep their markers to themselves: the stored Borg per runner is checked in test/integration/sessions/groupRun.test.ts.)
    for (const [i, r] of stopped.runners.entries()) {
      const s = app.storage.sessions.require(r.sessionId).summary as unknown as RunSummary;
      assert.equal(s.kind, 'run', `runner ${i}: a run summary`);
      assert.equal(s.zones?.hrRestBpm, 50 + 10 * i);
    }
    await assert.rejects(async () => service.recordBorg({ clientId: ids[0]!, blockIndex: 1, borg: 12, talkTest: null }), /no run session/);
  });
});
