// Repositories on a real SQLite file: clients, courses, goals, sessions with raw signal
// (bit-exact), beats, metrics, markers, gaps, pacer changes, questionnaires, running log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { BeatFlag, beatFlags } from '../../../shared/domain/beatFlags.js';
import { NotFoundError, ValidationError } from '../../../shared/domain/validationResult.js';
import { makeTempDir, removeTempDirs } from './storageTestUtils.js';

const NOW = new Date(2025, 5, 15, 12, 0, 0); // local noon, 15 June 2025
let s: Storage;

before(() => {
  s = openStorage(join(makeTempDir(), 'repos.db'));
});
after(() => {
  s.close();
  removeTempDirs();
});

function count(table: string): number {
  return s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('clients, courses, goals', () => {
  test('create, get, find by name (case-insensitive), search, update', () => {
    const a = s.clients.create({ name: '  Anna de Vries ', dateOfBirth: '1980-02-29', complaint: 'burn-out', referralSource: 'GP' }, NOW);
    assert.equal(a.name, 'Anna de Vries');
    assert.deepEqual(s.clients.get(a.id), a);
    assert.deepEqual(s.clients.findByName('anna DE vries').map((c) => c.id), [a.id]);
    assert.deepEqual(s.clients.findByName('Anna'), []);
    s.clients.create({ name: 'Bram 100%_x' }, NOW);
    assert.deepEqual(s.clients.search('100%_').map((c) => c.name), ['Bram 100%_x']);
    assert.deepEqual(s.clients.search('de vr').map((c) => c.id), [a.id]);
    const u = s.clients.update(a.id, { notes: 'prefers mornings' }, NOW);
    assert.equal(u.notes, 'prefers mornings');
    assert.equal(u.complaint, 'burn-out');
    assert.deepEqual(s.clients.get(a.id), u);
    assert.equal(s.clients.get(99999), undefined);
    assert.throws(() => s.clients.require(99999), (e: unknown) => e instanceof NotFoundError && e.message === 'Client 99999 does not exist.');
  });

  test('invalid clients are rejected with messages and nothing is written', () => {
    const n = count('clients');
    assert.throws(
      () => s.clients.create({ name: '   ', dateOfBirth: '2030-01-01' }, NOW),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.errors.includes('Name must not be empty.') &&
        e.errors.some((m) => m.startsWith('Date of birth cannot be in the future')),
    );
    assert.throws(() => s.clients.create({ name: 'X', dateOfBirth: '1980-02-30' }, NOW), /valid date/);
    assert.equal(count('clients'), n);
  });

  test('courses and goals belong to their client; evaluation dates stay in order', () => {
    const c = s.clients.create({ name: 'Carla' }, NOW);
    const other = s.clients.create({ name: 'Dirk' }, NOW);
    const course = s.courses.create({ clientId: c.id, startDate: '2025-05-01', intakeDate: '2025-05-01' }, NOW);
    assert.deepEqual(s.courses.listByClient(c.id), [course]);
    const upd = s.courses.update(course.id, { midEvaluationDate: '2025-06-10', finalEvaluationDate: '2025-07-20' });
    assert.equal(upd.finalEvaluationDate, '2025-07-20');
    assert.throws(() => s.courses.update(course.id, { finalEvaluationDate: '2025-06-01' }), /cannot be before Mid-evaluation date/);
    assert.equal(s.courses.get(course.id)?.finalEvaluationDate, '2025-07-20');
    assert.throws(() => s.courses.create({ clientId: 4242, startDate: '2025-01-01' }, NOW), /Client 4242 does not exist/);

    const g = s.goals.create({ clientId: c.id, courseId: course.id, text: 'Run 20 min without stopping', setDate: '2025-05-01', targetDate: '2025-07-01' }, NOW);
    assert.equal(g.status, 'open');
    assert.throws(
      () => s.goals.create({ clientId: other.id, courseId: course.id, text: 'x', setDate: '2025-05-01' }, NOW),
      /Course \d+ belongs to another client/,
    );
    const done = s.goals.setStatus(g.id, 'achieved', undefined, NOW);
    assert.equal(done.closedDate, '2025-06-15');
    assert.deepEqual(s.goals.listByCourse(course.id), [done]);
    assert.deepEqual(s.goals.listByClient(c.id), [done]);
    assert.throws(() => s.goals.setStatus(g.id, 'dropped', '2099-01-01', NOW), /cannot be in the future/);
    assert.equal(s.goals.setStatus(g.id, 'open', undefined, NOW).closedDate, null);
  });
});

describe('sessions with signal, beats and metrics', () => {
  test('samples read back bit-exact (including NaN payloads and -0), beats and metrics in order', () => {
    const client = s.clients.create({ name: 'Eva' }, NOW);
    const sess = s.sessions.create({ clientId: client.id, type: 'biofeedback', sensorSpec: 'sim', fsHz: 250, pacer: { bpm: 6, inhale: 4, exhale: 6 } });
    assert.equal(sess.status, 'recording');
    // Random 32-bit patterns: every float, NaNs with payloads, infinities, denormals.
    const bits = new Uint32Array(2500);
    let x = 987654321;
    for (let i = 0; i < bits.length; i++) bits[i] = x = (x * 1664525 + 1013904223) >>> 0;
    bits[0] = 0x7fc00001; // NaN with payload
    bits[1] = 0x80000000; // -0
    const values = new Float32Array(bits.buffer);
    for (let k = 0; k < 10; k++) {
      s.signal.appendChunk(sess.id, { t0Sec: 10 + k, fsHz: 250, values: values.subarray(k * 250, (k + 1) * 250) });
    }
    const segs = s.signal.read(sess.id);
    assert.equal(segs.length, 1);
    assert.equal(segs[0].t0Sec, 10);
    assert.equal(segs[0].fsHz, 250);
    assert.deepEqual(new Uint32Array(segs[0].values.buffer), bits);
    assert.equal(s.signal.totalSamples(sess.id), 2500);
    assert.deepEqual(s.signal.span(sess.id), { startSec: 10, endSec: 20 });

    const part = s.signal.read(sess.id, { fromSec: 12.5, toSec: 14.002 });
    assert.equal(part.length, 1);
    assert.equal(part[0].t0Sec, 12.5);
    assert.equal(part[0].values.length, 376); // 12.500 … 14.000 at 4 ms
    assert.deepEqual(new Uint32Array(part[0].values.slice().buffer), bits.slice(625, 1001));

    const beats = [
      { tSec: 10.8, ibiMs: 800, quality: 0.95 },
      { tSec: 11.7, ibiMs: 900, quality: 0.5, flags: beatFlags('corrected', 'ectopic') },
      { tSec: 12.5, ibiMs: null, quality: null, flags: BeatFlag.extra },
    ];
    assert.equal(s.beats.append(sess.id, beats), 3);
    assert.deepEqual(s.beats.list(sess.id), [
      { tSec: 10.8, ibiMs: 800, quality: 0.95, flags: 0 },
      { tSec: 11.7, ibiMs: 900, quality: 0.5, flags: 3 },
      { tSec: 12.5, ibiMs: null, quality: null, flags: 8 },
    ]);
    assert.deepEqual(s.beats.list(sess.id, 11, 12).map((b) => b.tSec), [11.7]);
    s.metrics.append(sess.id, [
      { name: 'coherence', tSec: 15, value: 1.5 },
      { name: 'coherence', tSec: 10, value: Number.NaN },
      { name: 'hr', tSec: 10, value: 72 },
    ]);
    assert.deepEqual(s.metrics.series(sess.id, 'coherence'), { tSec: [10, 15], value: [null, 1.5] });
    assert.deepEqual(s.metrics.names(sess.id), ['coherence', 'hr']);

    const st = s.sessions.stats(sess.id);
    assert.deepEqual(st, { samples: 2500, beats: 3, durationSec: 10, signalStartSec: 10, signalEndSec: 20 });
  });

  test('chunks with a gap or another rate read back as separate segments', () => {
    const client = s.clients.create({ name: 'Frank' }, NOW);
    const id = s.sessions.create({ clientId: client.id, type: 'breathing' }).id;
    const v = (n: number, start: number): Float32Array => Float32Array.from({ length: n }, (_, i) => start + i);
    s.signal.appendChunk(id, { t0Sec: 0, fsHz: 100, values: v(100, 0) });
    s.signal.appendChunk(id, { t0Sec: 1.004, fsHz: 100, values: v(100, 100) }); // within half a sample: contiguous
    s.signal.appendChunk(id, { t0Sec: 5, fsHz: 100, values: v(50, 200) }); // gap
    s.signal.appendChunk(id, { t0Sec: 5.5, fsHz: 50, values: v(25, 250) }); // other rate
    const segs = s.signal.read(id);
    assert.deepEqual(segs.map((g) => [g.t0Sec, g.fsHz, g.values.length, g.values[0]]), [
      [0, 100, 200, 0],
      [5, 100, 50, 200],
      [5.5, 50, 25, 250],
    ]);
    assert.throws(() => s.signal.appendChunk(id, { t0Sec: 0, fsHz: 100, values: new Float32Array(0) }), /at least one sample/);
    assert.throws(() => s.signal.appendChunk(id, { t0Sec: Number.NaN, fsHz: 100, values: v(1, 0) }), /t0Sec must be a finite number/);
    assert.throws(() => s.signal.appendChunk(id, { t0Sec: 0, fsHz: 10, values: v(601, 0) }), /at most 60 s/);
    assert.throws(() => s.signal.appendChunk(424242, { t0Sec: 0, fsHz: 10, values: v(1, 0) }), /Session 424242 does not exist/);
  });

  test('list a client\'s sessions (newest first) with durationSec, samples and beats counts', () => {
    const client = s.clients.create({ name: 'Gert' }, NOW);
    const mk = (startedAt: string): number => s.sessions.create({ clientId: client.id, type: 'breathing', startedAt }).id;
    const first = mk('2025-06-01T09:00:00.000Z');
    const second = mk('2025-06-08T09:00:00+02:00');
    const third = mk('2025-06-10T09:00:00.000Z');
    s.signal.appendChunk(first, { t0Sec: 0.5, fsHz: 50, values: new Float32Array(500) });
    s.signal.appendChunk(first, { t0Sec: 10.5, fsHz: 50, values: new Float32Array(100) });
    s.beats.append(second, [{ tSec: 2, ibiMs: 1000 }, { tSec: 3, ibiMs: 1000 }, { tSec: 4.1, ibiMs: 1100 }]);
    const list = s.sessions.listByClient(client.id);
    assert.deepEqual(list.map((r) => r.id), [third, second, first]);
    assert.equal(list[1].startedAt, '2025-06-08T07:00:00.000Z');
    const byId = new Map(list.map((r) => [r.id, r]));
    assert.deepEqual([byId.get(first)?.durationSec, byId.get(first)?.samples, byId.get(first)?.beats], [12, 600, 0]);
    // Interval-only session: from the start of the first interval (1 s) to the last beat (4.1 s).
    assert.ok(Math.abs((byId.get(second)?.durationSec ?? 0) - 3.1) < 1e-9);
    assert.deepEqual([byId.get(third)?.durationSec, byId.get(third)?.samples], [0, 0]);
    assert.deepEqual(s.sessions.listByClient(client.id, { order: 'oldest', limit: 2 }).map((r) => r.id), [first, second]);
    assert.deepEqual(s.sessions.listByClient(client.id, { limit: 1, offset: 1 }).map((r) => r.id), [second]);
    const clientRow = s.clients.list().find((c) => c.id === client.id);
    assert.equal(clientRow?.sessionCount, 3);
    assert.equal(clientRow?.lastSessionAt, '2025-06-10T09:00:00.000Z');
  });

  test('status, summary, markers, gaps, pacer changes and the full read for export', () => {
    const client = s.clients.create({ name: 'Hanna' }, NOW);
    const id = s.sessions.create({ clientId: client.id, type: 'resonance', pacer: { bpm: 6.5 } }).id;
    s.signal.appendChunk(id, { t0Sec: 0, fsHz: 10, values: Float32Array.of(1, 2, 3) });
    s.markers.add(id, { tSec: 30, kind: 'note', note: 'client yawns' });
    s.gaps.add(id, { startSec: 40, endSec: 42, reason: 'contact lost' });
    s.gaps.add(id, { startSec: 41, endSec: 43, reason: 'contact lost' });
    assert.equal(s.gaps.totalSec(id), 3);
    assert.throws(() => s.gaps.add(id, { startSec: 5, endSec: 4 }), /before startSec/);
    s.pacerChanges.add(id, 120, { bpm: 6 });
    s.sessions.setSummary(id, { rmssdMs: 42.5 });
    const done = s.sessions.setStatus(id, 'complete', undefined, NOW);
    assert.equal(done.status, 'complete');
    assert.equal(done.endedAt, NOW.toISOString());
    const full = s.sessions.getFull(id);
    assert.equal(full.client.name, 'Hanna');
    assert.deepEqual(full.session.summary, { rmssdMs: 42.5 });
    assert.deepEqual(full.session.pacer, { bpm: 6.5 });
    assert.deepEqual(full.markers.map((m) => m.note), ['client yawns']);
    assert.equal(full.gaps.length, 2);
    assert.deepEqual(full.pacerChanges.map((p) => [p.tSec, p.settings]), [[120, { bpm: 6 }]]);
    assert.deepEqual(Array.from(full.signal[0].values), [1, 2, 3]);
    assert.deepEqual(full.channels, ['ppg']);
    assert.throws(() => s.sessions.getFull(777777), (e: unknown) => e instanceof NotFoundError && /Session 777777 does not exist/.test(e.message));
    assert.throws(() => s.sessions.setStatus(777777, 'complete'), NotFoundError);
    assert.throws(() => s.sessions.setSummary(777777, {}), NotFoundError);
    assert.throws(() => s.markers.add(777777, { tSec: 1 }), NotFoundError);
    assert.throws(() => s.sessions.create({ clientId: 777777, type: 'breathing' }), /Client 777777 does not exist/);
    assert.throws(
      () => s.sessions.create({ clientId: client.id, type: 'yoga' as never }),
      (e: unknown) => e instanceof ValidationError && /Session type must be one of breathing, biofeedback, resonance, running/.test(e.message),
    );
  });
});

describe('questionnaires and running log', () => {
  test('valid entries are stored and listed by date', () => {
    const c = s.clients.create({ name: 'Ineke' }, NOW);
    const course = s.courses.create({ clientId: c.id, startDate: '2025-04-01' }, NOW);
    const e1 = s.questionnaires.create(
      { clientId: c.id, courseId: course.id, instrument: '4dkl', moment: 'intake', date: '2025-04-01', scores: { distress: 20, depression: 4, anxiety: 6, somatisation: 10 } },
      NOW,
    );
    s.questionnaires.create(
      { clientId: c.id, instrument: 'mvi', moment: 'week3', date: '2025-04-22', scores: { generalFatigue: 18, physicalFatigue: 14, reducedActivity: 12, reducedMotivation: 9, mentalFatigue: 16 } },
      NOW,
    );
    s.questionnaires.create({ clientId: c.id, instrument: 'nq', moment: 'week6', date: '2025-05-13', scores: { total: 31 } }, NOW);
    assert.deepEqual(s.questionnaires.get(e1.id), e1);
    assert.deepEqual(s.questionnaires.listByClient(c.id).map((e) => e.instrument), ['4dkl', 'mvi', 'nq']);
    assert.deepEqual(s.questionnaires.listByClient(c.id, { instrument: 'nq' }).map((e) => e.scores), [{ total: 31 }]);

    const r = s.runningLog.create(
      { clientId: c.id, date: '2025-06-01', intervals: [{ runMin: 2, walkMin: 1, reps: 5 }], continuousRunMin: 6, borg: 13, hrAvgBpm: 138, hrMaxBpm: 161 },
      NOW,
    );
    assert.deepEqual(s.runningLog.listByClient(c.id), [r]);
  });

  test('out-of-range questionnaire scores: clear errors and nothing written', () => {
    const c = s.clients.create({ name: 'Jan' }, NOW);
    const before = count('questionnaire_scores');
    assert.throws(
      () =>
        s.questionnaires.create(
          { clientId: c.id, instrument: '4dkl', moment: 'intake', date: '2025-04-01', scores: { distress: 33, depression: 4.5, anxiety: -1 } as never },
          NOW,
        ),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.errors, [
          '4DKL distress must be between 0 and 32 (got 33).',
          '4DKL depression must be a whole number (got 4.5).',
          '4DKL anxiety must be between 0 and 24 (got -1).',
          '4DKL somatisation is required.',
        ]);
        return true;
      },
    );
    assert.throws(
      () => s.questionnaires.create({ clientId: c.id, instrument: 'nq', moment: 'intake', date: '2099-01-01', scores: { total: 10 } }, NOW),
      /Date cannot be in the future/,
    );
    assert.throws(
      () => s.questionnaires.create({ clientId: 999999, instrument: 'nq', moment: 'intake', date: '2025-01-01', scores: { total: 10 } }, NOW),
      /Client 999999 does not exist/,
    );
    assert.equal(count('questionnaire_scores'), before);
  });

  test('out-of-range running log values: clear errors and nothing written', () => {
    const c = s.clients.create({ name: 'Kees' }, NOW);
    const before = count('running_log');
    assert.throws(
      () => s.runningLog.create({ clientId: c.id, date: '2025-06-01', borg: 21, hrAvgBpm: 250, continuousRunMin: -3 }, NOW),
      (e: unknown) => e instanceof ValidationError && e.errors.length === 3 && /Borg rating \(RPE\) must be between 6 and 20 \(got 21\)/.test(e.message),
    );
    assert.equal(count('running_log'), before);
  });
});
