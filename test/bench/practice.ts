// Practice-mode benchmark (issue 17): a throw-away PostgreSQL server (test/support/pgTestServer.ts,
// loopback, fsync=off) and workstations that are local SQLite files, driven through the app's own
// calls (main/practice/practiceSync.ts, main/storage) and the `cadans practice push` CLI.
//
// 1. Scale: the server is filled with SQL (generate_series) exactly as the sync writes it —
//    `--clients` clients and `--sessions` complete sessions with a summary (no signal, beats or
//    metrics) from 20 workstations — then one workstation joins and pulls it all (pull throughput),
//    and a therapist's calls are timed on its local store through the contract calls the UI makes
//    (main/app/recordCalls.ts): listSessions of one client and getSessionSummary of one of them, for
//    `--probes` random clients, answer serialised to JSON included. Goal < 50 ms.
// 2. Sync throughput: a `--minutes` 500 Hz session (20 frames of 25 samples, beats and 4 metrics
//    per second, through the storage writer the recorder uses) pushed to an empty practice
//    database. Goal < 10 s on a LAN (here: loopback).
// 3. `--workstations` local stores, each with `--ws-sessions` sessions of `--ws-seconds` s at 500 Hz,
//    push at once (`node bin/cadans.js practice push` spawned in parallel); then every row is
//    checked to be on the server exactly once.
//
// Run: npm run bench:practice [-- --clients N --sessions N --probes N --minutes N --workstations N --ws-sessions N --ws-seconds N --keep]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { joinPractice, outboxSize, workstationId } from '../../main/practice/localSyncState.js';
import { initPractice, syncPractice } from '../../main/practice/practiceSync.js';
import { RecordCalls } from '../../main/app/recordCalls.js';
import type { SessionWriter } from '../../main/storage/sessionWriter.js';
import { openStorage, type Storage } from '../../main/storage/storage.js';
import { connectPractice, type PracticeConnection } from '../../native-adapters/pg/practiceConnection.js';
import { cliPath, repoRoot } from '../support/paths.js';
import { pgSkipReason, startPgTestServer } from '../support/pgTestServer.js';

const { values: opt } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    sessions: { type: 'string', default: '200000' },
    probes: { type: 'string', default: '200' },
    minutes: { type: 'string', default: '60' },
    workstations: { type: 'string', default: '10' },
    'ws-sessions': { type: 'string', default: '5' },
    'ws-seconds': { type: 'string', default: '120' },
    keep: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(opt.clients);
const SESSIONS = Number(opt.sessions);
const PROBES = Number(opt.probes);
const MINUTES = Number(opt.minutes);
const WORKSTATIONS = Number(opt.workstations);
const WS_SESSIONS = Number(opt['ws-sessions']);
const WS_SECONDS = Number(opt['ws-seconds']);
const SERVER_WORKSTATIONS = 20;
for (const [name, v] of Object.entries({ clients: CLIENTS, sessions: SESSIONS, probes: PROBES, minutes: MINUTES, workstations: WORKSTATIONS, 'ws-sessions': WS_SESSIONS, 'ws-seconds': WS_SECONDS })) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench:practice: --${name} must be a whole number of at least 1`);
    process.exit(2);
  }
}

let seed = 20261203;
const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const randInt = (n: number): number => Math.floor(rand() * n);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function stats(xs: number[]): { median: number; p95: number; max: number; n: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1], n: s.length };
}
function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1)) + ' ms';
const sec = (x: number): string => (x / 1000).toFixed(1) + ' s';
const int = (x: number): string => Math.round(x).toLocaleString('en');

type Row = [string, string, string, string];
const rows: Row[] = [];
const note = (what: string, value: string, extra = '', goal = ''): void => void rows.push([what, value, extra, goal]);

/** A fresh practice database `name` on the test server, with the server schema; its URL. */
async function practiceDb(admin: PracticeConnection, baseUrl: string, name: string): Promise<string> {
  await admin.query(`CREATE DATABASE ${name}`);
  const url = baseUrl.replace(/\/postgres$/, `/${name}`);
  await initPractice(url);
  return url;
}

/** 1. The server filled as 20 workstations' syncs would have written it. */
async function fillServer(url: string): Promise<void> {
  const conn = await connectPractice(url);
  try {
    const origins = `{${Array.from({ length: SERVER_WORKSTATIONS }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`).join(',')}}`;
    await conn.query(
      `INSERT INTO clients (uuid, name, date_of_birth, complaint, notes, created_at, origin)
       SELECT gen_random_uuid(), 'Cliënt ' || lpad(g::text, 5, '0'), (1940 + g % 60) || '-0' || (1 + g % 9) || '-1' || (g % 10),
              (ARRAY['burn-out', 'hyperventilatie', 'angst'])[1 + g % 3], '', '2023-01-01T08:00:00.000Z', ($1::text[])[1 + g % ${SERVER_WORKSTATIONS}]
       FROM generate_series(0, $2::int - 1) g`,
      [origins, CLIENTS],
    );
    // Session g belongs to client g mod CLIENTS; start times spread over two years.
    await conn.query(
      `WITH c AS (SELECT uuid, (row_number() OVER (ORDER BY seq) - 1)::int AS i FROM clients),
            s AS (SELECT g, timestamp '2023-01-01 08:00' + ((g::bigint * 7919) % 63072000) * interval '1 second' AS t FROM generate_series(0, $2::int - 1) g)
       INSERT INTO sessions (uuid, client_uuid, type, sensor_spec, sensor_info, pacer, started_at, ended_at, status, fs_hz, summary, notes, recorded_by, origin)
       SELECT gen_random_uuid(), c.uuid, 'biofeedback', 'sim', '{}', '{"rateBpm":6,"inhaleFraction":0.4}',
              to_char(s.t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(s.t + interval '20 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'complete', 500,
              format('{"meanHrBpm":%s,"rmssdMs":%s,"sdnnMs":%s,"coherenceMean":%s,"respRateBpm":%s}', 60 + g % 25, 20 + g % 50, 30 + g % 60, (g % 30) / 10.0, 5 + (g % 20) / 10.0),
              '', 'therapeut', ($1::text[])[1 + g % ${SERVER_WORKSTATIONS}]
       FROM s JOIN c ON c.i = s.g % $3::int ORDER BY s.g`,
      [origins, SESSIONS, CLIENTS],
    );
    await conn.query('ANALYZE');
  } finally {
    await conn.close();
  }
}

async function scale(baseUrl: string, admin: PracticeConnection, dir: string): Promise<void> {
  const url = await practiceDb(admin, baseUrl, 'bench_scale');
  const [, fillMs] = await timeAsync(() => fillServer(url));
  note(`server filled by SQL: ${int(CLIENTS)} clients, ${int(SESSIONS)} sessions with summary (no signal/beats) from ${SERVER_WORKSTATIONS} workstations`, sec(fillMs));
  const s = openStorage(join(dir, 'scale.sqlite'));
  try {
    const [r, pullMs] = await timeAsync(() => syncPractice(s.db, url));
    const got = r.pull.clients + r.pull.sessions;
    note(`one workstation joins and pulls it all (${int(r.pull.clients)} clients + ${int(r.pull.sessions)} sessions)`, sec(pullMs), `${int(got / (pullMs / 1000))} records/s`);
    // In practice mode `cadans clients` / `cadans sessions` sync before they list: with nothing new, that is the cost.
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await timeAsync(() => syncPractice(s.db, url)))[1]);
    const id = stats(idle);
    note(`sync with nothing new (what the CLI's listings do first in practice mode, n=${id.n})`, ms(id.median), `p95 ${ms(id.p95)}`);
    // The contract calls the UI makes (RecordCalls: listSessions, getSessionSummary, listClients),
    // each with its answer serialised as the IPC bridge / web host would.
    const calls = new RecordCalls(s, () => new Date());
    const call = <T>(fn: () => T): [T, number] => time(() => {
      const r = fn();
      JSON.stringify(r);
      return r;
    });
    const clientIds = s.db.prepare('SELECT id FROM clients').pluck().all() as number[];
    for (let i = 0; i < 20; i++) calls.listSessions(clientIds[randInt(clientIds.length)]); // warm-up
    const list: number[] = [];
    const open: number[] = [];
    let listed = 0;
    for (let i = 0; i < PROBES; i++) {
      const [items, t] = call(() => calls.listSessions(clientIds[randInt(clientIds.length)]));
      list.push(t);
      listed += items.length;
      open.push(call(() => calls.getSessionSummary(items[randInt(items.length)].id))[1]);
    }
    const l = stats(list);
    const o = stats(open);
    note(`list one client's sessions (listSessions, ~${Math.round(listed / PROBES)} rows, ${l.n} random clients)`, ms(l.median), `p95 ${ms(l.p95)}, max ${ms(l.max)}`, '< 50 ms');
    note(`open a session's summary (getSessionSummary, n=${o.n})`, ms(o.median), `p95 ${ms(o.p95)}, max ${ms(o.max)}`, '< 50 ms');
    const all = stats(Array.from({ length: 10 }, () => call(() => calls.listClients())[1]));
    note(`list all ${int(clientIds.length)} clients with session counts (listClients, n=${all.n})`, ms(all.median), `p95 ${ms(all.p95)}`);
  } finally {
    s.close();
  }
}

/** One second of a live 500 Hz recording: 20 frames of 25 samples, a beat or so, four metrics. */
function pushLiveSecond(w: SessionWriter, t: number): void {
  for (let f = 0; f < 20; f++) {
    const first = t * 500 + f * 25;
    const v = new Float32Array(25);
    for (let i = 0; i < 25; i++) v[i] = 2000 + 800 * Math.sin((2 * Math.PI * (first + i)) / 450) + 30 * rand();
    w.pushSamples({ t0Sec: first / 500, fsHz: 500, values: v });
  }
  w.pushBeat({ tSec: t + 0.3, ibiMs: 900 + 40 * rand(), quality: 0.95, flags: 0 });
  if (t % 9 === 0) w.pushBeat({ tSec: t + 0.95, ibiMs: 650, quality: 0.7, flags: 1 });
  for (const name of ['coherence', 'rmssd', 'resp_rate', 'hr']) w.pushMetric(name, t, rand() * 10);
}

/** Record a session of `seconds` s at 500 Hz through the storage writer (flushed once a second, as the recorder does). */
function recordSession(s: Storage, clientId: number, seconds: number): number {
  const id = s.sessions.create({ clientId, type: 'biofeedback', sensorSpec: 'sim', fsHz: 500 }).id;
  const w = s.writer(id, { backgroundCheckpoint: false });
  for (let t = 0; t < seconds; t++) {
    pushLiveSecond(w, t);
    w.flush();
  }
  w.finish('complete', { summary: { meanHrBpm: 66, rmssdMs: 40 } });
  return id;
}

async function throughput(baseUrl: string, admin: PracticeConnection, dir: string): Promise<void> {
  const url = await practiceDb(admin, baseUrl, 'bench_sync');
  const s = openStorage(join(dir, 'hour.sqlite'));
  try {
    joinPractice(s.db);
    const clientId = s.clients.create({ name: 'Uur Opname' }).id;
    const [id, recMs] = time(() => recordSession(s, clientId, MINUTES * 60));
    const waiting = outboxSize(s.db);
    const samples = s.sessions.require(id).samples;
    note(`recorded ${MINUTES} min at 500 Hz locally (writer, ${int(samples)} samples, ${int(waiting)} outbox entries)`, sec(recMs));
    const [r, pushMs] = await timeAsync(() => syncPractice(s.db, url));
    note(`push that session to the server (loopback, not a LAN; ${int(r.push.sent)} changes in ${r.push.batches} batches)`, sec(pushMs), `${int(r.push.sent / (pushMs / 1000))} changes/s, ${((samples * 4) / 1e6 / (pushMs / 1000)).toFixed(1)} MB/s of signal`, '< 10 s');
    const conn = await connectPractice(url);
    try {
      const n = await conn.query<{ n: string }>('SELECT coalesce(sum(n), 0)::text AS n FROM signal_chunks');
      note('  samples on the server afterwards', int(Number(n[0].n)), Number(n[0].n) === samples ? 'all of them' : `MISMATCH: local ${samples}`);
    } finally {
      await conn.close();
    }
  } finally {
    s.close();
  }
}

interface Local {
  file: string;
  ws: string;
  counts: Record<string, number>;
  perSession: Map<string, string>;
}

const CHECKED = ['clients', 'sessions', 'signal_chunks', 'beats', 'metric_points', 'access_log'] as const;

function localCounts(s: Storage): Local['counts'] {
  return Object.fromEntries(CHECKED.map((t) => [t, s.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

/** Per session: chunks, samples, beats, metric points — local and server side in the same form. */
const PER_SESSION_LOCAL = `SELECT s.uuid AS uuid,
  (SELECT count(*) || '/' || coalesce(sum(n), 0) FROM signal_chunks k WHERE k.session_id = s.id) || '/' ||
  (SELECT count(*) FROM beats b WHERE b.session_id = s.id) || '/' || (SELECT count(*) FROM metric_points m WHERE m.session_id = s.id) AS v FROM sessions s`;
const PER_SESSION_SERVER = `SELECT s.uuid::text AS uuid,
  (SELECT count(*) || '/' || coalesce(sum(n), 0) FROM signal_chunks k WHERE k.session_uuid = s.uuid) || '/' ||
  (SELECT count(*) FROM beats b WHERE b.session_uuid = s.uuid) || '/' || (SELECT count(*) FROM metric_points m WHERE m.session_uuid = s.uuid) AS v FROM sessions s`;

function runPush(file: string, url: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'practice', 'push', '--db', file, '--json'], {
      cwd: repoRoot,
      env: { ...process.env, CADANS_PRACTICE_DB: url, CADANS_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

async function concurrent(baseUrl: string, admin: PracticeConnection, dir: string): Promise<void> {
  const url = await practiceDb(admin, baseUrl, 'bench_ws');
  const locals: Local[] = [];
  const [, fillMs] = time(() => {
    for (let k = 0; k < WORKSTATIONS; k++) {
      const file = join(dir, `room${k + 1}.sqlite`);
      const s = openStorage(file);
      try {
        joinPractice(s.db);
        for (let j = 0; j < WS_SESSIONS; j++) {
          const clientId = s.clients.create({ name: `Kamer ${k + 1} cliënt ${j + 1}` }).id;
          recordSession(s, clientId, WS_SECONDS);
        }
        const perSession = new Map((s.db.prepare(PER_SESSION_LOCAL).all() as { uuid: string; v: string }[]).map((r) => [r.uuid, r.v]));
        locals.push({ file, ws: workstationId(s.db), counts: localCounts(s), perSession });
      } finally {
        s.close();
      }
    }
  });
  note(`${WORKSTATIONS} workstations each recorded ${WS_SESSIONS} sessions of ${WS_SECONDS} s at 500 Hz locally`, sec(fillMs));
  const t0 = performance.now();
  const runs = await Promise.all(locals.map((l) => runPush(l.file, url)));
  const wallMs = performance.now() - t0;
  let sent = 0;
  const failed = runs.filter((r) => r.code !== 0);
  for (const r of runs) if (r.code === 0) sent += (JSON.parse(r.stdout) as { sent: number }).sent;
  note(`${WORKSTATIONS} \`cadans practice push\` processes at once (${int(sent)} changes; pulls included)`, sec(wallMs), `${int(sent / (wallMs / 1000))} changes/s`);
  const each = stats(runs.map((r) => r.ms));
  note('  one process, start to exit (node start, push, pull of the others\' rows)', sec(each.median), `slowest ${sec(each.max)}`);
  if (failed.length > 0) note(`  FAILED pushes: ${failed.length}`, failed.map((r) => r.stderr.trim().split('\n').at(-1)).join(' | '));
  const conn = await connectPractice(url);
  try {
    const problems: string[] = [];
    for (const t of CHECKED) {
      const want = locals.reduce((a, l) => a + l.counts[t], 0);
      const got = Number((await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`))[0].n);
      if (got !== want) problems.push(`${t}: server ${got}, workstations ${want}`);
    }
    const server = new Map((await conn.query<{ uuid: string; v: string }>(PER_SESSION_SERVER)).map((r) => [r.uuid, r.v]));
    let same = 0;
    for (const l of locals) for (const [uuid, v] of l.perSession) if (server.get(uuid) === v) same++; else problems.push(`session ${uuid}: server ${server.get(uuid)}, local ${v}`);
    const origins = Number((await conn.query<{ n: string }>('SELECT count(DISTINCT origin)::text AS n FROM sessions'))[0].n);
    note(
      '  check: every row on the server exactly once',
      problems.length === 0 ? 'OK' : `${problems.length} PROBLEMS`,
      problems.length === 0
        ? `${CHECKED.join(', ')} counts equal the workstations' sums; ${same} sessions with equal chunks/samples/beats/metrics; ${origins} origins`
        : problems.slice(0, 5).join('; '),
    );
  } finally {
    await conn.close();
  }
}

async function main(): Promise<void> {
  const skip = pgSkipReason();
  if (skip) {
    console.log(`bench:practice skipped: ${skip}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cadans-bench-practice-'));
  const pg = await startPgTestServer();
  const admin = await connectPractice(pg.url);
  const t0 = performance.now();
  try {
    const version = (await admin.query<{ server_version: string }>('SHOW server_version'))[0].server_version;
    console.log(`Cadans practice-mode benchmark — Node ${process.version}, PostgreSQL ${version} on loopback (fsync=off), local SQLite files`);
    await scale(pg.url, admin, dir);
    await throughput(pg.url, admin, dir);
    await concurrent(pg.url, admin, dir);
  } finally {
    await admin.close();
    await pg.dispose();
    if (opt.keep) console.log(`kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['what', 'value', 'detail', 'goal'][i].length));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd();
  console.log(line(['what', 'value', 'detail', 'goal']));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`total ${sec(performance.now() - t0)}`);
}

await main();
