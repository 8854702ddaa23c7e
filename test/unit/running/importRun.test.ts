// A run stored as a 'run' session: status, times, sensor info, the 1-Hz HR/speed/cadence
// channels, the summary with blocks, HRR and the client's zones (resting HR from the last
// breathing session, HRmax from the date of birth); all in one transaction — a failure half-way
// leaves nothing; the access log says it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importRun, RUN_CHANNELS } from '../../../main/running/importRun.js';
import { parseRunBytes } from '../../../main/running/readRunFile.js';
import { ageYearsOn, clientZones } from '../../../main/running/runZones.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import type { RunSummary } from '../../../shared/running/runAnalysis.js';
import { RunFileError } from '../../../shared/running/runFileError.js';
import { fitFile, runProfile, START, WEEK1 } from '../../support/runFiles.js';

let dir = '';
let storage: Storage;
let clientId = 0;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadans-run-'));
  storage = openStorage(join(dir, 'db.sqlite'));
  clientId = storage.clients.create({ name: 'Loes Runner', dateOfBirth: '1986-05-01' }).id;
  // A breathing session before the run gives the resting HR; one after it must not.
  const b = storage.sessions.create({ clientId, type: 'breathing', startedAt: '2026-10-20T09:00:00.000Z' }).id;
  storage.sessions.setStatus(b, 'complete', '2026-10-20T09:10:00.000Z');
  storage.sessions.setSummary(b, { meanHrBpm: 64 });
  const later = storage.sessions.create({ clientId, type: 'breathing', startedAt: '2026-12-01T09:00:00.000Z' }).id;
  storage.sessions.setSummary(later, { meanHrBpm: 90 });
});

after(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importRun', () => {
  test('age on a date, and the zones from the record (rest 64 from the earlier breathing session, HRmax Tanaka at 40)', () => {
    assert.equal(ageYearsOn('1986-05-01', '2026-11-02T08:00:00Z'), 40);
    assert.equal(ageYearsOn('1986-12-01', '2026-11-02T08:00:00Z'), 39);
    assert.equal(ageYearsOn(null, '2026-11-02T08:00:00Z'), null);
    const z = clientZones(storage, clientId, START.toISOString())!;
    assert.equal(z.hrRestBpm, 64);
    assert.equal(z.hrMaxBpm, 180);
  });

  test('a FIT run becomes a complete run session with its channels and summary', () => {
    const track = parseRunBytes(fitFile(WEEK1), 'week1.fit', '.fit');
    const { sessionId, summary } = importRun(storage, clientId, track, '/somewhere/week1.fit');
    const s = storage.sessions.require(sessionId);
    assert.equal(s.type, 'run');
    assert.equal(s.status, 'complete');
    assert.equal(s.startedAt, START.toISOString());
    assert.equal(s.endedAt, new Date(START.getTime() + 1259 * 1000).toISOString());
    assert.equal(s.sensorSpec, 'import:fit');
    assert.deepEqual(s.sensorInfo, { file: 'week1.fit', format: 'fit', device: 'development 1' });
    assert.deepEqual(storage.signal.channels(sessionId), [RUN_CHANNELS.cadence, RUN_CHANNELS.hr, RUN_CHANNELS.speed].sort());
    const [hr] = storage.signal.read(sessionId, { channel: RUN_CHANNELS.hr });
    assert.equal(hr!.fsHz, 1);
    assert.equal(hr!.values.length, 1260);
    const model = runProfile(WEEK1);
    assert.deepEqual(Array.from(hr!.values.subarray(0, 50)), model.slice(0, 50).map((p) => p.hrBpm));
    const stored = s.summary as unknown as RunSummary;
    assert.deepEqual(stored, JSON.parse(JSON.stringify(summary)));
    assert.equal(stored.zones!.hrRestBpm, 64);
    assert.equal(stored.blocks.filter((b) => b.kind === 'run').length, 6);
    assert.ok(stored.blocks[0]!.meanHrBpm! < stored.blocks[stored.blocks.length - 2]!.meanHrBpm!, 'HR rises over the session');
    const log = storage.accessLog.list(clientId);
    assert.ok(log.some((e) => e.action === 'create' && e.sessionId === sessionId && e.detail === 'import-run fit'));
  });

  test('the same run imported again is refused (alreadyImported) and stores nothing', () => {
    const before = storage.sessions.listByClient(clientId).length;
    const track = parseRunBytes(fitFile(WEEK1), 'week1.fit', '.fit');
    const first = storage.sessions.listByClient(clientId).find((s) => s.type === 'run')!.id;
    assert.throws(() => importRun(storage, clientId, track, 'copy-of-week1.fit'), (e: unknown) => e instanceof RunFileError && e.problem === 'alreadyImported' && e.params.sessionId === first);
    assert.equal(storage.sessions.listByClient(clientId).length, before);
  });

  test('one transaction: a failure after the signal was written leaves no session, no signal, no log entry', () => {
    const before = storage.sessions.listByClient(clientId).length;
    const logBefore = storage.accessLog.list(clientId).length;
    const track = parseRunBytes(fitFile(WEEK1, { start: new Date('2026-11-05T08:00:00Z') }), 'thursday.fit', '.fit');
    const original = storage.sessions.setSummary.bind(storage.sessions);
    storage.sessions.setSummary = () => {
      throw new Error('disk trouble');
    };
    try {
      assert.throws(() => importRun(storage, clientId, track, 'week1.fit'), /disk trouble/);
    } finally {
      storage.sessions.setSummary = original;
    }
    assert.equal(storage.sessions.listByClient(clientId).length, before);
    assert.equal(storage.accessLog.list(clientId).length, logBefore);
    const orphan = storage.db.prepare('SELECT count(*) AS n FROM signal_chunks WHERE session_id NOT IN (SELECT id FROM sessions)').get() as { n: number };
    assert.equal(orphan.n, 0);
  });
});
