// The record's audit trail as the app shows it, through the service and the contract's dispatcher
// (as the Electron IPC handlers and the web host call it): one client's access log (only theirs,
// newest first, paged, reading it logged), the chain check (intact / altered at entry n), the CSV
// export (content, escaping, logged), the change history field by field, a session's notes edited
// (history + access log, bad input refused in the user's terms) and the console lock refusing all
// of these.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchInvoke, LOCKED_CALLS_ALLOWED, type CadansService, type Reply } from '../../../shared/ipc/contract.js';
import type { AccessLogView, RecordHistoryView, SessionNotes } from '../../../shared/ipc/auditTypes.js';
import type { DownloadFile, SaveResult } from '../../../shared/ipc/recordTypes.js';
import { ACCESS_LOG_CSV_COLUMNS } from '../../../main/app/accessLogCsv.js';
import { accessEntryHash } from '../../../main/storage/accessLogRepo.js';
import { createTestApp, type TestApp } from '../../unit/app/fakeAppDevices.js';

const call = async <T>(app: TestApp, name: string, args: unknown[]): Promise<T> => {
  const r = (await dispatchInvoke(app.service as unknown as CadansService, name, args)) as Reply<T>;
  if (!r.ok) assert.fail(`${name} refused: ${r.error}`);
  return r.value;
};

/** Parse RFC 4180 CSV (quoted cells with doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('audit trail in the app (access log view, export, change history, session notes)', () => {
  let app: TestApp;
  let sanne: number;
  let piet: number;
  beforeEach(() => {
    app = createTestApp(50);
    sanne = app.service.createClient({ name: 'Sanne Jansen' }).id;
    piet = app.service.createClient({ name: 'Piet de Boer' }).id;
  });
  afterEach(async () => app.close());

  test("lists one client's entries only, newest first, paged; reading the log is itself logged", async () => {
    const s = app.service;
    s.getClient(sanne);
    s.getClient(piet);
    const g = s.createGoal({ clientId: sanne, text: 'Rustiger ademen bij stress', setDate: '2025-06-01' });
    assert.ok(g.ok, g.ok ? '' : g.message);
    s.getClient(piet);

    const v = await call<AccessLogView>(app, 'listAccessLog', [{ clientId: sanne }]);
    const mine = app.storage.accessLog.list(sanne);
    assert.equal(v.total, mine.length);
    assert.equal(v.total, 4, 'create, open, edit and the look at the log itself');
    assert.deepEqual(v.entries.map((e) => e.id), mine.map((e) => e.id).reverse(), 'newest first, only this client');
    assert.deepEqual(v.entries.map((e) => e.action), ['open', 'edit', 'open', 'create']);
    assert.equal(v.entries[0]!.detail, 'listAccessLog');
    assert.equal(v.entries[1]!.detail, 'createGoal');
    assert.ok(v.entries.every((e) => e.user.length > 0 && e.workstation.length > 0));
    assert.deepEqual(v.check, { ok: true, entries: app.storage.accessLog.list().length });

    // Paged by cursor: the next page continues below the last entry shown, though reading logged one more meanwhile.
    const p1 = await call<AccessLogView>(app, 'listAccessLog', [{ clientId: sanne, limit: 2 }]);
    const p2 = await call<AccessLogView>(app, 'listAccessLog', [{ clientId: sanne, beforeId: p1.entries[1]!.id, limit: 2 }]);
    assert.equal(p1.entries.length, 2);
    assert.equal(p2.total, 6);
    const all = app.storage.accessLog.list(sanne).map((e) => e.id).reverse();
    assert.deepEqual(p1.entries.map((e) => e.id), all.slice(1, 3), 'the newest two when it was read');
    assert.deepEqual(p2.entries.map((e) => e.id), all.slice(3, 5), 'then the two older ones, none twice');

    // Bad requests are refused before the core: a page too large, an unknown key, a non-id.
    for (const bad of [[{ clientId: sanne, limit: 1000 }], [{ clientId: sanne, user: 'x' }], [{ clientId: 0 }], [sanne]]) {
      const r = await dispatchInvoke(s as unknown as CadansService, 'listAccessLog', bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
    }
    // An unknown client: refused, nothing logged for it.
    const unknown = await dispatchInvoke(s as unknown as CadansService, 'listAccessLog', [{ clientId: 999 }]);
    assert.equal(unknown.ok, false);
    assert.deepEqual(app.storage.accessLog.list(999), []);
  });

  test('the chain check: intact, then "altered at entry n" after an entry was changed behind the app', async () => {
    app.service.getClient(sanne);
    const exportish = app.storage.accessLog.append({ action: 'export', clientId: sanne, detail: 'exportSession csv' });
    app.service.getClient(piet);
    assert.equal((await call<AccessLogView>(app, 'listAccessLog', [{ clientId: sanne }])).check.ok, true);

    // Someone with the file drops the guard and rewrites an export as an "open".
    app.storage.db.exec('DROP TRIGGER access_log_no_update');
    app.storage.db.prepare("UPDATE access_log SET action = 'open' WHERE id = ?").run(exportish.id);
    const v = await call<AccessLogView>(app, 'listAccessLog', [{ clientId: piet }]);
    assert.deepEqual(v.check, { ok: false, entries: app.storage.accessLog.list().length, brokenAtId: exportish.id });
  });

  test('export: the whole log of the client as CSV (oldest first, hashes that re-check), formula cells escaped, logged', async () => {
    app.service.getClient(sanne);
    app.storage.accessLog.append({ action: 'report', clientId: sanne, detail: '=HYPERLINK("x"), "quoted"' });
    app.service.getClient(piet);
    const file = await call<DownloadFile>(app, 'exportAccessLog', [sanne]);
    assert.equal(file.fileName, `cadans-toegangslog-client-${sanne}.csv`);
    assert.equal(file.mimeType, 'text/csv;charset=utf-8');
    assert.equal(typeof file.data, 'string');
    const text = file.data as string;
    assert.ok(text.startsWith('\ufeff'));
    const rows = parseCsv(text.slice(1));
    assert.deepEqual(rows[0], [...ACCESS_LOG_CSV_COLUMNS]);
    const log = app.storage.accessLog.list(sanne);
    assert.equal(rows.length - 1, log.length, 'one row per entry of this client, the export itself included');
    assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), log.map((e) => e.id));
    assert.ok(rows.slice(1).every((r) => r[3] === String(sanne)));
    assert.deepEqual(rows.slice(1).map((r) => r[2]), ['create', 'open', 'report', 'export']);
    assert.equal(rows[3]![7], `'=HYPERLINK("x"), "quoted"`, 'a formula is escaped, quotes and commas survive');
    assert.equal(rows[4]![7], 'exportAccessLog csv');
    // The hashes in the file are the chain's: the second row's hash is computed from its fields and prev_hash.
    const r = rows[2]!;
    assert.equal(accessEntryHash(r[8]!, { at: r[1]!, action: r[2] as never, clientId: Number(r[3]), sessionId: null, user: r[5]!, workstation: r[6]!, detail: r[7]! }), r[9]);

    app.service.setLocale('en');
    assert.equal((await call<DownloadFile>(app, 'exportAccessLog', [piet])).fileName, `cadans-access-log-client-${piet}.csv`);
  });

  test('change history: edits field by field and deletes with their content, newest first, only this client', async () => {
    const s = app.service;
    const q = s.createQuestionnaire({ clientId: sanne, instrument: '4dkl', moment: 'intake', date: '2025-05-01', scores: { distress: 12, depression: 3, anxiety: 5, somatisation: 10 } });
    assert.ok(q.ok);
    const other = s.createGoal({ clientId: piet, text: 'Beter slapen', setDate: '2025-06-01' });
    assert.ok(other.ok);
    s.updateGoal(other.value.id, { text: 'Beter doorslapen' });
    s.updateQuestionnaire(q.value.id, { scores: { distress: 8, depression: 3, anxiety: 5, somatisation: 10 } });
    s.deleteQuestionnaire(q.value.id);

    const h = await call<RecordHistoryView[]>(app, 'listRecordHistory', [sanne]);
    assert.deepEqual(h.map((e) => [e.action, e.record, e.recordId]), [
      ['delete', 'questionnaire', q.value.id],
      ['edit', 'questionnaire', q.value.id],
    ]);
    assert.deepEqual(h[1]!.changes, [{ field: 'scores.distress', before: 12, after: 8 }]);
    const deleted = Object.fromEntries(h[0]!.changes.map((c) => [c.field, c.before]));
    assert.equal(deleted.date, '2025-05-01');
    assert.ok(h[0]!.changes.every((c) => c.after === null));
    const pietH = await call<RecordHistoryView[]>(app, 'listRecordHistory', [piet]);
    assert.deepEqual(pietH.map((e) => e.changes), [[{ field: 'text', before: 'Beter slapen', after: 'Beter doorslapen' }]]);
  });

  test("a saved session's notes: edited with history and access log; too long refused by field; unknown session refused", async () => {
    const row = app.storage.sessions.create({ clientId: sanne, type: 'biofeedback', sensorSpec: 'sim', pacer: null });
    app.storage.sessions.setStatus(row.id, 'complete', new Date().toISOString());
    const first = await call<SaveResult<SessionNotes>>(app, 'updateSessionNotes', [row.id, 'Goed ontspannen']);
    assert.deepEqual(first, { ok: true, value: { id: row.id, notes: 'Goed ontspannen' } });
    const second = await call<SaveResult<SessionNotes>>(app, 'updateSessionNotes', [row.id, 'Goed ontspannen; hoofdpijn na afloop']);
    assert.ok(second.ok);
    assert.equal(app.storage.sessions.require(row.id).notes, 'Goed ontspannen; hoofdpijn na afloop');
    assert.equal(app.service.getSessionSummary(row.id).notes, 'Goed ontspannen; hoofdpijn na afloop');

    const h = await call<RecordHistoryView[]>(app, 'listRecordHistory', [sanne]);
    assert.deepEqual(h.map((e) => [e.record, e.sessionId, e.changes]), [
      ['sessionNotes', row.id, [{ field: 'notes', before: 'Goed ontspannen', after: 'Goed ontspannen; hoofdpijn na afloop' }]],
      ['sessionNotes', row.id, [{ field: 'notes', before: '', after: 'Goed ontspannen' }]],
    ]);
    const edits = app.storage.accessLog.list(sanne).filter((e) => e.action === 'edit');
    assert.deepEqual(edits.map((e) => [e.sessionId, e.detail]), [
      [row.id, `updateSessionNotes session #${row.id}: notes changed`],
      [row.id, `updateSessionNotes session #${row.id}: notes changed`],
    ]);
    // The same text again: no history entry (nothing changed).
    await call(app, 'updateSessionNotes', [row.id, 'Goed ontspannen; hoofdpijn na afloop']);
    assert.equal(app.storage.history.list({ record: 'sessionNotes', recordId: row.id }).length, 2);

    const long = await call<SaveResult<SessionNotes>>(app, 'updateSessionNotes', [row.id, 'x'.repeat(20_001)]);
    assert.ok(!long.ok && long.issues[0]!.field === 'notes', 'refused with the field named, nothing stored');
    assert.equal(app.storage.sessions.require(row.id).notes, 'Goed ontspannen; hoofdpijn na afloop');
    const notText = await dispatchInvoke(app.service as unknown as CadansService, 'updateSessionNotes', [row.id, 12]);
    assert.ok(!notText.ok && notText.issues?.[0]?.field);
    const unknown = await dispatchInvoke(app.service as unknown as CadansService, 'updateSessionNotes', [9999, 'x']);
    assert.equal(unknown.ok, false);
  });

  test('the console lock refuses the audit calls and the notes edit; they answer again once unlocked', async () => {
    const row = app.storage.sessions.create({ clientId: sanne, type: 'biofeedback', sensorSpec: 'sim', pacer: null });
    for (const name of ['listAccessLog', 'exportAccessLog', 'listRecordHistory', 'updateSessionNotes'] as const) assert.equal(LOCKED_CALLS_ALLOWED.has(name), false);
    app.service.lockConsole();
    const before = app.storage.accessLog.list().length;
    for (const [name, args] of [
      ['listAccessLog', [{ clientId: sanne }]],
      ['exportAccessLog', [sanne]],
      ['listRecordHistory', [sanne]],
      ['updateSessionNotes', [row.id, 'tijdens vergrendeling']],
    ] as const) {
      const r = await dispatchInvoke(app.service as unknown as CadansService, name, args);
      assert.equal(r.ok, false, `${name} refused while locked`);
      if (!r.ok) assert.equal(r.code, 'lock.locked');
    }
    assert.equal(app.storage.accessLog.list().length, before, 'nothing read, nothing logged');
    assert.equal(app.storage.sessions.require(row.id).notes, '');
    app.service.unlockConsole(null);
    assert.equal((await call<AccessLogView>(app, 'listAccessLog', [{ clientId: sanne }])).entries[0]!.detail, 'listAccessLog');
  });
});
