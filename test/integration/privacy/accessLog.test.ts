// The access log (issue 12, NEN 7513 style): a walk through a client's record — recorded with
// `cadans record`, opened, reviewed, changed, exported and reported in the app core and the CLI —
// leaves one entry per access with time, action, client, session, OS user and workstation, in
// order, with no signal data; the log is append-only (UPDATE/DELETE refused by the database) and
// hash-chained (`cadans access-log --verify` finds an entry changed behind its back).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createAppCore } from '../../../main/app/appCore.js';
import type { AccessEntry } from '../../../main/storage/accessLogRepo.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-access-log-'));
const db = join(dir, 'records.sqlite');
after(() => rmSync(dir, { recursive: true, force: true }));

const ok = (r: { code: number | null; stderr: string }): void => assert.equal(r.code, 0, r.stderr);

describe('access log of a client record', () => {
  test('a walk through a record: every access logged in order, by whom and where, no signal data; append-only and hash-chained', async () => {
    ok(await runCli(['record', '--sensor', 'sim:speed=100,seed=2', '--seconds', '20', '--client', 'Anna de Vries', '--db', db, '--json']));
    ok(await runCli(['record', '--sensor', 'sim:speed=100,seed=4', '--seconds', '20', '--client', 'Bram Bakker', '--db', db, '--json']));
    // The therapist's workstation (the app core the desktop app and the web host run).
    const core = await createAppCore({ dbPath: db, host: 'web', sensorSpec: null, bleScanMs: 0, heavyWork: 'inline' });
    try {
      const s = core.service;
      const anna = s.listClients().find((c) => c.name === 'Anna de Vries')!;
      s.getClient(anna.id);
      const session = s.listSessions(anna.id)[0]!;
      s.getSessionReview(session.id);
      const upd = s.updateClient(anna.id, { complaint: 'spanningsklachten' });
      assert.equal(upd.ok, true);
      const bad = s.updateClient(anna.id, { name: '' });
      assert.equal(bad.ok, false, 'a refused change is not an access to log');
      await s.exportSession(session.id, 'rr');
      await s.getReportHtml({ kind: 'progress', clientId: anna.id });
    } finally {
      await core.close();
    }
    const sessionId = 1;
    ok(await runCli(['export', String(sessionId), '--format', 'csv', '--out', join(dir, 'anna.csv'), '--db', db]));
    ok(await runCli(['report', String(sessionId), '--out', join(dir, 'anna.html'), '--db', db]));

    const run = await runCli(['access-log', '--client', 'Anna de Vries', '--json', '--db', db]);
    ok(run);
    const log = JSON.parse(run.stdout) as AccessEntry[];
    assert.deepEqual(
      log.map((e) => `${e.action}:${e.sessionId ?? '-'}`),
      ['create:-', 'record:1', 'open:-', 'open:1', 'edit:-', 'export:1', 'report:-', 'export:1', 'report:1'],
      JSON.stringify(log.map((e) => [e.action, e.detail])),
    );
    const me = userInfo().username;
    for (const e of log) {
      assert.equal(e.clientId, 1);
      assert.equal(e.user, me);
      assert.equal(e.workstation, hostname());
      assert.ok(!Number.isNaN(Date.parse(e.at)));
      assert.ok(e.detail.length <= 200 && !/\d+\.\d+,\s*\d/.test(e.detail), `no signal data: ${e.detail}`);
    }
    for (let i = 1; i < log.length; i++) assert.ok(log[i]!.at >= log[i - 1]!.at && log[i]!.id > log[i - 1]!.id);
    // Bram's record was only created and recorded: his log holds that alone.
    const bram = JSON.parse((await runCli(['access-log', '--client', 'Bram Bakker', '--json', '--db', db])).stdout) as AccessEntry[];
    assert.deepEqual(bram.map((e) => e.action), ['create', 'record']);
    // Reading the log is not logged; the readable form names the actions.
    const text = await runCli(['access-log', '--db', db]);
    ok(text);
    assert.match(text.stdout, /export/);
    assert.equal(JSON.parse((await runCli(['access-log', '--json', '--db', db])).stdout).length, log.length + bram.length);

    const verified = await runCli(['access-log', '--verify', '--json', '--db', db]);
    ok(verified);
    assert.deepEqual(JSON.parse(verified.stdout), { ok: true, entries: log.length + bram.length });

    // Append-only: the database refuses to change or delete an entry.
    const exportId = log.find((e) => e.action === 'export')!.id;
    const raw = openDatabase(db);
    try {
      assert.throws(() => raw.prepare("UPDATE access_log SET action = 'open' WHERE id = ?").run(exportId), /append-only/);
      assert.throws(() => raw.prepare('DELETE FROM access_log WHERE id = ?').run(exportId), /append-only/);
      // Someone with the file drops the guard and rewrites an export as an "open": the chain shows it.
      raw.exec('DROP TRIGGER access_log_no_update');
      raw.prepare("UPDATE access_log SET action = 'open' WHERE id = ?").run(exportId);
    } finally {
      closeDatabase(raw);
    }
    const broken = await runCli(['access-log', '--verify', '--json', '--db', db]);
    assert.equal(broken.code, 1);
    assert.equal(JSON.parse(broken.stdout).brokenAtId, exportId);
  });
});
