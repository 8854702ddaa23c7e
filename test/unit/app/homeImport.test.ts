// Home practice imports through the contract call `importRrFile` with a HeartMath `source`: the
// hand-made emWave Pro and Inner Balance exports (test/fixtures/heartmath) become complete 'home'
// sessions analysed by Cadans' own engine from their IBIs, with HeartMath's scores kept beside;
// they are in the client's session list and progress report; a corrupt file stores nothing.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { analyzeIntervals } from '../../../shared/dsp/analyzeIntervals.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import type { RrImportResult } from '../../../shared/ipc/recordTypes.js';
import { repoRoot } from '../../support/paths.js';
import { FakeDevices, FakeRecorder } from './fakeAppDevices.js';

const NOW = new Date(2026, 11, 1, 12, 0, 0); // 1 December 2026, local time
const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'heartmath', name), 'latin1');
/** The IBI column of the emWave fixture read independently: third tab cell after the header. */
function emwaveIbis(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const h = lines.findIndex((l) => l.startsWith('Time Offset'));
  return lines.slice(h + 1).map((l) => l.split('\t')[2] ?? '').filter((c) => c.trim() !== '').map(Number);
}

describe('Home practice import (HeartMath exports) through the contract', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let svc: CadansService;
  let clientId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-home-'));
    storage = openStorage(join(dir, 'db.sqlite'));
    const devices = new FakeDevices();
    service = new AppService({
      storage,
      devices,
      settings: new SettingsStore(null),
      info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
      createRecorder: (o) => new FakeRecorder(storage, o, devices.clockSec),
      nowMs: () => NOW.getTime(),
      printToPdf: async () => new TextEncoder().encode('%PDF-1.7 fake'),
    });
    svc = service as unknown as CadansService;
    clientId = service.createClient({ name: 'Joost Visser' }).id;
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importFile = async (request: unknown): Promise<RrImportResult> => {
    const reply = await dispatchInvoke(svc, 'importRrFile', [request]);
    if (!reply.ok) assert.fail(reply.error);
    return reply.value as RrImportResult;
  };

  test('emWave Pro: a complete home session at the file\'s start, our analysis of its IBIs, HeartMath\'s scores beside', async () => {
    const text = fixture('emwave-pro.txt');
    const r = await importFile({ clientId, type: 'home', source: 'emwave', fileName: 'emwave-pro.txt', text });
    if (!r.ok) assert.fail(r.error);
    const ibis = emwaveIbis(text);
    assert.equal(r.intervals, ibis.length);
    assert.equal(r.session.type, 'home');
    assert.equal(r.session.status, 'complete');
    assert.equal(r.session.startedAt, new Date(2026, 10, 20, 8, 15, 0).toISOString());
    const expected = analyzeIntervals(ibis);
    assert.ok(r.session.meanHrBpm !== null && Math.abs(r.session.meanHrBpm - expected.hrv.meanHrBpm!) < 1e-9, 'summary = Cadans analysis of the IBIs');
    assert.equal(r.heartMath?.coherence5s.length, 36);
    assert.equal(r.heartMath?.meanCoherence, 4.5);

    const [listed] = service.listSessions(clientId);
    assert.equal(listed!.id, r.session.sessionId);
    assert.equal(listed!.type, 'home');
    assert.equal(listed!.sensorInfo.kind, 'home-import');
    assert.equal(listed!.sensorInfo.source, 'emwave');
    assert.match(String(listed!.sensorInfo.label), /emwave-pro\.txt \(HeartMath emWave Pro \/ emWave2\)/);
    const kept = listed!.sensorInfo.heartMath as { coherence5s: number[]; accumulated: number; product: string };
    assert.equal(kept.accumulated, 162);
    assert.equal(kept.product, 'emWave Pro');
    assert.deepEqual(kept.coherence5s.slice(0, 3), [1, 1.2, 1.4]);
    // The session report names HeartMath's own scores beside Cadans' figures.
    const en = await service.getReportHtml({ kind: 'session', sessionId: r.session.sessionId, locale: 'en' });
    assert.match(en.html, /Coherence according to HeartMath \(mean\)[\s\S]{0,80}4\.5 \(36 × 5 s\) · accumulated 162/);
    const nl = await service.getReportHtml({ kind: 'session', sessionId: r.session.sessionId, locale: 'nl' });
    assert.match(nl.html, /Coherentie volgens HeartMath \(gemiddeld\)[\s\S]{0,80}4,5 \(36 × 5 s\) · opgebouwd 162/);
    // Cadans' own coherence is in the summary, HeartMath's is not mixed into it.
    assert.equal((storage.sessions.require(r.session.sessionId).summary as Record<string, unknown>).heartMath, undefined);
  });

  test('Inner Balance and emWave sessions appear in the progress report as home practice (nl and en)', async () => {
    const a = await importFile({ clientId, type: 'home', source: 'inner-balance', fileName: 'ib.csv', text: fixture('inner-balance.csv') });
    const b = await importFile({ clientId, type: 'home', source: 'emwave', fileName: 'ew.txt', text: fixture('emwave-pro.txt') });
    assert.ok(a.ok && b.ok);
    assert.equal(a.session.startedAt, new Date(2026, 10, 21, 19, 30, 0).toISOString());
    const en = await service.getReportHtml({ kind: 'progress', clientId, locale: 'en' });
    const nl = await service.getReportHtml({ kind: 'progress', clientId, locale: 'nl' });
    const rowOf = (html: string, id: number): string => html.split('<tr').find((row) => row.startsWith(` data-session-id="${id}"`)) ?? '';
    for (const r of [a, b]) {
      assert.match(rowOf(en.html, r.session.sessionId), /<td>Home practice<\/td>/, 'the session is a row of the progress report');
      assert.match(rowOf(nl.html, r.session.sessionId), /<td>Thuisoefening<\/td>/);
    }
    assert.match(rowOf(en.html, b.session.sessionId), /<td class="date">20\/11\/2026<\/td>/);
  });

  test('the home session as a zip for a colleague through the contract: RR text, JSON, report PDF, README (no CSV)', async () => {
    const r = await importFile({ clientId, type: 'home', source: 'emwave', fileName: 'ew.txt', text: fixture('emwave-pro.txt') });
    assert.ok(r.ok);
    const id = r.session.sessionId;
    const reply = await dispatchInvoke(svc, 'exportSession', [id, 'zip']);
    if (!reply.ok) assert.fail(reply.error);
    const file = reply.value as { fileName: string; mimeType: string; data: Uint8Array };
    assert.equal(file.fileName, `cadans-session-${id}.zip`);
    assert.equal(file.mimeType, 'application/zip');
    const zip = join(dir, 'home.zip');
    writeFileSync(zip, file.data);
    // Read back by Python's zipfile (an independent reader).
    const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: z.read(n).decode("latin1") for n in z.namelist()}))';
    const members = JSON.parse(execFileSync('python3', ['-c', script, zip], { encoding: 'utf8' })) as Record<string, string>;
    const p = `cadans-session-${id}/cadans-session-${id}`;
    assert.deepEqual(Object.keys(members).sort(), [`${p}-report.pdf`, `${p}-rr.txt`, `${p}.json`, `cadans-session-${id}/README.txt`].sort());
    assert.equal(members[`${p}-report.pdf`], '%PDF-1.7 fake', 'the report printed through the app\'s PDF port');
    assert.equal(members[`${p}-rr.txt`], String((await service.exportSession(id, 'rr')).data));
    assert.equal((JSON.parse(members[`${p}.json`]!) as { session: { type: string } }).session.type, 'home');
    assert.match(members[`cadans-session-${id}/README.txt`]!, /signal\.csv: ontbreekt/);
  });

  test('a corrupt export, a wrong type and an unknown source store nothing', async () => {
    const corrupt = await importFile({ clientId, type: 'home', source: 'inner-balance', fileName: 'bad.csv', text: fixture('corrupt-inner-balance.csv') });
    assert.ok(!corrupt.ok && corrupt.reason === 'unreadable' && /no IBI column/.test(corrupt.error), JSON.stringify(corrupt));
    const wrongType = await importFile({ clientId, type: 'biofeedback', source: 'emwave', fileName: 'ew.txt', text: fixture('emwave-pro.txt') });
    assert.ok(!wrongType.ok && wrongType.reason === 'invalid' && wrongType.issues[0]!.field === 'type');
    const unknown = await dispatchInvoke(svc, 'importRrFile', [{ clientId, type: 'home', source: 'polar', fileName: 'x', text: '800' }]);
    assert.ok(!unknown.ok && /source/.test(unknown.error), JSON.stringify(unknown));
    const extra = await dispatchInvoke(svc, 'importRrFile', [{ clientId, type: 'home', source: 'emwave', fileName: 'x', text: '800', sql: 'drop' }]);
    assert.equal(extra.ok, false, 'strict schema: an unknown field is refused');
    assert.deepEqual(service.listSessions(clientId), []);
    assert.equal(storage.sessions.list().length, 0);
  });
});
