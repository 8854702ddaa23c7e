// Heavy calls off the main thread (main/app/heavyWork.ts): the worker gives exactly what the same
// calls give on the main thread (RR analysis, reports, exports, errors), the main thread stays free
// while it works (a 50,000-interval RR import: the timers keep running), a stored RR import's
// summary is the re-analysis of the stored session, and where the worker cannot start or cannot
// open the database the calls still answer (on the main thread).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineHeavyWork, workerHeavyWork, type HeavyWork } from '../../../main/app/heavyWork.js';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { RecordCalls } from '../../../main/app/recordCalls.js';
import { computeSessionSummary } from '../../../main/sessions/sessionSummary.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import type { DownloadFile } from '../../../shared/ipc/recordTypes.js';
import { makeTempDir, removeTempDirs, storeSimSession } from '../reports/reportFixtures.js';
import { repoRoot } from '../../support/paths.js';

const NOW = new Date('2025-06-15T10:00:00.000Z');

/** `n` RR intervals, ms, as text (one per line), breathing at 6/min. */
function rrText(n: number, seed = 1): string {
  let s = seed;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    lines.push(String(Math.round(850 + 60 * Math.sin(i / 1.6) + 20 * (s / 2147483647 - 0.5))));
  }
  return lines.join('\n');
}

/** An export without its export time (the only thing two exports of the same session differ in). */
function timeless(file: DownloadFile): DownloadFile {
  return { ...file, data: typeof file.data === 'string' ? file.data.replace(/"exportedAt":"[^"]*"/, '"exportedAt":"…"').replace(/^# exported .*$/m, '') : file.data };
}

describe('heavy work in a worker thread', () => {
  let storage: Storage;
  let dbPath: string;
  let clientId: number;
  let sessionId: number;
  let worker: HeavyWork;
  const inline = (): HeavyWork => inlineHeavyWork(storage);

  before(() => {
    dbPath = join(makeTempDir('cadans-heavy-'), 'cadans.sqlite');
    storage = openStorage(dbPath);
    clientId = storage.clients.create({ name: 'Sanne Jansen' }).id;
    sessionId = storeSimSession(storage, { clientId, startedAt: '2025-06-14T09:00:00.000Z', durationSec: 300, pacer: { rateBpm: 6, inhaleFraction: 0.4 } }).sessionId;
    worker = workerHeavyWork(dbPath, storage, { onFallback: (r) => assert.fail(`unexpected fallback: ${r}`) });
  });
  after(async () => {
    await worker.close();
    storage.close();
    removeTempDirs();
  });

  test('reports, exports and RR analysis: the worker gives what the main thread gives', async () => {
    for (const req of [{ kind: 'session', sessionId } as const, { kind: 'progress', clientId, locale: 'en' } as const]) {
      assert.deepEqual(await worker.report(req, 'nl', NOW), await inline().report(req, 'nl', NOW), JSON.stringify(req));
    }
    for (const format of ['csv', 'rr', 'json', 'edf'] as const) {
      assert.deepEqual(timeless(await worker.exportSession(sessionId, format)), timeless(await inline().exportSession(sessionId, format)), format);
    }
    const edf = await worker.exportSession(sessionId, 'edf');
    assert.ok(edf.data instanceof Uint8Array, 'EDF comes back as bytes');
    assert.equal(new TextDecoder().decode(edf.data.subarray(192, 197)), 'EDF+C');
    const text = rrText(600);
    assert.deepEqual(await worker.prepareRrImport(text, 'biofeedback'), await inline().prepareRrImport(text, 'biofeedback'));
    assert.deepEqual(await worker.prepareRrImport('geen getallen', 'biofeedback'), await inline().prepareRrImport('geen getallen', 'biofeedback'));
    // A HeartMath export (home practice): its scores and start come back from the worker too.
    const emwave = readFileSync(join(repoRoot, 'test', 'fixtures', 'heartmath', 'emwave-pro.txt'), 'latin1');
    const hm = await worker.prepareRrImport(emwave, 'home', 'emwave');
    assert.deepEqual(hm, await inline().prepareRrImport(emwave, 'home', 'emwave'));
    assert.ok(hm.ok && hm.heartMath?.coherence5s.length === 36 && hm.fileStartedAt !== null);
  });

  test('errors come back with their message', async () => {
    await assert.rejects(worker.report({ kind: 'session', sessionId: 4242 }, 'nl', NOW), /4242/);
    await assert.rejects(worker.exportSession(4242, 'csv'), /4242/);
  });

  test('a coded error keeps its code through the worker (shown in the user language, not as raw English)', async () => {
    const hidden = storage.clients.create({ name: 'Afgeschermd' }).id;
    storage.db.prepare("INSERT INTO withheld_clients (client_id, withheld_at) VALUES (?, '2026-12-04T10:00:00Z')").run(hidden);
    try {
      const req = { kind: 'progress', clientId: hidden } as const;
      const viaWorker = await worker.report(req, 'nl', NOW).catch((e: unknown) => e);
      const onMain = await inline().report(req, 'nl', NOW).catch((e: unknown) => e);
      assert.equal(codedMessage(onMain).code, 'client.withheld');
      assert.deepEqual(codedMessage(viaWorker), codedMessage(onMain));
      assert.equal(errorText('nl', viaWorker), errorText('nl', onMain));
    } finally {
      storage.db.prepare('DELETE FROM withheld_clients WHERE client_id = ?').run(hidden);
    }
  });

  test('closing: the calls it held and later calls are refused with a coded sentence', async () => {
    const closing = workerHeavyWork(dbPath, storage, { onFallback: (r) => assert.fail(`unexpected fallback: ${r}`) });
    const held = closing.report({ kind: 'session', sessionId }, 'nl', NOW).catch((e: unknown) => e);
    await closing.close();
    const whileClosing = codedMessage(await held);
    assert.deepEqual([whileClosing.code, whileClosing.params], ['work.closed', { closing: 'yes' }]);
    const afterwards = await closing.exportSession(sessionId, 'json').catch((e: unknown) => e);
    assert.equal(codedMessage(afterwards).code, 'work.closed');
    assert.equal(errorText('nl', afterwards), 'De Cadans-kern is afgesloten: de berekening is niet uitgevoerd.');
    assert.equal(errorText('en', afterwards), 'the app core is closed');
  });

  test('the worker sees what the main thread committed', async () => {
    const other = storage.clients.create({ name: 'Later Toegevoegd' }).id;
    const view = await worker.report({ kind: 'progress', clientId: other }, 'nl', NOW);
    assert.match(view.html, /Later Toegevoegd/);
  });

  test('a 50,000-interval RR import: the main thread keeps running, the stored summary is the re-analysis of the stored session', async () => {
    const records = new RecordCalls(storage, () => NOW, () => 'nl', undefined, worker);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const r = await records.importRrFile({ clientId, type: 'biofeedback', fileName: 'long.txt', text: rrText(50_000), startedAt: '2025-06-01T08:00:00.000Z' });
    clearInterval(timer);
    if (!r.ok) assert.fail(r.error);
    assert.equal(r.intervals, 50_000);
    // Not a timing assert: the analysis takes seconds, and the timers ran meanwhile.
    assert.ok(ticks >= 5, `the event loop was free during the import (${ticks} timer ticks)`);
    const stored = storage.sessions.require(r.session.sessionId).summary;
    assert.deepEqual(stored, JSON.parse(JSON.stringify(computeSessionSummary(storage, r.session.sessionId))));
  });

  test('a worker that cannot start: the calls run on the main thread', async () => {
    const reasons: string[] = [];
    const broken = workerHeavyWork(dbPath, storage, { workerUrl: new URL('data:text/javascript,throw new Error("broken")'), onFallback: (r) => reasons.push(r) });
    try {
      const req = { kind: 'session', sessionId } as const;
      // The first start fails the call it held; the second failure switches to the main thread.
      const first = await broken.report(req, 'nl', NOW).catch((e: Error) => e);
      if (first instanceof Error) assert.equal(codedMessage(first).code, 'work.stopped', first.message);
      const answer = first instanceof Error ? await broken.report(req, 'nl', NOW) : first;
      assert.deepEqual(answer, await inline().report(req, 'nl', NOW));
      assert.equal(reasons.length, 1);
      assert.match(reasons[0]!, /does not start/);
      assert.deepEqual(timeless(await broken.exportSession(sessionId, 'json')), timeless(await inline().exportSession(sessionId, 'json')));
    } finally {
      await broken.close();
    }
  });

  test('a worker that cannot open the database: reports and exports run on the main thread', async () => {
    const reasons: string[] = [];
    const noDb = workerHeavyWork(join(makeTempDir(), 'missing.sqlite'), storage, { onFallback: (r) => reasons.push(r) });
    try {
      assert.deepEqual(timeless(await noDb.exportSession(sessionId, 'json')), timeless(await inline().exportSession(sessionId, 'json')));
      assert.match(reasons[0] ?? '', /cannot open the database/);
      const text = rrText(300);
      assert.deepEqual(await noDb.prepareRrImport(text, 'breathing'), await inline().prepareRrImport(text, 'breathing'));
    } finally {
      await noDb.close();
    }
  });
});
