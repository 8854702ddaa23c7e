// Run/walk programmes through the app core: the template, storing one (validation issues with
// nothing stored), editing its blocks and deleting it as corrections (record history + access
// log), where the client is (an imported run counts as done in its week, its HRR in the trend),
// arguments checked by the contract's schemas, refused while the console is locked.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { importRun } from '../../../main/running/importRun.js';
import { parseRunBytes } from '../../../main/running/readRunFile.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { fitFile, WEEK1 } from '../../support/runFiles.js';
import { FakeDevices, FakeRecorder } from './fakeAppDevices.js';

// The FIT run of runFiles.ts is on 2026-11-02 (a Monday); "today" is that Wednesday.
const NOW = new Date('2026-11-04T12:00:00Z');

describe('AppService — run/walk programmes', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let clientId: number;
  const call = (name: string, ...args: unknown[]) => dispatchInvoke(service as unknown as CadansService, name as never, args as never);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-prog-'));
    storage = openStorage(join(dir, 'db.sqlite'));
    const devices = new FakeDevices();
    service = new AppService({
      storage,
      devices,
      settings: new SettingsStore(null),
      info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
      createRecorder: (o) => new FakeRecorder(storage, o, devices.clockSec),
      nowMs: () => NOW.getTime(),
    });
    clientId = service.createClient({ name: 'Loes Runner' }).id;
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('create from the template, edit week 1, status with an imported run, delete — all in the trail', async () => {
    const template = await call('runProgrammeTemplate', { weeks: 9 });
    assert.equal(template.ok, true);
    assert.equal((template as { value: unknown[] }).value.length, 9);

    const created = await call('createRunProgramme', { clientId, startDate: '2026-11-02', template: { weeks: 9 } });
    assert.ok(created.ok && (created.value as { ok: boolean }).ok, JSON.stringify(created));
    const p = (created as { value: { value: { id: number; weeks: { blocks: { kind: string; sec: number }[] }[] } } }).value.value;
    assert.equal(storage.runProgrammes.listByClient(clientId).length, 1);

    // The therapist makes week 1 gentler: 8 × [1 min run, 2 min walk].
    const week1 = { sessionsPerWeek: 3, blocks: [{ kind: 'warmup', sec: 300 }, ...Array.from({ length: 8 }, () => [{ kind: 'run', sec: 60 }, { kind: 'walk', sec: 120 }]).flat(), { kind: 'cooldown', sec: 300 }] };
    const edited = service.updateRunProgramme(p.id, { weeks: [week1, ...p.weeks.slice(1)] as never, notes: 'knie ontzien' });
    assert.ok(edited.ok);
    assert.equal(edited.value.weeks[0]!.blocks.filter((b) => b.kind === 'run').length, 8);
    const history = storage.history.list({ record: 'runProgramme', recordId: p.id });
    assert.equal(history.length, 1);
    assert.equal(history[0]!.action, 'edit');
    assert.equal((history[0]!.before as { weeks: unknown[] }).weeks.length, 9);

    // An imported run on the Monday of week 1 counts as done; its HRR is in the trend.
    importRun(storage, clientId, parseRunBytes(fitFile(WEEK1), 'w1.fit', '.fit'), 'w1.fit');
    const status = service.getRunProgrammeStatus(clientId)!;
    assert.equal(status.programme.id, p.id);
    assert.equal(status.state, 'active');
    assert.equal(status.currentWeek, 1);
    assert.deepEqual([status.weeks[0]!.planned, status.weeks[0]!.done], [3, 1]);
    assert.ok(Math.abs(status.weeks[0]!.longestRunSec! - 60) <= 3);
    assert.equal(status.next!.week, 1);
    assert.equal(status.next!.blocks.filter((b) => b.kind === 'run').length, 8, 'the edited blocks');
    assert.equal(status.hrrTrend.length, 1);
    assert.ok(status.hrrTrend[0]!.hrr60Bpm! > 20);

    const gone = service.deleteRunProgramme(p.id);
    assert.equal(gone.id, p.id);
    assert.equal(service.getRunProgrammeStatus(clientId), null);
    assert.equal(storage.history.list({ record: 'runProgramme', recordId: p.id }).at(-1)!.action, 'delete');

    const log = storage.accessLog.list(clientId).map((e) => `${e.action} ${e.detail}`);
    assert.ok(log.includes(`create createRunProgramme ${p.id}`), log.join('\n'));
    assert.ok(log.some((l) => l.startsWith(`edit updateRunProgramme runProgramme #${p.id}: `) && l.includes('weeks changed') && l.includes('notes changed')), log.join('\n'));
    assert.ok(log.includes(`delete deleteRunProgramme runProgramme #${p.id}`), log.join('\n'));
  });

  test('a running-log entry from an imported run: drafted, then saved as the therapist confirms it', async () => {
    const { sessionId } = importRun(storage, clientId, parseRunBytes(fitFile(WEEK1), 'w1.fit', '.fit'), 'w1.fit');
    const draft = await call('runningLogDraftOf', sessionId);
    assert.ok(draft.ok, JSON.stringify(draft));
    const d = (draft as { value: Parameters<AppService['createRunningLogEntry']>[0] }).value;
    assert.deepEqual(d.intervals, [{ runMin: 1, walkMin: 2, reps: 6 }]);
    assert.equal(storage.runningLog.listByClient(clientId).length, 0, 'a draft stores nothing');
    const saved = service.createRunningLogEntry({ ...d, borg: 12 });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal(storage.runningLog.listByClient(clientId)[0]!.borg, 12);
    const breathing = storage.sessions.create({ clientId, type: 'breathing' }).id;
    assert.throws(() => service.runningLogDraftOf(breathing), /not a run session/);
  });

  test('validation problems come back as issues and nothing is stored; unknown ids throw', () => {
    const r = service.createRunProgramme({ clientId, startDate: '2026-11-02', weeks: [{ sessionsPerWeek: 3, blocks: [{ kind: 'run', sec: 3 }] }] });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.issues.map((i) => i.field), ['weeks[0].blocks[0].sec']);
    assert.equal(storage.runProgrammes.listByClient(clientId).length, 0);
    assert.throws(() => service.createRunProgramme({ clientId: 999, startDate: '2026-11-02' }), /999/);
    assert.throws(() => service.updateRunProgramme(77, { notes: 'x' }), /77/);
    assert.throws(() => service.listRunProgrammes(999), /999/);
  });

  test('the schemas refuse unknown keys and wrong types before the core is called', async () => {
    const extra = await call('createRunProgramme', { clientId, startDate: '2026-11-02', colour: 'red' });
    assert.equal(extra.ok, false);
    assert.match((extra as { error: string }).error, /unknown key 'colour'/);
    const kind = await call('updateRunProgramme', 1, { weeks: [{ sessionsPerWeek: 3, blocks: [{ kind: 'sprint', sec: 60 }] }] });
    assert.equal(kind.ok, false);
    assert.equal(storage.runProgrammes.listByClient(clientId).length, 0);
  });

  test('refused while the console is locked', async () => {
    service.lockConsole();
    for (const [name, args] of [
      ['runProgrammeTemplate', [{}]],
      ['listRunProgrammes', [clientId]],
      ['createRunProgramme', [{ clientId, startDate: '2026-11-02' }]],
      ['getRunProgrammeStatus', [clientId]],
    ] as const) {
      const r = await call(name, ...args);
      assert.equal(r.ok, false, `${name} refused while locked`);
    }
    assert.equal(storage.runProgrammes.listByClient(clientId).length, 0);
  });
});
