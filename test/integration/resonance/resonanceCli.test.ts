// `cadans resonance` end to end: the simulator breathes with the device manager's pacer, the live
// analysis worker finds the beats, the assessment recommends a rate, and with --db it is stored
// as a session of type 'resonance' that gives the client's default pacer rate.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lastResonanceRate, storedResonance } from '../../../main/sessions/resonanceDefaults.js';
import { openStorage } from '../../../main/storage/storage.js';
import { runCli } from '../../support/runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'cadans-resonance-'));

describe('cadans resonance', () => {
  test('--sensor sim:resonance=5.5,speed=40 --step-seconds 60 --json --db --client: recommends ≈ 5.5 and stores the session', async () => {
    const db = join(tmp, 'records.db');
    const run = await runCli(
      ['resonance', '--sensor', 'sim:resonance=5.5,speed=40', '--step-seconds', '60', '--json', '--db', db, '--client', 'Ria Jansen'],
      { timeoutMs: 45_000 },
    );
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'exactly one JSON object on stdout');
    const r = JSON.parse(lines[0]!);
    assert.equal(r.kind, 'stepped');
    assert.equal(r.status, 'complete');
    assert.deepEqual(
      r.steps.map((s: { rateBpm: number }) => s.rateBpm),
      [6.5, 6, 5.5, 5, 4.5],
    );
    assert.equal(r.settings.protocol.stepSec, 60);
    for (const s of r.steps) {
      // (Both ends are rounded to the millisecond from wherever the run started: 60 s can come out
      // as 59.999999999999986 in floating point.)
      assert.ok(s.endSec - s.startSec >= 60 - 1e-6, `step ${s.rateBpm} lasts ${s.endSec - s.startSec} s`);
      assert.ok(s.reliable, `step ${s.rateBpm} reliable`);
      assert.ok(s.beats > 20, `step ${s.rateBpm}: ${s.beats} beats`);
      assert.equal(typeof s.hrLagDeg, 'number');
      assert.equal(typeof s.lfPowerMs2, 'number');
    }
    const rec = r.recommendation;
    assert.ok(rec.rateBpm !== null && Math.abs(rec.rateBpm - 5.5) <= 0.5, `recommended ${rec.rateBpm}: ${rec.reason.en}`);
    assert.equal(rec.ranking.length, 5);
    assert.equal(rec.ranking[0].rateBpm, rec.rateBpm);
    assert.equal(typeof rec.reason.en, 'string');
    assert.equal(typeof rec.reason.nl, 'string');
    assert.ok(Array.isArray(rec.flags));
    assert.match(run.stderr, /step 5\/5: 4\.5 breaths\/min/);

    assert.equal(typeof r.sessionId, 'number');
    const storage = openStorage(db);
    try {
      const s = storage.sessions.require(r.sessionId);
      assert.equal(s.type, 'resonance');
      assert.equal(s.status, 'complete');
      assert.ok(s.durationSec > 300, `stored ${s.durationSec} s`);
      const stored = storedResonance(s);
      assert.ok(stored);
      assert.equal(stored.recommendation.rateBpm, rec.rateBpm);
      assert.equal(storage.pacerChanges.list(s.id).length, 4);
      assert.deepEqual(
        storage.pacerChanges.list(s.id).map((p) => p.settings.rateBpm),
        [6, 5.5, 5, 4.5],
      );
      assert.equal(storage.markers.list(s.id).filter((m) => m.kind === 'phase').length, 5);
      const client = storage.clients.findByName('Ria Jansen')[0]!;
      assert.equal(client.id, s.clientId);
      const last = lastResonanceRate(storage, client.id);
      assert.deepEqual(last && { rateBpm: last.rateBpm, source: last.source, sessionId: last.sessionId }, {
        rateBpm: rec.rateBpm,
        source: 'recommendation',
        sessionId: s.id,
      });
    } finally {
      storage.close();
    }
  });

  test('two custom steps with a rest, readable table (no --json, nothing stored)', async () => {
    const run = await runCli(
      ['resonance', '--sensor', 'sim:resonance=6,speed=80', '--steps', '6,5', '--step-seconds', '70', '--rest-seconds', '20', '--ratio', '5-5'],
      { timeoutMs: 30_000 },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /rest before step 2\/2 \(breathe freely\)/);
    assert.match(run.stdout, /stepped protocol/);
    assert.match(run.stdout, /^\s+6\.0\s/m);
    assert.match(run.stdout, /^\s+5\.0\s/m);
    assert.match(run.stdout, /Recommended rate: (6\.0|5\.0) breaths\/min/);
    assert.doesNotMatch(run.stdout, /Stored as session/);
    assert.throws(() => JSON.parse(run.stdout));
  });

  test('bad arguments exit 2 with a one-line reason, before any sensor or database is opened', async () => {
    const cases: [string[], RegExp][] = [
      [['--steps', '6,x'], /--steps must be breathing rates/],
      [['--step-seconds', '20'], /leave .* to analyse/],
      [['--steps', '6,14'], /step 2: rateBpm must be between 3 and 12/],
      [['--sliding', '--steps', '6,5'], /--sliding runs the fixed/],
      [['--ratio', '4/6'], /--ratio must be inhale-exhale/],
      [['--lang', 'de'], /--lang must be en or nl/],
    ];
    for (const [extra, message] of cases) {
      const run = await runCli(['resonance', '--sensor', 'sim:speed=40', ...extra, '--db', join(tmp, 'never.db')]);
      assert.equal(run.code, 2, `${extra.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
    assert.ok(!existsSync(join(tmp, 'never.db')), 'no database was created');
    const noSensor = await runCli(['resonance']);
    assert.equal(noSensor.code, 2);
    assert.match(noSensor.stderr, /--sensor <spec> is required/);
    const badSensor = await runCli(['resonance', '--sensor', 'sim:nonsense=1']);
    assert.equal(badSensor.code, 2);
    assert.match(badSensor.stderr, /unknown simulator key/);
  });
});
