// SessionRecorder as a channel's recorder (a fake channel running the real LivePipeline) on real
// SQLite files: commit cadence, complete data, clock, trimming, interval sensors, failing commits,
// stored NN = the offline analysis's NN, and the summary = offline analysis.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SessionRecorder } from '../../../main/sessions/SessionRecorder.js';
import { readStoredSignal, storedBeatTimes } from '../../../main/sessions/sessionSignal.js';
import { summaryFromAnalysis } from '../../../main/sessions/sessionSummary.js';
import { recoverOnStartup } from '../../../main/sessions/startup.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { openDatabase, closeDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { BeatFlag } from '../../../shared/domain/beatFlags.js';
import { analyzeBeatTimes } from '../../../shared/dsp/analyzeIntervals.js';
import { analyzeChunks } from '../../../shared/dsp/analyzePpg.js';
import { PpgSimulator, simulateBeatTimes } from '../../../shared/sim/index.js';
import { FakeChannel, streamSim } from '../../support/fakeChannel.js';

const dirs: string[] = [];
const opened: Storage[] = [];
const tempDb = (name = 'rec.sqlite'): string => {
  const d = mkdtempSync(join(tmpdir(), 'cadans-recorder-'));
  dirs.push(d);
  return join(d, name);
};
after(() => {
  for (const s of opened) if (s.db.open) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(file = tempDb(), storage?: Storage): { storage: Storage; dm: FakeChannel; clientId: number; file: string } {
  const s = storage ?? openStorage(file);
  opened.push(s);
  const dm = new FakeChannel('ch1', 'sim:seed=7');
  const clientId = s.clients.create({ name: 'Test client' }).id;
  return { storage: s, dm, clientId, file };
}

describe('SessionRecorder with a streaming sensor', () => {
  test('commits at least once a second, stores everything, summary = analyzePpg on the stored signal', async () => {
    const { storage, dm, clientId, file } = setup();
    const rec = new SessionRecorder(storage, dm, {
      clientId,
      type: 'breathing',
      channel: 'ch1',
      pacer: { rateBpm: 6, inhaleFraction: 0.4 },
      writerOptions: { syncWal: false },
    });
    const row = rec.start();
    assert.equal(row.status, 'recording');
    assert.equal(row.sensorSpec, 'sim:seed=7');
    assert.equal(dm.recorder, rec, 'the recorder is the channel\'s recorder sink');
    assert.deepEqual(row.pacer, { rateBpm: 6, inhaleFraction: 0.4 });

    // Phase 1, real time: a second connection watches what is committed.
    const reader = openDatabase(file, { readonly: true });
    const spanStmt = reader.prepare('SELECT signal_end_sec FROM sessions WHERE id = ?').pluck();
    let emittedSec = 0;
    let worstLagSec = 0;
    const watch = setInterval(() => {
      const stored = (spanStmt.get(rec.sessionId) as number | null) ?? 0;
      worstLagSec = Math.max(worstLagSec, emittedSec - stored);
    }, 50);
    const part1 = await streamSim(dm, { seconds: 3, frameSec: 0.05, speed: 1, onFrame: (t) => (emittedSec = t) });
    clearInterval(watch);
    closeDatabase(reader);
    assert.ok(worstLagSec <= 1.0, `committed signal lagged ${worstLagSec.toFixed(2)} s behind the sensor`);
    assert.ok(rec.flushes >= 4, `only ${rec.flushes} commits in 3 s`);

    rec.addMarker(3, 'note', 'client yawns');
    rec.changePacer({ rateBpm: 5.5, inhaleFraction: 0.4 }, 3.5);
    // Phase 2, fast: enough signal for HRV and coherence.
    const part2 = await streamSim(dm, { seconds: 87, simulator: part1.simulator, t0Sec: 3 });
    const summary = await rec.stop();

    const sent = new Float32Array(part1.values.length + part2.values.length);
    sent.set(part1.values);
    sent.set(part2.values, part1.values.length);
    const segments = readStoredSignal(storage, rec.sessionId);
    assert.equal(segments.length, 1);
    const stored = segments[0]!;
    assert.equal(stored.t0Sec, 0);
    assert.equal(stored.fsHz, 250);
    assert.equal(stored.values.length, sent.length, 'every sample stored');
    assert.ok(stored.values.every((v, i) => v === sent[i]), 'samples stored bit-exact');

    const offline = analyzeChunks(segments);
    assert.deepEqual(summary, summaryFromAnalysis('analyzePpg', offline), 'summary = the offline analysis of the stored signal');
    assert.equal(storage.sessions.require(rec.sessionId).fsHz, 250);
    assert.ok(summary.meanHrBpm! > 50 && summary.meanHrBpm! < 90, `mean HR ${summary.meanHrBpm}`);
    assert.equal(summary.error, null);

    const s = storage.sessions.require(rec.sessionId);
    assert.equal(s.status, 'complete');
    assert.deepEqual(s.summary, summary);
    assert.ok(s.endedAt !== null);
    assert.equal(s.samples, sent.length);
    assert.equal(s.durationSec, 90);
    const full = storage.sessions.getFull(rec.sessionId);
    assert.deepEqual(full.markers.map((m) => [m.tSec, m.kind, m.note]), [[3, 'note', 'client yawns']]);
    assert.deepEqual(full.pacerChanges.map((p) => [p.tSec, p.settings.rateBpm]), [[3.5, 5.5]]);
    // The stored beats are the live pipeline's final ones: exactly the offline analysis's beats and
    // NN intervals (one engine), with the correction flags really set.
    const beats = full.beats;
    const raw = beats.filter((b) => !(b.flags & BeatFlag.interpolated));
    assert.equal(raw.length, offline.beats.tSec.length);
    raw.forEach((b, i) => assert.ok(Math.abs(b.tSec - offline.beats.tSec[i]!) < 1e-3, `beat ${i}`));
    const nn = beats.filter((b) => b.ibiMs !== null).map((b) => b.ibiMs!);
    assert.equal(nn.length, offline.nn.ibiMs.length);
    nn.forEach((v, i) => assert.ok(Math.abs(v - offline.nn.ibiMs[i]!) < 0.01, `NN ${i}: ${v} vs ${offline.nn.ibiMs[i]}`));
    const flagged = beats.filter((b) => b.flags & (BeatFlag.corrected | BeatFlag.extra | BeatFlag.interpolated | BeatFlag.rejected | BeatFlag.halfRate)).length;
    assert.equal(flagged > 0, offline.artifacts.corrected > 0, 'correction flags are stored where the correction acted');
    assert.ok(beats.every((b, i) => i === 0 || b.tSec > beats[i - 1].tSec));
    assert.ok(raw.every((b) => b.quality !== null && b.quality >= 0 && b.quality <= 1));
    for (const name of ['hr', 'rmssd', 'sdnn', 'coherence', 'resp_rate', 'quality', 'signal_quality']) {
      assert.ok(full.metrics[name] && full.metrics[name].tSec.length >= 80, `metric ${name}`);
    }
    const hr = full.metrics.hr.value.filter((v): v is number => v !== null);
    assert.ok(Math.abs(hr.reduce((a, b) => a + b, 0) / hr.length - summary.meanHrBpm!) < 5, 'live HR ≈ offline HR');
    assert.equal(dm.recorder, null, 'no longer the channel\'s recorder after stop');
    assert.deepEqual(await rec.stop(), summary, 'stop() again returns the same summary');
    storage.close();
  });

  test('the recording clock starts at the first sample; earlier gaps are cut; maxSec trims exactly', async () => {
    const { storage, dm, clientId } = setup();
    let limits = 0;
    const rec = new SessionRecorder(storage, dm, {
      clientId,
      type: 'biofeedback',
      channel: 'ch1',
      maxSec: 40,
      onLimit: () => limits++,
      writerOptions: { syncWal: false },
    });
    // The sensor has been streaming for 100 s before the recording starts (nobody records it).
    const warm = await streamSim(dm, { seconds: 100 });
    rec.start();
    dm.emitGap(90, 100.5, 'contact lost');
    await streamSim(dm, { seconds: 45, simulator: warm.simulator, t0Sec: 100 });
    dm.emitGap(120, 121, 'packet loss');
    await new Promise((r) => setImmediate(r));
    assert.equal(limits, 1);
    assert.equal(rec.clockOffsetSec, 100);
    await rec.stop();
    const full = storage.sessions.getFull(rec.sessionId);
    assert.equal(full.session.samples, 40 * 250, 'trimmed to maxSec exactly');
    assert.equal(full.session.durationSec, 40);
    assert.deepEqual(full.gaps.map((g) => [g.startSec, g.endSec, g.reason]), [
      [0, 0.5, 'contact lost'],
      [20, 21, 'packet loss'],
    ]);
    assert.ok(full.beats.length > 30 && full.beats.every((b) => b.tSec >= 0 && b.tSec < 40));
    assert.ok(full.metrics.hr.tSec.every((t) => t >= 0 && t <= 40));
    storage.close();
  });

  test('maxSec ends the signal as a pulse peaks: the stored beats are still the offline analysis of the stored signal', async () => {
    // An ear clip at 49.8 Hz. Find a session length whose last stored sample lies on a rising
    // pulse, so the offline analysis places the last beat just past the last sample (no interval).
    const fsHz = 49.8;
    const values = new PpgSimulator({ fsHz, seed: 5, hrBpm: 66 }).generate(Math.round(60 * fsHz));
    let maxSec = Number.NaN;
    for (let n = Math.round(30 * fsHz); n < values.length && Number.isNaN(maxSec); n++) {
      const beats = analyzeChunks([{ t0Sec: 0, fsHz, values: values.subarray(0, n) }]).beats.tSec;
      // maxSec keeps exactly n samples (sample n − 1 is before it, sample n is not).
      const cutSec = (n - 0.5) / fsHz;
      if (beats[beats.length - 1]! >= cutSec) maxSec = cutSec;
    }
    assert.ok(Number.isFinite(maxSec), 'a cut through a pulse peak');
    const { storage, dm, clientId } = setup();
    const rec = new SessionRecorder(storage, dm, { clientId, type: 'biofeedback', channel: 'ch1', maxSec, writerOptions: { syncWal: false } });
    rec.start();
    for (let i = 0; i < values.length; i += 5) dm.emitChunk(7.25 + i / fsHz, fsHz, values.subarray(i, i + 5));
    await rec.stop();
    const stored = readStoredSignal(storage, rec.sessionId);
    const offline = analyzeChunks(stored);
    const beats = storage.beats.list(rec.sessionId);
    const detected = beats.filter((b) => (b.flags & BeatFlag.interpolated) === 0).map((b) => b.tSec);
    assert.ok(offline.beats.tSec[offline.beats.tSec.length - 1]! >= maxSec, 'the offline analysis has a beat past the last sample');
    // (The offline result is rounded to 0.1 ms.)
    assert.equal(detected.length, offline.beats.tSec.length, 'as many stored beats as offline, the last one included');
    detected.forEach((t, i) => assert.ok(Math.abs(t - offline.beats.tSec[i]!) < 1e-4, `beat ${i}: ${t} vs ${offline.beats.tSec[i]}`));
    const nn = beats.filter((b) => b.ibiMs !== null).map((b) => b.ibiMs!);
    assert.equal(nn.length, offline.nn.ibiMs.length);
    nn.forEach((v, i) => assert.ok(Math.abs(v - offline.nn.ibiMs[i]!) < 0.01, `NN ${i}`));
    storage.close();
  });

  test('an interval sensor: beats from the sensor (flag fromSensor), summary = analyzeIntervals', async () => {
    const file = tempDb();
    const storage = openStorage(file);
    opened.push(storage);
    const dm = new FakeChannel('ch2', 'ble:Polar', { kind: 'ble', label: 'Polar H10', protocol: 'ble-hrs' });
    const clientId = storage.clients.create({ name: 'Strap' }).id;
    const rec = new SessionRecorder(storage, dm, { clientId, type: 'breathing', channel: 'ch2', writerOptions: { syncWal: false } });
    assert.equal(rec.start().fsHz, null);
    const truth = simulateBeatTimes({ seed: 3 }, 130);
    const ibi = Array.from(truth.ibiMs, (v) => Math.round(v));
    // Notifications once a second with the intervals that ended in that second.
    let t = 0; // channel clock
    let clock = 0;
    let batch: number[] = [];
    let first = true;
    for (const v of ibi) {
      clock += v / 1000;
      batch.push(v);
      if (clock >= t + 1) {
        dm.emitIntervals(batch, first ? 0 : Number.NaN, clock);
        first = false;
        batch = [];
        t = clock;
      }
    }
    const summary = await rec.stop();
    const beats = storage.beats.list(rec.sessionId);
    const sent = ibi.slice(0, ibi.length - batch.length);
    const raw = storedBeatTimes(storage, rec.sessionId);
    assert.equal(raw.length, sent.length + 1, 'an opening beat plus one beat per interval');
    assert.equal(raw[0], 0);
    assert.ok(beats.every((b) => (b.flags & BeatFlag.fromSensor) !== 0));
    assert.ok(Math.abs(raw[raw.length - 1]! - sent.reduce((a, b) => a + b, 0) / 1000) < 1e-6);
    const nn = beats.filter((b) => b.ibiMs !== null).map((b) => b.ibiMs!);
    assert.ok(nn.length >= sent.length - 2, 'clean intervals pass the correction');
    assert.equal(summary.method, 'analyzeIntervals');
    assert.deepEqual(summary, summaryFromAnalysis('analyzeIntervals', analyzeBeatTimes(raw, [], { fromSensor: true })));
    assert.ok(storage.metrics.names(rec.sessionId).includes('hr'), 'live metrics of the interval pipeline stored');
    storage.close();
  });

  test('a failed commit keeps the data and retries; stop() waits out a locked database', async () => {
    const file = tempDb();
    const storage = openStorage(file, { busyTimeoutMs: 20 });
    const { dm, clientId } = setup(file, storage);
    const errors: string[] = [];
    const rec = new SessionRecorder(storage, dm, {
      clientId,
      type: 'breathing',
      channel: 'ch1',
      flushEveryMs: 100,
      onFlushError: (e) => errors.push((e as Error & { code?: string }).code ?? e.message),
      writerOptions: { syncWal: false, backgroundCheckpoint: false },
    });
    rec.start();
    const sim = await streamSim(dm, { seconds: 2 });
    await new Promise((r) => setTimeout(r, 250));
    const committedBefore = storage.sessions.stats(rec.sessionId).samples;
    assert.equal(committedBefore, 500);

    // Another connection holds the write lock: commits fail, data stays buffered.
    const other = openDatabase(file);
    other.exec('BEGIN IMMEDIATE');
    const more = await streamSim(dm, { seconds: 2, simulator: sim.simulator, t0Sec: 2 });
    await new Promise((r) => setTimeout(r, 350));
    assert.ok(errors.length >= 2 && errors.every((c) => c.startsWith('SQLITE_BUSY')), `errors: ${errors.join(', ')}`);
    assert.ok(rec.consecutiveFailures >= 2);
    assert.equal(storage.sessions.stats(rec.sessionId).samples, 500, 'nothing half-written');

    // stop() while still locked: it retries until the lock goes away.
    setTimeout(() => other.exec('COMMIT'), 300);
    await rec.stop();
    closeDatabase(other);
    const stored = readStoredSignal(storage, rec.sessionId)[0]!;
    assert.equal(stored.values.length, 1000);
    assert.ok(stored.values.subarray(500).every((v, i) => v === more.values[i]), 'the buffered seconds were written after all');
    assert.equal(storage.sessions.require(rec.sessionId).status, 'complete');
    storage.close();
  });

  test('a live recording without data keeps refreshing its session, so other processes do not recover it', async () => {
    const { storage, dm, clientId, file } = setup();
    const rec = new SessionRecorder(storage, dm, { clientId, type: 'breathing', channel: 'ch1', writerOptions: { syncWal: false } });
    rec.start();
    const other = openStorage(file);
    opened.push(other);
    const stamp = (): string => other.db.prepare('SELECT last_write_at FROM sessions WHERE id = ?').pluck().get(rec.sessionId) as string;
    await new Promise((r) => setTimeout(r, 1600));
    const first = stamp();
    assert.ok(first && Date.now() - Date.parse(first) < 1200, `last write ${first}`);
    assert.deepEqual(recoverOnStartup(other, { staleAfterSec: 2 }), [], 'seen as live');
    await rec.stop('interrupted');
    assert.equal(other.sessions.require(rec.sessionId).status, 'interrupted');
  });

  test('bad input: invalid options, events from a misbehaving source, use before start', async () => {
    const { storage, dm, clientId } = setup();
    assert.throws(() => new SessionRecorder(storage, dm, { clientId, type: 'breathing', channel: 'ch1', flushEveryMs: 2000 }), /flushEveryMs/);
    assert.throws(
      () => new SessionRecorder(storage, dm, { clientId, type: 'breathing', channel: 'ch1', pacer: { rateBpm: 30, inhaleFraction: 0.5 } }),
      /rateBpm/,
    );
    assert.throws(() => new SessionRecorder(storage, dm, { clientId: 999, type: 'breathing', channel: 'ch1' }).start(), /999/);
    assert.equal(storage.sessions.list().length, 0, 'nothing written for a bad start');
    const rec = new SessionRecorder(storage, dm, { clientId, type: 'breathing', channel: 'ch1', writerOptions: { syncWal: false } });
    assert.throws(() => rec.addMarker(1, 'note'), /not started/);
    await assert.rejects(rec.stop(), /before start/);
    rec.start();
    dm.emitChunk(0, Number.NaN, new Float32Array(10), false);
    dm.emitChunk(0, 250, new Float32Array(250).fill(512), false);
    assert.equal(rec.droppedEvents, 1);
    assert.throws(() => rec.changePacer({ rateBpm: 6, inhaleFraction: 2 }, 1), /inhaleFraction/);
    assert.throws(() => rec.addMarker(NaN, 'note'), /finite/);
    const summary = await rec.stop();
    assert.equal(summary.method, 'none');
    assert.match(summary.error!, /at least 10 s/);
    assert.equal(storage.sessions.require(rec.sessionId).status, 'complete');
    assert.equal(storage.sessions.stats(rec.sessionId).samples, 250);
    storage.close();
  });
});
