// CLI contracts of the records commands: record, clients, sessions, export (csv/rr/json read
// back), backup, restore, the database location, and bad input (one line, non-zero exit,
// nothing written). Runs the built CLI on real SQLite files in a temp folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readStoredSignal } from '../../../main/sessions/sessionSignal.js';
import { openStorage } from '../../../main/storage/storage.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { runCli, type CliRun } from '../../support/runCli.js';
import { makeForeignDatabase } from '../storage/storageTestUtils.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-records-cli-'));
const db = join(dir, 'records.sqlite');
const p = (name: string): string => join(dir, name);
after(() => rmSync(dir, { recursive: true, force: true }));

/** One line on stderr, nothing on stdout, the expected exit code. */
function assertOneLineError(run: CliRun, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${run.stderr}`);
  assert.match(lines[0], pattern);
}

const json = (run: CliRun): unknown => {
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1, 'one JSON document on one line');
  return JSON.parse(lines[0]);
};

interface RecordOut {
  sessionId: number;
  durationSec: number;
  samples: number;
  beats: number;
  meanHrBpm: number | null;
  status: string;
}
let first: RecordOut;

before(async () => {
  const run = await runCli([
    'record', '--sensor', 'sim:speed=100,seed=3', '--seconds', '90', '--client', 'Marie Jansen', '--pacer', '6:4-6', '--db', db, '--json',
  ]);
  first = json(run) as RecordOut;
});

describe('cadans record', () => {
  test('--json prints exactly {sessionId, durationSec, samples, beats, meanHrBpm, status}', () => {
    assert.deepEqual(Object.keys(first), ['sessionId', 'durationSec', 'samples', 'beats', 'meanHrBpm', 'status']);
    assert.equal(first.sessionId, 1);
    assert.equal(first.durationSec, 90);
    assert.equal(first.samples, 90 * 250);
    assert.ok(first.beats > 80 && first.beats < 130, `beats ${first.beats}`);
    assert.ok(first.meanHrBpm! > 55 && first.meanHrBpm! < 90, `HR ${first.meanHrBpm}`);
    assert.equal(first.status, 'complete');
    const s = openStorage(db, { readonly: true });
    try {
      const row = s.sessions.require(1);
      assert.equal(row.type, 'breathing');
      assert.deepEqual(row.pacer, { rateBpm: 6, inhaleFraction: 0.4 });
      assert.equal(row.summary!.meanHrBpm, first.meanHrBpm);
      // The simulated client breathes with the pacer: 6 breaths/min, the LF peak at 0.1 Hz.
      assert.ok(Math.abs((row.summary!.breathingRateBpm as number) - 6) < 0.5, `breathing ${row.summary!.breathingRateBpm}`);
      // LF needs 2 minutes: over 90 s it is withheld, with its reason, not stated.
      assert.equal(row.summary!.lfPeakHz, null);
      assert.deepEqual((row.summary!.hrvWithheld as Record<string, string>).lfPeakHz, 'too-short');
      assert.equal(s.clients.require(row.clientId).name, 'Marie Jansen');
    } finally {
      s.close();
    }
  });

  test('without --json: a readable summary; the default client is created', async () => {
    const run = await runCli(['record', '--sensor', 'sim:speed=100,seed=4', '--seconds', '15', '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Recorded session 2 for Anonymous/);
    assert.match(run.stdout, /15\.0 s, 3750 samples at 250 Hz/);
    assert.match(run.stdout, /heart rate +\d+\.\d bpm/);
  });

  test('the database: CADANS_DB, else the user-data folder (created)', async () => {
    const envDb = p('env.sqlite');
    const r1 = await runCli(['record', '--sensor', 'sim:speed=100', '--seconds', '11', '--json'], { env: { CADANS_DB: envDb } });
    assert.equal((json(r1) as RecordOut).samples, 11 * 250);
    assert.ok(existsSync(envDb));
    const home = p('home');
    const r2 = await runCli(['record', '--sensor', 'sim:speed=100', '--seconds', '11', '--json'], {
      env: { CADANS_DB: '', HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') },
    });
    assert.equal((json(r2) as RecordOut).sessionId, 1);
    assert.ok(existsSync(join(home, 'cfg', 'Cadans', 'cadans.sqlite')));
    const listed = json(await runCli(['sessions', '--json'], { env: { CADANS_DB: envDb } })) as unknown[];
    assert.equal(listed.length, 1);
  });
});

describe('cadans clients / sessions', () => {
  test('clients --json lists the clients with their session counts', async () => {
    const clients = json(await runCli(['clients', '--db', db, '--json'])) as { id: number; name: string; sessionCount: number }[];
    assert.deepEqual(
      clients.map((c) => [c.name, c.sessionCount]),
      [['Anonymous', 1], ['Marie Jansen', 1]],
    );
    const text = await runCli(['clients', '--db', db]);
    assert.match(text.stdout, /Marie Jansen +1/);
  });

  test('sessions --json: exactly {id, clientId, type, startedAt, durationSec, status, samples, beats}; --client filters', async () => {
    const rows = json(await runCli(['sessions', '--db', db, '--json'])) as Record<string, unknown>[];
    assert.equal(rows.length, 2);
    for (const r of rows) assert.deepEqual(Object.keys(r), ['id', 'clientId', 'type', 'startedAt', 'durationSec', 'status', 'samples', 'beats']);
    assert.deepEqual(rows.map((r) => [r.id, r.durationSec, r.samples, r.status]), [
      [1, 90, 22500, 'complete'],
      [2, 15, 3750, 'complete'],
    ]);
    assert.equal(rows[0].beats, first.beats);
    assert.ok(!Number.isNaN(Date.parse(rows[0].startedAt as string)));
    const marie = json(await runCli(['sessions', '--client', 'marie jansen', '--db', db, '--json'])) as { id: number }[];
    assert.deepEqual(marie.map((r) => r.id), [1]);
    const byId = json(await runCli(['sessions', '--client', String(rows[1].clientId), '--db', db, '--json'])) as { id: number }[];
    assert.deepEqual(byId.map((r) => r.id), [2]);
  });

  test("a stale 'recording' session is shown as interrupted; a live one is left alone", async () => {
    const file = p('stale.sqlite');
    const s = openStorage(file);
    const clientId = s.clients.create({ name: 'S' }).id;
    const stale = s.sessions.create({ clientId, type: 'breathing', startedAt: new Date(Date.now() - 3_600_000).toISOString() }).id;
    s.signal.appendChunk(stale, { t0Sec: 0, fsHz: 100, values: new Float32Array(100) });
    s.db.prepare("UPDATE sessions SET last_write_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(stale);
    const live = s.sessions.create({ clientId, type: 'breathing' }).id;
    s.signal.appendChunk(live, { t0Sec: 0, fsHz: 100, values: new Float32Array(100) });
    s.close();
    const rows = json(await runCli(['sessions', '--db', file, '--json'])) as { id: number; status: string }[];
    assert.deepEqual(rows.map((r) => [r.id, r.status]), [[stale, 'interrupted'], [live, 'recording']]);
  });
});

describe('cadans export', () => {
  test('csv: time,ppg rows = the stored samples; cadans analyze on it gives the recorded mean HR', async () => {
    const out = p('s1.csv');
    const run = await runCli(['export', '1', '--format', 'csv', '--out', out, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith('time,ppg\n0,'));
    const rec = parsePpgCsv(text);
    if ('error' in rec) return assert.fail(rec.error);
    const s = openStorage(db, { readonly: true });
    const stored = readStoredSignal(s, 1).flatMap((g) => Array.from(g.values));
    s.close();
    assert.equal(rec.fsHz, 250);
    assert.equal(rec.values.length, stored.length);
    assert.ok(rec.values.every((v, i) => Math.fround(v) === stored[i]));
    const viaStdout = await runCli(['export', '1', '--format', 'csv', '--db', db]);
    assert.equal(viaStdout.stdout, text);
    const analysed = json(await runCli(['analyze', out, '--json'])) as { hrv: { meanHrBpm: number }; nn: { ibiMs: number[] } };
    assert.equal(analysed.hrv.meanHrBpm, first.meanHrBpm);

    const rr = await runCli(['export', '1', '--format', 'rr', '--db', db]);
    assert.equal(rr.code, 0, rr.stderr);
    const lines = rr.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map(Number), analysed.nn.ibiMs.map((v) => Math.round(v * 10) / 10), 'rr = the NN intervals');
    for (const l of lines) assert.match(l, /^\d+(\.\d)?$/);
  });

  test('json: everything about the session parses back', async () => {
    const run = await runCli(['export', '1', '--format', 'json', '--db', db]);
    const j = json(run) as {
      session: { id: number; status: string; samples: number };
      client: { name: string };
      beats: { tSec: number[] };
      metrics: Record<string, { tSec: number[] }>;
      summary: { meanHrBpm: number };
      signal: { fsHz: number; values: number[] }[];
      pacerChanges: unknown[];
      markers: unknown[];
      gaps: unknown[];
    };
    assert.equal(j.session.id, 1);
    assert.equal(j.client.name, 'Marie Jansen');
    assert.equal(j.beats.tSec.length, first.beats);
    assert.ok(j.metrics.hr.tSec.length > 10);
    assert.equal(j.summary.meanHrBpm, first.meanHrBpm);
    assert.equal(j.signal[0].values.length, first.samples);
    for (const k of ['pacerChanges', 'markers', 'gaps'] as const) assert.ok(Array.isArray(j[k]));
  });
});

describe('cadans backup / restore', () => {
  test('backup, then restore into another database: the same sessions', async () => {
    const bak = p('backup.sqlite');
    const b = await runCli(['backup', '--out', bak, '--db', db]);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /^Backed up /);
    const target = p('restored.sqlite');
    const r = await runCli(['restore', bak, '--db', target]);
    assert.equal(r.code, 0, r.stderr);
    const a = json(await runCli(['sessions', '--db', db, '--json']));
    const c = json(await runCli(['sessions', '--db', target, '--json']));
    assert.deepEqual(c, a);
    // Restoring over an existing database keeps the old one aside.
    const again = await runCli(['restore', bak, '--db', target]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /previous database is kept as .*before-restore/);
  });
});

describe('bad input: one line, non-zero exit, nothing written', () => {
  test('export: unknown session, bad id, bad format, existing --out, missing database', async () => {
    const out = p('never.csv');
    assertOneLineError(await runCli(['export', '999', '--format', 'csv', '--out', out, '--db', db]), 1, /session 999 does not exist/i);
    assert.ok(!existsSync(out));
    assertOneLineError(await runCli(['export', '1x', '--format', 'csv', '--db', db]), 2, /session id/);
    assertOneLineError(await runCli(['export', '1', '--format', 'xml', '--db', db]), 2, /--format must be csv, rr, json, edf or zip/);
    const existing = p('existing.txt');
    writeFileSync(existing, 'keep me');
    assertOneLineError(await runCli(['export', '1', '--format', 'rr', '--out', existing, '--db', db]), 1, /already exists/);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    assertOneLineError(await runCli(['export', '1', '--format', 'csv', '--db', p('missing.sqlite')]), 1, /no Cadans database/);
    assert.ok(!existsSync(p('missing.sqlite')));
  });

  test('record: bad numbers, bad pacer, bad sensor, unknown client id — no database, client or session created', async () => {
    const fresh = p('fresh.sqlite');
    for (const [args, re] of [
      [['--seconds', 'abc'], /--seconds/],
      [['--seconds=-5'], /--seconds/],
      [['--seconds', '1e9'], /--seconds/],
      [['--pacer', '20'], /--pacer: .*rateBpm/],
      [['--pacer', '6:4'], /--pacer/],
    ] as [string[], RegExp][]) {
      assertOneLineError(await runCli(['record', '--sensor', 'sim:speed=100', ...args, '--db', fresh]), 2, re);
    }
    assertOneLineError(await runCli(['record', '--sensor', 'bogus:thing', '--db', fresh]), 2, /--sensor: .*unknown sensor/);
    assertOneLineError(await runCli(['record', '--sensor', 'sim:fs=5', '--db', fresh]), 2, /--sensor: .*fs/);
    assert.ok(!existsSync(fresh), 'no database file created');
    const before = json(await runCli(['sessions', '--db', db, '--json'])) as unknown[];
    assertOneLineError(await runCli(['record', '--sensor', 'sim:speed=100', '--client', '999', '--db', db]), 1, /client 999 does not exist/);
    assert.equal((json(await runCli(['sessions', '--db', db, '--json'])) as unknown[]).length, before.length);
  });

  test('a corrupt or foreign database is refused and left unchanged', async () => {
    const junk = p('junk.sqlite');
    writeFileSync(junk, 'this is not a database at all, just some text '.repeat(200));
    const junkBytes = readFileSync(junk);
    assertOneLineError(await runCli(['sessions', '--db', junk, '--json']), 1, /not a Cadans database|not an SQLite/);
    assertOneLineError(await runCli(['record', '--sensor', 'sim:speed=100', '--seconds', '5', '--db', junk]), 1, /not an SQLite/);
    assert.deepEqual(readFileSync(junk), junkBytes);
    const foreign = p('foreign.sqlite');
    makeForeignDatabase(foreign);
    const foreignBytes = readFileSync(foreign);
    assertOneLineError(await runCli(['clients', '--db', foreign]), 1, /another application/);
    assertOneLineError(await runCli(['export', '1', '--format', 'json', '--db', foreign]), 1, /another application/);
    assert.deepEqual(readFileSync(foreign), foreignBytes);
  });

  test('backup and restore refuse existing, truncated and foreign files', async () => {
    const bak = p('backup2.sqlite');
    assert.equal((await runCli(['backup', '--out', bak, '--db', db])).code, 0);
    assertOneLineError(await runCli(['backup', '--out', bak, '--db', db]), 1, /already exists/);
    assertOneLineError(await runCli(['backup', '--db', db]), 2, /--out FILE is required/);
    const cut = p('cut.sqlite');
    writeFileSync(cut, readFileSync(bak).subarray(0, 10_000));
    const dbBytes = readFileSync(db);
    assertOneLineError(await runCli(['restore', cut, '--db', db]), 1, /cut off|truncated|damaged/);
    assertOneLineError(await runCli(['restore', p('foreign.sqlite'), '--db', db]), 1, /another application/);
    assertOneLineError(await runCli(['restore', p('nothing-here.sqlite'), '--db', db]), 1, /does not exist/);
    assert.deepEqual(readFileSync(db), dbBytes, 'the current database is untouched');
  });
});
