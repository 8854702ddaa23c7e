import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PpgPeakDetector, ppgFindPeaks, type BeatEvent, type DetectedBeat } from '../../../shared/dsp/ppgFindPeaks.js';
import { simulatePpg } from '../../../shared/sim/index.js';
import { loadRecording } from '../../support/loadRecording.js';

/** Stream in random chunks; stamp every event with the signal time of the last sample pushed. */
function stream(values: Float32Array, fs: number, maxChunk: number, seed: number): { beats: DetectedBeat[]; events: BeatEvent[]; at: number[] } {
  const det = new PpgPeakDetector(fs);
  const beats: DetectedBeat[] = [];
  const events: BeatEvent[] = [];
  const at: number[] = [];
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  let i = 0;
  while (i < values.length) {
    const n = 1 + Math.floor(rnd() * maxChunk);
    const e0 = events.length;
    det.push(values.subarray(i, i + n), beats, events);
    i += n;
    for (let k = e0; k < events.length; k++) at.push(Math.min(i, values.length) / fs);
  }
  const e0 = events.length;
  det.flush(beats, events);
  for (let k = e0; k < events.length; k++) at.push(values.length / fs);
  return { beats, events, at };
}

describe('PpgPeakDetector provisional beats', () => {
  test('each beat is shown provisionally within 350 ms (p95) of its peak; revisions < 1 %; finals unchanged', () => {
    const fs = 100;
    const sim = simulatePpg({ fsHz: fs, seed: 4, noise: 0.03, hrBpm: 80 }, 240);
    const { beats, events, at } = stream(sim.values, fs, 1, 1);
    assert.deepEqual(beats.map((b) => b.tSec), ppgFindPeaks(sim.values, fs).beats.map((b) => b.tSec), 'final beats equal the offline ones');
    const provAt = new Map<number, number>();
    events.forEach((e, k) => e.type === 'provisional' && provAt.set(e.id, at[k]!));
    const lat: number[] = [];
    for (const b of beats) if (b.provisionalId !== null) lat.push(provAt.get(b.provisionalId)! - b.tSec);
    lat.sort((a, b) => a - b);
    assert.ok(lat.length >= 0.95 * beats.length, `${lat.length} of ${beats.length} beats shown provisionally`);
    assert.ok(lat[lat.length >> 1]! <= 0.25, `median latency ${lat[lat.length >> 1]}`);
    assert.ok(lat[Math.floor(0.95 * lat.length)]! <= 0.35, `p95 latency ${lat[Math.floor(0.95 * lat.length)]}`);
    assert.ok(lat[0]! > 0, 'no provisional beat before its peak was in the signal');
    const revisions = events.filter((e) => e.type === 'revise').length;
    assert.ok(revisions < 0.01 * beats.length, `${revisions} revisions for ${beats.length} beats`);
  });

  test('events are the same for any chunking; every provisional beat is confirmed or revised by the end', () => {
    const fs = 250;
    const sim = simulatePpg({ fsHz: fs, seed: 21, noise: 0.03, ectopicPerMin: 2, motionPerMin: 1 }, 120);
    const ref = stream(sim.values, fs, 1, 3);
    for (const maxChunk of [7, 64, 1000]) {
      const r = stream(sim.values, fs, maxChunk, maxChunk);
      assert.deepEqual(r.events, ref.events, `chunks up to ${maxChunk}`);
      assert.deepEqual(r.beats, ref.beats);
    }
    // One `final` event per final beat, in order, naming the provisional beat it confirms.
    const finals = ref.events.flatMap((e) => (e.type === 'final' ? [e] : []));
    assert.deepEqual(
      finals.map((e) => [e.tSec, e.provisionalId]),
      ref.beats.map((b) => [b.tSec, b.provisionalId]),
    );
    // A revision of a provisional beat comes before the final event that confirms it.
    ref.events.forEach((e, k) => {
      if (e.type !== 'revise' || e.newTSec === null) return;
      const fk = ref.events.findIndex((f) => f.type === 'final' && f.provisionalId === e.id);
      assert.ok(fk > k, `the move of ${e.id} precedes its final event`);
    });
    const confirmed = new Set(ref.beats.map((b) => b.provisionalId).filter((id) => id !== null));
    const withdrawn = new Set(ref.events.flatMap((e) => (e.type === 'revise' && e.newTSec === null ? [e.id] : [])));
    for (const e of ref.events) if (e.type === 'provisional') assert.ok(confirmed.has(e.id) !== withdrawn.has(e.id), `provisional ${e.id} settled once`);
    // A move is reported only beyond the tolerance, and then names the final time.
    for (const e of ref.events) {
      if (e.type !== 'revise' || e.newTSec === null) continue;
      const b = ref.beats.find((x) => x.provisionalId === e.id)!;
      assert.equal(e.newTSec, b.tSec);
    }
  });

  test("HeartPy's example (diastolic wave 65 % of the systolic one): the start-up beats do not open the refractory period, no beat is withdrawn", () => {
    const rec = loadRecording('heartpy_data_100hz.csv');
    const { beats, events } = stream(Float32Array.from(rec.ppg), rec.fsHz, 1, 5);
    // The first final beats include the filters' start-up transient (quality < 0.35, a short interval).
    assert.ok(beats.slice(0, 3).some((b) => b.quality < 0.35), 'a low-quality start-up beat');
    assert.deepEqual(events.filter((e) => e.type === 'revise'), [], 'no revision');
    const shown = beats.filter((b) => b.provisionalId !== null).length;
    assert.ok(shown >= beats.length - 9, `${shown} of ${beats.length} beats shown provisionally (all after the start-up)`);
  });

  test('flush delivers every beat inside the look-ahead when the stream ends', () => {
    const fs = 100;
    const sim = simulatePpg({ fsHz: fs, seed: 8, noise: 0.01 }, 30);
    const det = new PpgPeakDetector(fs);
    const live = det.push(sim.values);
    const tail = det.flush();
    const truth = sim.truth.beats.peakTSec.filter((t) => t > 1 && t < 29.6);
    const all = [...live, ...tail].map((b) => b.tSec);
    assert.ok(tail.length >= 3, `flush gave ${tail.length} beats (the look-ahead holds ~3)`);
    for (const t of truth) assert.ok(all.some((x) => Math.abs(x - t) < 0.05), `beat at ${t.toFixed(2)} delivered`);
  });
});
