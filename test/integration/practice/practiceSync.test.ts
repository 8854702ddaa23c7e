// Practice mode (issue 17) end to end: a throw-away PostgreSQL server (test/support/pgTestServer.ts)
// and two workstations — separate local SQLite files, separate `cadans` processes. Records made on
// one appear on the other with every sample; a session recorded while the server is down reaches it
// after the restart; pushing twice duplicates nothing; a server killed mid-push loses nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { outboxSize } from '../../../main/practice/localSyncState.js';
import { recoverOnStartup } from '../../../main/sessions/startup.js';
import { openStorage } from '../../../main/storage/storage.js';
import { runCli } from '../../support/runCli.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../../support/pgTestServer.js';
import { startCli } from '../../support/cliProcess.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { PUSH_LOCK, SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from '../../../native-adapters/pg/serverMigrations.js';
import { clientRecord, cli, localCount, serverCounts, sessionCopy, sessionUuid } from './practiceWorkstations.js';

const skip = pgSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'cadans-practice-'));
const A = join(dir, 'room1.sqlite');
const B = join(dir, 'room2.sqlite');
let pg: PgTestServer;
let url: string;

before(async () => {
  if (skip) return;
  pg = await startPgTestServer();
  url = pg.url;
});
after(async () => {
  await pg?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface RecordOut {
  sessionId: number;
  samples: number;
  beats: number;
  status: string;
}

/** `cadans record` on a workstation; in practice mode it sends and receives once the session is stored (one line on stderr). */
async function record(db: string, client: string, seconds: number, seed: number, o: { more?: string[]; practice?: boolean; afterRecord?: RegExp } = {}): Promise<RecordOut> {
  const args = ['record', '--sensor', `sim:speed=100,seed=${seed}`, '--seconds', String(seconds), '--client', client, '--db', db, '--json', ...(o.more ?? [])];
  const r = await cli(o.practice === false ? '' : url, args);
  assert.equal(r.code, 0, r.stderr);
  if (o.afterRecord) assert.match(r.stderr, o.afterRecord);
  if (o.practice === false) assert.doesNotMatch(r.stderr, /practice database/);
  return JSON.parse(r.stdout) as RecordOut;
}

function json(r: { code: number | null; stdout: string; stderr: string }, code = 0): Record<string, unknown> {
  assert.equal(r.code, code, `exit code; stderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('practice mode on PostgreSQL', { skip: skip ?? false }, () => {
  test('before init: status says reachable with no schema; push refuses with what to do (nl/en)', async () => {
    const s = json(await cli(url, ['practice', 'status', '--db', A, '--json']));
    assert.equal(s.reachable, true);
    assert.equal(s.serverSchema, 0);
    assert.equal(s.outbox, 0);
    assert.equal(s.joined, false);
    const p = await cli(url, ['practice', 'push', '--db', A]);
    assert.equal(p.code, 1);
    assert.match(p.stderr, /not set up for Cadans yet .*run cadans practice init first/);
    const nl = await runNl(['practice', 'push', '--db', A]);
    assert.match(nl.stderr, /nog niet ingericht voor Cadans/);
  });

  test('init creates the schema once; a second init changes nothing', async () => {
    assert.deepEqual(json(await cli(url, ['practice', 'init', '--json'])), { from: 0, to: SERVER_SCHEMA_VERSION, applied: SERVER_MIGRATIONS.map((m) => m.version) });
    assert.deepEqual(json(await cli(url, ['practice', 'init', '--json'])), { from: SERVER_SCHEMA_VERSION, to: SERVER_SCHEMA_VERSION, applied: [] });
  });

  let first: string;
  test('a client and a session recorded on room 1 appear on room 2 with every sample and beat', async () => {
    const rec = await record(A, 'Anna de Vries', 30, 5, {
      more: ['--pacer', '6:4-6'],
      afterRecord: /^cadans record: practice database: (\d{2,}) changes sent, 0 records received from other workstations; 0 still waiting\.$/m,
    });
    assert.equal(rec.status, 'complete');
    first = sessionUuid(A, rec.sessionId);
    const pa = json(await cli(url, ['practice', 'push', '--db', A, '--json']));
    assert.deepEqual([pa.sent, pa.waiting], [0, 0], 'record sent it all');
    const pb = json(await cli(url, ['practice', 'push', '--db', B, '--json']));
    const received = pb.received as Record<string, number>;
    assert.equal(received.clients, 1);
    assert.equal(received.sessions, 1);
    const a = sessionCopy(A, first)!;
    const b = sessionCopy(B, first);
    assert.ok(b, 'the session is on room 2');
    assert.equal(b.session.samples, rec.samples);
    assert.equal(b.session.beats, rec.beats);
    assert.deepEqual(b, a);
    assert.ok(a.metrics.length > 0, 'metric points are part of what is compared');
    assert.equal(a.session.pacer, '{"rateBpm":6,"inhaleFraction":0.4}');
    const clientsB = json(await cli(url, ['clients', '--db', B, '--json'])) as unknown as { name: string; sessionCount: number }[];
    assert.deepEqual(clientsB.map((c) => [c.name, c.sessionCount]), [['Anna de Vries', 1]]);
  });

  test('pushing again from either room sends and duplicates nothing', async () => {
    const before = await serverCounts(url, first);
    for (const db of [A, B, A]) {
      const p = json(await cli(url, ['practice', 'push', '--db', db, '--json']));
      assert.equal(p.waiting, 0);
    }
    assert.deepEqual(await serverCounts(url, first), before);
    const logs = localCount(A, 'SELECT count(*) FROM access_log') + localCount(B, 'SELECT count(*) FROM access_log');
    assert.ok(logs > 0, 'recording was access-logged');
    assert.equal(before.access_log, logs, "the server keeps both workstations' access logs, each entry once");
    assert.equal(before.sessionSamples, localCount(A, 'SELECT samples FROM sessions WHERE uuid = ?', first));
    assert.equal(localCount(B, 'SELECT count(*) FROM signal_chunks'), localCount(A, 'SELECT count(*) FROM signal_chunks'));
  });

  test('a marker, a gap, a pacer change and a client edit made on room 1 reach room 2; a marker deleted on room 2 goes on room 1', async () => {
    const s = openStorage(A);
    let markerUuid: string;
    try {
      const sessionId = (s.db.prepare('SELECT id FROM sessions WHERE uuid = ?').get(first) as { id: number }).id;
      const m = s.markers.add(sessionId, { tSec: 12.5, kind: 'note', note: 'zuchtte diep' });
      s.gaps.add(sessionId, { startSec: 20, endSec: 21.5, reason: 'clip off' });
      s.pacerChanges.add(sessionId, 15, { rateBpm: 5.5, inhaleFraction: 0.4 });
      s.clients.update(s.sessions.require(sessionId).clientId, { complaint: 'hyperventilatie', nickname: 'Ans' });
      markerUuid = (s.db.prepare('SELECT uuid FROM markers WHERE id = ?').get(m.id) as { uuid: string }).uuid;
    } finally {
      s.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0);
    const pb = json(await cli(url, ['practice', 'push', '--db', B, '--json']));
    assert.deepEqual(pb.received, { ...(pb.received as object), clients: 1, markers: 1, gaps: 1, pacerChanges: 1, sessions: 0, signalChunks: 0, beats: 0 });
    assert.deepEqual(sessionCopy(B, first), sessionCopy(A, first));
    const clientsB = json(await cli(url, ['clients', '--db', B, '--json'])) as unknown as { complaint: string; nickname: string | null }[];
    assert.equal(clientsB[0]!.complaint, 'hyperventilatie');
    assert.equal(clientsB[0]!.nickname, 'Ans', 'the nickname travels with the client (pg migration 3)');
    const sb = openStorage(B);
    try {
      sb.markers.delete((sb.db.prepare('SELECT id FROM markers WHERE uuid = ?').get(markerUuid) as { id: number }).id);
    } finally {
      sb.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0);
    assert.equal(sessionCopy(A, first)!.markers.length, 0);
    assert.deepEqual(sessionCopy(B, first), sessionCopy(A, first));
  });

  /** The day the client-record entries below are made (dates are checked against it). */
  const NOW = new Date('2026-11-21T10:00:00Z');
  test("the client's record — course, goal, questionnaire, running log, prescription — made on room 2 reaches room 1; edits and deletions follow", async () => {
    const sb = openStorage(B);
    try {
      const client = sb.clients.findByName('Anna de Vries')[0]!;
      const course = sb.courses.create({ clientId: client.id, startDate: '2026-11-02', intakeDate: '2026-11-02', notes: 'traject na burn-out' }, NOW);
      sb.goals.create({ clientId: client.id, courseId: course.id, text: 'drie keer per week 20 min hardlopen', setDate: '2026-11-02', targetDate: '2027-01-15' }, NOW);
      sb.questionnaires.create({ clientId: client.id, courseId: course.id, instrument: 'nq', moment: 'intake', date: '2026-11-02', scores: { total: 31 } }, NOW);
      sb.runningLog.create({ clientId: client.id, courseId: course.id, date: '2026-11-05', continuousRunMin: 12, borg: 13, hrAvgBpm: 141, notes: 'rustig tempo' }, NOW);
      sb.prescriptions.create({ clientId: client.id, date: '2026-11-02', rateBpm: 6, ratio: '4:6', inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, minutes: 10, timesPerDay: 2, lang: 'nl' }, NOW);
      const sessionId = (sb.db.prepare('SELECT id FROM sessions WHERE uuid = ?').get(first) as { id: number }).id;
      sb.sessions.update(sessionId, { courseId: course.id });
    } finally {
      sb.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    const pa = json(await cli(url, ['practice', 'push', '--db', A, '--json']));
    assert.equal((pa.received as { records: number }).records, 5);
    const onA = clientRecord(A, 'Anna de Vries');
    assert.deepEqual(onA, clientRecord(B, 'Anna de Vries'));
    for (const t of ['courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions']) assert.equal(onA[t]!.length, 1, t);
    assert.match(onA.sessions![0]!, /"course_uuid":"[0-9a-f-]{36}"/, 'the session is in the course on room 1 too');
    // Edited and deleted on room 1, followed on room 2.
    const sa = openStorage(A);
    try {
      const goal = (sa.db.prepare('SELECT id FROM goals').get() as { id: number }).id;
      sa.goals.setStatus(goal, 'achieved', '2026-11-20', NOW);
      sa.questionnaires.delete((sa.db.prepare('SELECT id FROM questionnaire_scores').get() as { id: number }).id);
    } finally {
      sa.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0);
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    const onB = clientRecord(B, 'Anna de Vries');
    assert.deepEqual(onB, clientRecord(A, 'Anna de Vries'));
    assert.equal(onB.questionnaire_scores!.length, 0);
    assert.match(onB.goals![0]!, /"status":"achieved","set_date":"2026-11-02","target_date":"2027-01-15","closed_date":"2026-11-20"/);
  });

  test("a session pulled while still recording: marked interrupted on room 2 without sending that; a note from room 2 reaches room 1; the recorder's ending and summary win", async () => {
    const samples = (s: ReturnType<typeof openStorage>, id: number, t0Sec: number): void => {
      const w = s.writer(id, { backgroundCheckpoint: false });
      w.pushSamples({ t0Sec, fsHz: 100, values: Float32Array.from({ length: 200 }, (_, i) => Math.sin((t0Sec * 100 + i) / 10)) });
      w.flush();
    };
    const sa = openStorage(A);
    let live: { id: number; uuid: string };
    try {
      const client = sa.clients.findByName('Anna de Vries')[0]!;
      const id = sa.sessions.create({ clientId: client.id, type: 'biofeedback' }).id;
      samples(sa, id, 0);
      live = { id, uuid: (sa.db.prepare('SELECT uuid FROM sessions WHERE id = ?').get(id) as { uuid: string }).uuid };
    } finally {
      sa.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0);
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    assert.equal(sessionCopy(B, live.uuid)!.session.status, 'recording');
    const sb = openStorage(B);
    try {
      const id = (sb.db.prepare('SELECT id FROM sessions WHERE uuid = ?').get(live.uuid) as { id: number }).id;
      assert.deepEqual(recoverOnStartup(sb, { staleAfterSec: 0 }), [id], 'no recorder here: interrupted locally');
      assert.equal(sb.sessions.require(id).status, 'interrupted');
      assert.equal(outboxSize(sb.db), 0, 'and that is not sent');
      sb.sessions.update(id, { notes: 'ademde rustig' });
      assert.equal(outboxSize(sb.db), 1, "a therapist's note is");
    } finally {
      sb.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    const server = await connectPractice(url);
    try {
      const rows = await server.query('SELECT status, summary, ended_at, notes FROM sessions WHERE uuid = $1', [live.uuid]);
      assert.deepEqual(rows, [{ status: 'recording', summary: null, ended_at: null, notes: 'ademde rustig' }], "room 2's note, not its idea of the ending");
    } finally {
      await server.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0, 'room 1 takes in the note');
    const sa2 = openStorage(A);
    try {
      assert.equal(sa2.sessions.require(live.id).notes, 'ademde rustig');
      samples(sa2, live.id, 2);
      sa2.sessions.setStatus(live.id, 'complete');
      sa2.sessions.setSummary(live.id, { meanHrBpm: 70 });
    } finally {
      sa2.close();
    }
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0);
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    const b = sessionCopy(B, live.uuid)!;
    assert.equal(b.session.status, 'complete');
    assert.equal(b.session.samples, 400);
    assert.equal(b.session.summary, '{"meanHrBpm":70}');
    assert.equal(b.session.notes, 'ademde rustig');
    assert.deepEqual(b, sessionCopy(A, live.uuid), 'the same session on both, with the note from room 2');
  });

  test('a session recorded on room 2 while the server is down is kept, waits, and reaches room 1 after the restart', async () => {
    await pg.stop();
    const rec = await record(B, 'Anna de Vries', 20, 9, {
      afterRecord: /practice database: the practice database cannot be reached: the server refuses the connection — is it running.* \[technical: .*ECONNREFUSED.*\]; everything stays stored locally and is sent later; \d+ changes are still waiting to be sent/,
    });
    assert.equal(rec.status, 'complete');
    const uuid = sessionUuid(B, rec.sessionId);
    const down = await cli(url, ['practice', 'push', '--db', B]);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot be reached: the server refuses the connection.*changes are still waiting to be sent/);
    const st = json(await cli(url, ['practice', 'status', '--db', B, '--json']));
    assert.equal(st.reachable, false);
    assert.equal(st.problemReason, 'connection-refused');
    assert.match(String(st.problem), /ECONNREFUSED/, 'the technical detail is kept');
    assert.ok((st.outbox as number) > 20, `outbox ${String(st.outbox)}`);
    const nl = await runCli(['practice', 'status', '--db', B], { env: { CADANS_PRACTICE_DB: url, CADANS_LANG: 'nl' } });
    assert.equal(nl.code, 0, 'an unreachable server is a status, not an error');
    assert.match(nl.stdout, /^ {2}server {10}postgres:\/\/cadans@127\.0\.0\.1:\d+\/postgres — niet bereikbaar: de server weigert de verbinding — draait hij.+ \[technisch: .*ECONNREFUSED.*\]\n {2}wachtrij {8}(\d+) wijzigingen wachten op verzending\n {2}bijgewerkt op {3}20\d\d-/);
    await pg.start();
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    // Room 1 just lists its sessions: in practice mode that takes in what the others wrote first.
    const listing = await cli(url, ['sessions', '--db', A, '--json']);
    assert.match(listing.stderr, /^cadans sessions: practice database: 0 changes sent, \d+ records received from other workstations; 0 still waiting\.\n$/);
    const listed = (JSON.parse(listing.stdout) as { id: number; samples: number; status: string }[]).at(-1)!;
    assert.deepEqual([listed.samples, listed.status], [rec.samples, 'complete']);
    const a = sessionCopy(A, uuid);
    assert.ok(a, 'the session is on room 1');
    assert.equal(a.session.samples, rec.samples);
    assert.deepEqual(a, sessionCopy(B, uuid));
    // Recorded on room 2 for the client made on room 1: one client, two sessions, on both.
    for (const db of [A, B]) {
      const clients = json(await cli(url, ['clients', '--db', db, '--json'])) as unknown as { name: string; sessionCount: number }[];
      assert.deepEqual(clients.map((c) => [c.name, c.sessionCount]), [['Anna de Vries', 3]]);
    }
  });

  test('the server killed in the middle of a push loses nothing and duplicates nothing', async () => {
    const rec = await record(A, 'Bram Smit', 400, 11, { practice: false });
    const uuid = sessionUuid(A, rec.sessionId);
    const waiting = localCount(A, 'SELECT count(*) FROM sync_outbox');
    assert.ok(waiting > 800, `outbox ${waiting}`);
    // Deterministically in the middle: once 50 changes are committed, the test takes the push lock
    // itself, so the push waits inside its next batch; then the server is killed.
    const holder = await connectPractice(url);
    const push = startCli(['practice', 'push', '--db', A, '--batch', '25'], { CADANS_PRACTICE_DB: url, CADANS_LANG: 'en' });
    await push.waitForStderr(/^50 sent/m);
    await holder.query('SELECT pg_advisory_lock($1)', [PUSH_LOCK]);
    await pg.kill();
    await holder.close();
    const end = await push.exited;
    assert.equal(end.code, 1, push.stderr());
    const left = localCount(A, 'SELECT count(*) FROM sync_outbox');
    assert.ok(left > 0 && left < waiting, `still waiting ${left} of ${waiting}`);
    await pg.start();
    const partial = await serverCounts(url, uuid);
    assert.ok(partial.sessionChunks < 400, `chunks on the server before the resend: ${partial.sessionChunks}`);
    assert.equal(json(await cli(url, ['practice', 'push', '--db', A, '--json'])).waiting, 0);
    const full = await serverCounts(url, uuid);
    assert.equal(full.sessionSamples, rec.samples);
    assert.equal(full.sessionChunks, localCount(A, 'SELECT count(*) FROM signal_chunks k JOIN sessions s ON s.id = k.session_id WHERE s.uuid = ?', uuid));
    assert.equal(full.sessionBeats, rec.beats);
    assert.equal(full.sessions, 4);
    assert.equal(full.clients, 2);
    assert.equal(json(await cli(url, ['practice', 'push', '--db', B, '--json'])).waiting, 0);
    assert.deepEqual(sessionCopy(B, uuid), sessionCopy(A, uuid));
  });
});

describe('practice mode: bad or missing CADANS_PRACTICE_DB (no server needed)', () => {
  test('no URL, or not a PostgreSQL URL: one line in the user\'s language, exit 1, the local file untouched', async () => {
    const db = join(dir, 'lonely.sqlite');
    const none = await runCli(['practice', 'push', '--db', db], { env: { CADANS_PRACTICE_DB: '', CADANS_LANG: 'en' } });
    assert.equal(none.code, 1);
    assert.equal(none.stderr, 'cadans practice: no practice database set: set CADANS_PRACTICE_DB=postgres://user@host:port/database\n');
    const bad = await runCli(['practice', 'status', '--db', db], { env: { CADANS_PRACTICE_DB: 'mysql://root@db/cadans', CADANS_LANG: 'nl' } });
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, "cadans practice: CADANS_PRACTICE_DB is geen PostgreSQL-adres (postgres://gebruiker@host:poort/database): 'mysql://root@db/cadans'\n");
    const usage = await runCli(['practice', 'pull'], { env: { CADANS_LANG: 'en' } });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: cadans practice init\|status\|push/);
    assert.equal(existsSync(db), false, 'nothing was created');
  });
});

function runNl(args: string[]): ReturnType<typeof cli> {
  return runCli(args, { env: { CADANS_PRACTICE_DB: url, CADANS_LANG: 'nl' } });
}
