// Exports (csv, rr, json) of recorded sessions read back, start-up recovery of interrupted
// sessions, and the user-data paths. Real SQLite files in temp folders.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultDbPath, userDataDir } from '../../../main/app/paths.js';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { ExportError, exportSessionText, formatRrLine, prepareSessionExport } from '../../../main/sessions/exportSession.js';
import { formatFloat32, formatSec } from '../../../main/sessions/formatNumbers.js';
import { SessionRecorder } from '../../../main/sessions/SessionRecorder.js';
import { analyzeStoredSession, readStoredSignal } from '../../../main/sessions/sessionSignal.js';
import { computeSessionSummary } from '../../../main/sessions/sessionSummary.js';
import { recoverOnStartup } from '../../../main/sessions/startup.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { NotFoundError } from '../../../shared/domain/validationResult.js';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { parseRrText } from '../../../shared/io/rrText.js';
import { FakeChannel, streamSim } from '../../support/fakeChannel.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-export-'));
let storage: Storage;
let sessionId = 0;
let gapSessionId = 0;
let rrSessionId = 0;
let sent: Float32Array;

before(async () => {
  storage = openStorage(join(dir, 'export.sqlite'));
  const clientId = storage.clients.create({ name: 'Export client', complaint: 'burn-out' }).id;
  const dm = new FakeChannel('ch1', 'sim:seed=11,adc=0');
  // Float volts (adc=0) so the CSV has to carry non-integer float32 values exactly.
  const rec = new SessionRecorder(storage, dm, {
    clientId,
    type: 'breathing',
    channel: 'ch1',
    pacer: { rateBpm: 6, inhaleFraction: 0.5 },
    writerOptions: { syncWal: false },
  });
  rec.start();
  rec.addMarker(10, 'note', 'eyes closed');
  rec.changePacer({ rateBpm: 5.5, inhaleFraction: 0.4 }, 30);
  sent = (await streamSim(dm, { seconds: 75, sim: { seed: 11, adcBits: 0 } })).values;
  dm.emitGap(20, 21, 'packet loss');
  await rec.stop();
  sessionId = rec.sessionId;

  // A session whose stored chunks leave a 2 s hole (samples lost on the way).
  const s2 = storage.sessions.create({ clientId, type: 'biofeedback', fsHz: 250 }).id;
  const w = storage.writer(s2, { syncWal: false });
  w.pushSamples({ t0Sec: 0, fsHz: 250, values: sent.subarray(0, 250 * 30) });
  w.pushSamples({ t0Sec: 32, fsHz: 250, values: sent.subarray(250 * 32, 250 * 70) });
  w.finish('complete');
  gapSessionId = s2;

  // An interval-only session (beats from a strap).
  const s3 = storage.sessions.create({ clientId, type: 'breathing' }).id;
  const w3 = storage.writer(s3, { syncWal: false });
  let t = 0;
  w3.pushBeat({ tSec: 0, ibiMs: null, flags: 32 }); // flags: fromSensor
  for (let i = 0; i < 40; i++) {
    const ibi = 850 + 60 * Math.sin(i / 2);
    t += ibi / 1000;
    w3.pushBeat({ tSec: t, ibiMs: ibi, flags: 32 });
  }
  w3.finish('complete');
  rrSessionId = s3;
});

after(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exportSession', () => {
  test('csv: time,ppg, one row per stored sample, float32 values exact; cadans-analyze input gives the summary', () => {
    const text = exportSessionText(storage, sessionId, 'csv');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'time,ppg');
    assert.equal(lines.length - 1, sent.length);
    assert.equal(lines[1], `0,${formatFloat32(sent[0])}`);
    assert.equal(lines[251].split(',')[0], '1');
    const rec = parsePpgCsv(text);
    assert.ok(!('error' in rec), JSON.stringify(rec));
    if ('error' in rec) return;
    assert.equal(rec.fsHz, 250);
    assert.equal(rec.values.length, sent.length);
    assert.ok(rec.values.every((v, i) => Math.fround(v) === sent[i]), 'every value reads back as the same float32');
    const summary = storage.sessions.require(sessionId).summary!;
    assert.equal(analyzePpg(rec.values, rec.fsHz).hrv.meanHrBpm, summary.meanHrBpm);
  });

  test('csv of a session with a hole: rows only where samples are stored; analysis fills the hole like parsePpgCsv', () => {
    const text = exportSessionText(storage, gapSessionId, 'csv');
    const rows = text.trimEnd().split('\n').slice(1);
    assert.equal(rows.length, 250 * 68);
    assert.equal(rows[250 * 30].split(',')[0], '32');
    const rec = parsePpgCsv(text);
    if ('error' in rec) return assert.fail(rec.error);
    const stored = readStoredSignal(storage, gapSessionId);
    assert.deepEqual(stored.map((g) => [g.t0Sec, g.values.length]), [[0, 250 * 30], [32, 250 * 38]]);
    // parsePpgCsv fills the hole with NaN: the same samples as the stored chunks with the hole filled.
    assert.equal(rec.values.length, 250 * 70);
    assert.ok(rec.values.subarray(250 * 30, 250 * 32).every((v) => Number.isNaN(v)));
    assert.deepEqual(analyzeStoredSession(storage, gapSessionId).result.nn, analyzePpg(rec.values, rec.fsHz).nn);
  });

  test('rr: the NN intervals of the session analysis, one per line, integers or one decimal; Kubios-style text reads back', () => {
    const text = exportSessionText(storage, sessionId, 'rr');
    const lines = text.trimEnd().split('\n');
    const nn = analyzeStoredSession(storage, sessionId).result.nn.ibiMs;
    assert.equal(lines.length, nn.length);
    lines.forEach((l, i) => {
      assert.match(l, /^\d+(\.\d)?$/);
      assert.ok(Math.abs(Number(l) - nn[i]) <= 0.05 + 1e-9);
    });
    const parsed = parseRrText(text);
    if ('error' in parsed) return assert.fail(parsed.error);
    assert.equal(parsed.unit, 'ms');
    assert.deepEqual(Array.from(parsed.ibiMs), lines.map(Number));
    assert.equal(formatRrLine(812), '812');
    assert.equal(formatRrLine(812.46), '812.5');
    // Interval sensor: the NN series of analyzeIntervals on the stored intervals.
    const rr = exportSessionText(storage, rrSessionId, 'rr').trimEnd().split('\n').map(Number);
    assert.equal(rr.length, 40);
    assert.ok(Math.abs(rr[0] - 850) < 0.1);
  });

  test('json: everything about the session, signal as arrays', () => {
    const j = JSON.parse(exportSessionText(storage, sessionId, 'json'));
    const full = storage.sessions.getFull(sessionId);
    assert.equal(j.format, 'cadans-session');
    assert.equal(j.session.id, sessionId);
    assert.equal(j.session.status, 'complete');
    assert.deepEqual(j.session.pacer, { rateBpm: 6, inhaleFraction: 0.5 });
    assert.equal(j.client.name, 'Export client');
    assert.equal(j.client.complaint, 'burn-out');
    assert.deepEqual(j.markers, [{ tSec: 10, kind: 'note', note: 'eyes closed' }]);
    assert.deepEqual(j.pacerChanges, [{ tSec: 30, settings: { rateBpm: 5.5, inhaleFraction: 0.4 } }]);
    assert.deepEqual(j.gaps, [{ startSec: 20, endSec: 21, reason: 'packet loss' }]);
    assert.deepEqual(j.beats.tSec, full.beats.map((b) => b.tSec));
    assert.deepEqual(j.beats.ibiMs, full.beats.map((b) => b.ibiMs));
    assert.deepEqual(j.beats.flags, full.beats.map((b) => b.flags));
    assert.deepEqual(j.metrics, full.metrics);
    assert.deepEqual(j.summary, full.session.summary);
    assert.equal(j.signal.length, 1);
    assert.equal(j.signal[0].fsHz, 250);
    assert.equal(j.signal[0].values.length, sent.length);
    assert.ok((j.signal[0].values as number[]).every((v, i) => Math.fround(v) === sent[i]));
    // The hole: two segments, NaN-free arrays with their own start times.
    const g = JSON.parse(exportSessionText(storage, gapSessionId, 'json'));
    assert.deepEqual(g.signal.map((s: { t0Sec: number; values: number[] }) => [s.t0Sec, s.values.length]), [
      [0, 7500],
      [32, 9500],
    ]);
  });

  test('bad input: unknown session, no raw signal for csv, nothing to analyse for rr, unknown format', () => {
    assert.throws(() => prepareSessionExport(storage, 9999, 'csv'), NotFoundError);
    assert.throws(() => prepareSessionExport(storage, rrSessionId, 'csv'), (e: Error) => e instanceof ExportError && /no raw signal/.test(e.message));
    const empty = storage.sessions.create({ clientId: 1, type: 'breathing' }).id;
    storage.sessions.setStatus(empty, 'complete');
    assert.throws(() => prepareSessionExport(storage, empty, 'rr'), (e: Error) => e instanceof ExportError && /no NN intervals/.test(e.message));
    // Coded: the reason, and the analysis refusal behind it, read in Dutch where they are shown.
    assert.throws(
      () => prepareSessionExport(storage, empty, 'rr'),
      (e: Error) =>
        codedMessage(e).code === 'export.noIntervals' &&
        /^Sessie \d+ heeft geen NN-intervallen om te exporteren: .*(signaal|slagen)/.test(errorText('nl', e)) &&
        !/[{}]|session|signal\b/i.test(errorText('nl', e)),
    );
    assert.throws(
      () => prepareSessionExport(storage, rrSessionId, 'csv'),
      (e: Error) => errorText('nl', e) === `Sessie ${rrSessionId} heeft geen ruw signaal (een intervalsensor heeft hem opgenomen); exporteer hem als rr of json.`,
    );
    assert.throws(() => prepareSessionExport(storage, empty, 'xml' as 'csv'), ExportError);
    assert.equal(JSON.parse(exportSessionText(storage, empty, 'json')).signal.length, 0);
  });
});

describe('start-up recovery', () => {
  test("a session left 'recording' becomes 'interrupted', keeps its data, gets a summary and exports", async () => {
    const file = join(dir, 'crashed.sqlite');
    const s1 = openStorage(file);
    const clientId = s1.clients.create({ name: 'Crash' }).id;
    const dm = new FakeChannel('ch1', 'sim');
    const rec = new SessionRecorder(s1, dm, { clientId, type: 'breathing', channel: 'ch1', writerOptions: { syncWal: false } });
    rec.start();
    await streamSim(dm, { seconds: 40 });
    assert.ok(rec.flushNow());
    // A second process opens the database: the recorder still holds its recording lock, so the
    // session is live, however long ago it wrote.
    const s2 = openStorage(file);
    assert.deepEqual(recoverOnStartup(s2, { now: new Date(Date.now() + 3_600_000) }), [], 'a live recording is left alone');
    // "Crash": the recorder never stops and its process is gone, which lets go of its OS lock.
    (rec as unknown as { lock: { release(remove: boolean): void } }).lock.release(false);
    assert.deepEqual(recoverOnStartup(s2, { staleAfterSec: 5 }), [rec.sessionId], 'recovered at once, although written just now');
    const row = s2.sessions.require(rec.sessionId);
    assert.equal(row.status, 'interrupted');
    assert.equal(row.samples, 40 * 250);
    assert.deepEqual(row.summary, computeSessionSummary(s2, rec.sessionId));
    assert.ok((row.summary!.meanHrBpm as number) > 50);
    assert.equal(exportSessionText(s2, rec.sessionId, 'csv').trimEnd().split('\n').length, 40 * 250 + 1);
    s2.close();
    // (The orphaned recorder's timer is stopped by its stop(), which then completes the session.)
    await rec.stop();
    s1.close();
  });
});

describe('helpers', () => {
  test('formatFloat32 is the shortest exact text; formatSec has µs resolution', () => {
    for (const v of [0.1, 2.5299999713897705, -1e-7, 1234567.875, 3.4028234663852886e38]) {
      const f = Math.fround(v);
      const s = formatFloat32(f);
      assert.equal(Math.fround(Number(s)), f, `${v} → ${s}`);
      assert.ok(s.length <= 16, s);
    }
    assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
    assert.equal(formatFloat32(NaN), 'NaN');
    assert.equal(formatSec(1 / 250 * 3), '0.012');
    assert.equal(formatSec(2), '2');
  });

  test('user-data folder like Electron for productName Cadans', () => {
    assert.equal(userDataDir({ platform: 'linux', env: {}, homeDir: '/home/an' }), '/home/an/.config/Cadans');
    assert.equal(defaultDbPath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg' }, homeDir: '/home/an' }), '/x/cfg/Cadans/cadans.sqlite');
    assert.equal(userDataDir({ platform: 'darwin', env: {}, homeDir: '/Users/an' }), '/Users/an/Library/Application Support/Cadans');
    assert.equal(
      defaultDbPath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, homeDir: 'C:\\Users\\an' }),
      'C:\\Users\\an\\AppData\\Roaming\\Cadans\\cadans.sqlite',
    );
  });
});
