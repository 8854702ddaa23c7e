// A run file sent from the client page (`importRunFile`: gzip + base64 through the contract) is
// stored as a 'run' session with its blocks, HR and draft running-log entry; a broken, truncated or
// unpacked file is refused with a coded RunFileError (nl/en) and nothing is stored. The exertion
// points of the client page are the running-log entries with Borg and HR in the client's zones.
// The run schedule report kind renders the programme's blocks in nl and en.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { renderReport } from '../../../main/app/reportCalls.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { fitFile, WEEK1 } from '../../support/runFiles.js';
import { FakeDevices, FakeRecorder } from './fakeAppDevices.js';

const NOW = new Date('2026-11-04T12:00:00Z');
const packed = (bytes: Uint8Array): string => gzipSync(bytes).toString('base64');

describe('AppService — run import from the page, exertion points, run schedule', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let clientId: number;
  const call = (name: string, ...args: unknown[]) => dispatchInvoke(service as unknown as CadansService, name as never, args as never);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-runimp-'));
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
    clientId = service.createClient({ name: 'Loes Runner', dateOfBirth: '1980-05-01' }).id;
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a FIT file through the contract: 6 run blocks, a draft with 6 × [1, 2]; the same run again is refused', async () => {
    const fit = fitFile(WEEK1);
    const r = await call('importRunFile', { clientId, fileName: 'week1.fit', gzipBase64: packed(fit) });
    assert.ok(r.ok, JSON.stringify(r));
    const v = (r as { value: { sessionId: number; format: string; blocks: { kind: string }[]; longestRunSec: number; meanHrBpm: number | null; draft: { intervals: unknown[]; date: string } } }).value;
    assert.equal(v.format, 'fit');
    assert.equal(v.blocks.filter((b) => b.kind === 'run').length, 6);
    assert.ok(v.longestRunSec >= 50 && v.longestRunSec <= 70, String(v.longestRunSec));
    assert.ok(v.meanHrBpm !== null && v.meanHrBpm > 100 && v.meanHrBpm < 155);
    assert.deepEqual(v.draft.intervals, [{ reps: 6, runMin: 1, walkMin: 2 }]);
    assert.equal(v.draft.date, '2026-11-02');
    const s = storage.sessions.require(v.sessionId);
    assert.equal(s.type, 'run');
    assert.equal(s.sensorSpec, 'import:fit');
    const logged = storage.accessLog.list(clientId).find((e) => e.sessionId === v.sessionId);
    assert.equal(logged?.detail, 'importRunFile fit');

    const again = await call('importRunFile', { clientId, fileName: 'week1.fit', gzipBase64: packed(fit) });
    assert.equal(again.ok, false);
    assert.equal(codeOf(again), 'runFile.alreadyImported');
    assert.equal(storage.sessions.listByClient(clientId).length, 1);
  });

  test('broken files: truncated FIT, nonsense, not packed — coded refusals in nl and en, nothing stored', async () => {
    const fit = fitFile(WEEK1);
    const cases: [string, string, RegExp][] = [
      ['cut.fit', packed(fit.subarray(0, Math.floor(fit.length / 2))), /cut\.fit/],
      ['notes.tcx', packed(new TextEncoder().encode('dit is geen loopbestand')), /notes\.tcx/],
      ['raw.gpx', Buffer.from('<gpx></gpx>').toString('base64'), /raw\.gpx/],
    ];
    for (const [fileName, gzipBase64, name] of cases) {
      const r = await call('importRunFile', { clientId, fileName, gzipBase64 });
      assert.equal(r.ok, false, fileName);
      const code = codeOf(r);
      assert.match(code, /^runFile\./, `${fileName}: ${JSON.stringify(r)}`);
      const err = r as unknown as { code: string; params: Record<string, string> };
      const nl = errorText('nl', err);
      const en = errorText('en', err);
      assert.match(nl, name);
      assert.match(nl, /niets/);
      assert.match(en, /nothing/);
    }
    assert.equal(storage.sessions.listByClient(clientId).length, 0);
    // A small packed file that unpacks beyond the 50-MB limit is refused as too large, not unpacked whole.
    const bomb = packed(new Uint8Array(51 * 1024 * 1024));
    assert.ok(bomb.length < 240_000);
    const tooLarge = await call('importRunFile', { clientId, fileName: 'bom.fit', gzipBase64: bomb });
    assert.equal(codeOf(tooLarge), 'runFile.tooLarge');
    assert.equal(storage.sessions.listByClient(clientId).length, 0);
    const big = await call('importRunFile', { clientId, fileName: 'x.fit', gzipBase64: 'A'.repeat(300_000) });
    assert.equal(big.ok, false, 'over the schema limit');
  });

  test('exertion points: Borg against % HRR of the logged runs (zones from the resting HR and the age)', () => {
    // A breathing session gives the resting HR (60); age 46 → HRmax 208 − 0.7 × 46 = 175.8.
    const b = storage.sessions.create({ clientId, type: 'breathing', startedAt: '2026-10-01T09:00:00.000Z', sensorSpec: 'sim', fsHz: 1 });
    storage.sessions.setSummary(b.id, { meanHrBpm: 60 });
    storage.sessions.setStatus(b.id, 'complete', '2026-10-01T09:10:00.000Z');
    storage.runningLog.create({ clientId, courseId: null, date: '2026-11-02', intervals: [], continuousRunMin: 10, borg: 12, hrAvgBpm: 150, hrMaxBpm: 160, notes: '' }, NOW);
    storage.runningLog.create({ clientId, courseId: null, date: '2026-11-03', intervals: [], continuousRunMin: 10, borg: null, hrAvgBpm: 150, hrMaxBpm: 160, notes: '' }, NOW);
    const pts = service.getRunExertion(clientId);
    assert.equal(pts.length, 1, 'only the entry with a Borg rating');
    const p = pts[0]!;
    assert.equal(p.date, '2026-11-02');
    // (150 − 60) / (175.8 − 60) = 77.7 % HRR: vigorous, while Borg 12 says moderate.
    assert.ok(Math.abs(p.pctHrr - 77.7) < 0.2, String(p.pctHrr));
    assert.equal(p.perceived, 'moderate');
    assert.equal(p.measured, 'vigorous');
    assert.equal(p.verdict, 'under');
  });

  test('run schedule report: the blocks in Dutch and English, one row per week', async () => {
    const created = service.createRunProgramme({ clientId, startDate: '2026-11-02', name: 'Loopschema Loes', template: { weeks: 9 } });
    assert.ok(created.ok);
    const id = created.value.id;
    const nl = renderReport(storage, { kind: 'runSchedule', programmeId: id, locale: 'nl' }, 'en', NOW);
    assert.match(nl.html, /data-report="runSchedule"/);
    assert.match(nl.html, /6 × \[1 min hardlopen, 2 min wandelen\]/);
    assert.match(nl.html, /5 min wandelen \(warming-up\)/);
    assert.match(nl.html, /20 min hardlopen/);
    assert.equal((nl.html.match(/<tr>/g) ?? []).length, 1 + 9);
    assert.equal(nl.baseName, `cadans-loopschema-${id}`);
    const en = renderReport(storage, { kind: 'runSchedule', programmeId: id }, 'en', NOW);
    assert.match(en.html, /6 × \[1 min running, 2 min walking\]/);
    assert.match(en.html, /5 min walking \(cool-down\)/);
    assert.doesNotMatch(en.html, /hardlopen/);
    const viaContract = await call('getReportHtml', { kind: 'runSchedule', programmeId: id, locale: 'en' });
    assert.ok(viaContract.ok);
    assert.match((viaContract as { value: { title: string } }).value.title, /^Running schedule$/);
    assert.ok(storage.accessLog.list(clientId).some((e) => e.action === 'report' && e.detail === `run schedule ${id} html`));
    const unknown = await call('getReportHtml', { kind: 'runSchedule', programmeId: 999 });
    assert.equal(unknown.ok, false);
  });
});

/** The coded error of a refused call (`{ok: false, error, code, params}`). */
function codeOf(reply: unknown): string {
  const code = (reply as { code?: unknown }).code;
  return typeof code === 'string' ? code : JSON.stringify(reply);
}
