import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelClock, type ClockOutput, type ClockedChunk } from '../../../shared/sensors/channelClock.js';
import type { PpgFrame } from '../../../shared/sensors/frames.js';
import { mulberry32 } from '../../../shared/sim/random.js';

/**
 * A device at `rateHz` (drifting by `driftPerMin`, a fraction per minute) whose samples reach the
 * host in USB-like batches with random delays ≥ 0. Sample k carries the value k, so the output
 * can be checked sample by sample; its true time is `trueSec[k]`.
 */
interface Delivery {
  frames: PpgFrame[];
  trueSec: number[];
}

interface DeviceOptions {
  rateHz: number;
  seconds: number;
  nominalHz?: number;
  driftPerMin?: number;
  batchSec?: number;
  jitterSec?: number;
  seed?: number;
  /** [start s, length s]: the host is stalled; everything sampled meanwhile arrives at the end. */
  stalls?: [number, number][];
  /** [start s, length s]: the device stops sampling (counting) for a while. */
  pauses?: [number, number][];
  /** Indices of samples lost but known to be there (placeholders: NaN values). */
  placeholders?: Set<number>;
  deviceClock?: boolean;
}

function deliver(o: DeviceOptions): Delivery {
  const rnd = mulberry32(o.seed ?? 1);
  const trueSec: number[] = [];
  let t = 0;
  for (let k = 0; t < o.seconds; k++) {
    for (const [ps, pl] of o.pauses ?? []) if (t >= ps && t < ps + pl) t = ps + pl;
    trueSec.push(t);
    const r = o.rateHz * (1 + ((o.driftPerMin ?? 0) * t) / 60);
    t += 1 / r;
  }
  const batch = o.batchSec ?? 0.016;
  const frames: PpgFrame[] = [];
  let k = 0;
  let lastArrival = 0;
  const offset = 1000; // host clock at the device's t = 0
  while (k < trueSec.length) {
    // A batch: every sample taken before the next USB poll.
    const poll = (Math.floor(trueSec[k]! / batch) + 1) * batch;
    const start = k;
    while (k < trueSec.length && trueSec[k]! < poll) k++;
    let arrival = poll + rnd() * (o.jitterSec ?? 0.002);
    for (const [ss, sl] of o.stalls ?? []) if (arrival >= ss && arrival < ss + sl) arrival = ss + sl;
    // A serial port delivers in order: a batch never overtakes the one before it.
    arrival = Math.max(arrival, lastArrival + 1e-5);
    lastArrival = arrival;
    const values = new Float32Array(k - start);
    for (let i = start; i < k; i++) values[i - start] = o.placeholders?.has(i) ? Number.NaN : i;
    frames.push({
      kind: 'ppg',
      fsHz: o.nominalHz ?? 50,
      index: start,
      values,
      arrivalSec: offset + arrival,
      stream: 0,
      ...(o.deviceClock ? { deviceSec: trueSec[k - 1]! } : {}),
    });
  }
  return { frames, trueSec };
}

function run(frames: PpgFrame[], clock = new ChannelClock()): ClockOutput {
  const all: ClockOutput = { chunks: [], gaps: [], notices: [] };
  const add = (o: ClockOutput): void => {
    all.chunks.push(...o.chunks);
    all.gaps.push(...o.gaps);
    all.notices.push(...o.notices);
  };
  for (const f of frames) add(clock.push(f));
  add(clock.flush());
  return all;
}

/** Every output sample: its value and channel time. */
function samples(chunks: ClockedChunk[]): { v: number; tSec: number }[] {
  const out: { v: number; tSec: number }[] = [];
  for (const c of chunks) for (let i = 0; i < c.values.length; i++) out.push({ v: c.values[i]!, tSec: c.t0Sec + i / c.fsHz });
  return out;
}

/** Largest error of 0.8-s intervals (channel clock vs truth) after the first `skip` samples, s. */
function intervalError(s: { v: number; tSec: number }[], trueSec: number[], skip: number, span: number): number {
  let worst = 0;
  for (let i = skip; i + span < s.length; i += 7) {
    const a = s[i]!;
    const b = s[i + span]!;
    if (!Number.isFinite(a.v) || !Number.isFinite(b.v)) continue;
    const measured = b.tSec - a.tSec;
    const truth = trueSec[b.v]! - trueSec[a.v]!;
    worst = Math.max(worst, Math.abs(measured - truth));
  }
  return worst;
}

function assertAllOnceInOrder(s: { v: number; tSec: number }[], n: number): void {
  assert.equal(s.length, n, 'every sample comes out exactly once');
  for (let i = 0; i < n; i++) if (Number.isFinite(s[i]!.v)) assert.equal(s[i]!.v, i, `sample ${i} in order`);
  for (let i = 1; i < s.length; i++) assert.ok(s[i]!.tSec > s[i - 1]!.tSec, 'times increase');
}

for (const rateHz of [49.3, 49.8, 50.25, 48.5, 51.5]) {
  test(`a device at ${rateHz} Hz (nominal 50): every sample once, intervals true within 0.5 ms`, () => {
    const d = deliver({ rateHz, seconds: 120, seed: Math.round(rateHz * 10) });
    const out = run(d.frames);
    const s = samples(out.chunks);
    assertAllOnceInOrder(s, d.trueSec.length);
    assert.equal(out.gaps.length, 0);
    const span = Math.round(rateHz * 0.8);
    assert.ok(intervalError(s, d.trueSec, 0, span) < 0.0005, `interval error ${intervalError(s, d.trueSec, 0, span)}`);
    const settled = Math.round(rateHz * 10);
    assert.ok(intervalError(s, d.trueSec, settled, span) < 0.0002, `interval error after 10 s ${intervalError(s, d.trueSec, settled, span)}`);
    const last = out.chunks[out.chunks.length - 1]!;
    assert.ok(Math.abs(last.fsHz / rateHz - 1) < 2e-4, `rate in force ${last.fsHz}`);
  });
}

for (const [driftPerMin, tolSec] of [
  [0.0005, 0.0002],
  [0.002, 0.0006],
] as const) {
  test(`a CMS50 at 60.3 Hz drifting ${driftPerMin * 100} %/min: 0.8-s intervals within 1 ms, within ${tolSec * 1000} ms after 10 s`, () => {
    const d = deliver({ rateHz: 60.3, nominalHz: 60, seconds: 240, driftPerMin, seed: 7 });
    const s = samples(run(d.frames).chunks);
    assertAllOnceInOrder(s, d.trueSec.length);
    assert.ok(intervalError(s, d.trueSec, 0, 48) < 0.001, `interval error ${intervalError(s, d.trueSec, 0, 48)}`);
    assert.ok(intervalError(s, d.trueSec, 600, 48) < tolSec, `interval error after 10 s ${intervalError(s, d.trueSec, 600, 48)}`);
  });
}

test('host stalls (CPU load) delay delivery but never bend sample times; a 10× backlog is reported as a burst', () => {
  const stalls: [number, number][] = [
    [10, 0.3],
    [25, 0.8],
    [40, 2.5],
  ];
  const d = deliver({ rateHz: 49.3, seconds: 60, stalls, seed: 3, jitterSec: 0.02 });
  const out = run(d.frames);
  const s = samples(out.chunks);
  assertAllOnceInOrder(s, d.trueSec.length);
  assert.deepEqual(out.gaps, [], 'no gap: nothing was lost');
  assert.ok(intervalError(s, d.trueSec, 0, 40) < 0.0008, `interval error ${intervalError(s, d.trueSec, 0, 40)}`);
  assert.ok(out.notices.some((n) => n.code === 'burst'), 'the 2.5-s backlog is reported');
});

test('a device pause becomes a gap of the right length, not a shift of everything after', () => {
  const d = deliver({ rateHz: 49.8, seconds: 60, pauses: [[30, 5]], seed: 4 });
  const out = run(d.frames);
  const s = samples(out.chunks);
  assertAllOnceInOrder(s, d.trueSec.length);
  assert.equal(out.gaps.length, 1);
  const g = out.gaps[0]!;
  assert.equal(g.reason, 'pause');
  assert.ok(Math.abs(g.endSec - g.startSec - 5) < 0.05, `gap length ${g.endSec - g.startSec}`);
  // Times after the pause keep their distance to times before it.
  const before = s.findIndex((x) => d.trueSec[x.v]! >= 20);
  const after = s.findIndex((x) => d.trueSec[x.v]! >= 50);
  const truth = d.trueSec[s[after]!.v]! - d.trueSec[s[before]!.v]!;
  assert.ok(Math.abs(s[after]!.tSec - s[before]!.tSec - truth) < 0.03, 'across the pause');
});

test('lost samples the device counted become NaN placeholders (short) or a gap (long) at their place', () => {
  const d = deliver({ rateHz: 50.25, seconds: 30, seed: 5 });
  // Drop a 3-sample frame part and a 40-sample run from the delivery (the device counter skips).
  const dropShort = new Set([500, 501, 502]);
  const dropLong = new Set(Array.from({ length: 40 }, (_, i) => 900 + i));
  const frames: PpgFrame[] = [];
  for (const f of d.frames) {
    const keep: number[] = [];
    for (let i = 0; i < f.values.length; i++) keep.push(f.index + i);
    const kept = keep.filter((k) => !dropShort.has(k) && !dropLong.has(k));
    // Split into runs of consecutive indices.
    let run: number[] = [];
    const flush = (): void => {
      if (run.length) frames.push({ ...f, index: run[0]!, values: Float32Array.from(run) });
      run = [];
    };
    for (const k of kept) {
      if (run.length && k !== run[run.length - 1]! + 1) flush();
      run.push(k);
    }
    flush();
  }
  const out = run(frames);
  const s = samples(out.chunks);
  assert.equal(s.filter((x) => Number.isNaN(x.v)).length, 3, 'three placeholders');
  assert.equal(out.gaps.length, 1);
  assert.equal(out.gaps[0]!.reason, 'samples-lost');
  const i940 = s.findIndex((x) => x.v === 940);
  assert.ok(Math.abs(s[i940]!.tSec - s[0]!.tSec - (d.trueSec[940]! - d.trueSec[0]!)) < 0.01, 'sample 940 keeps its time');
});

test('a reconnect (new counting epoch) starts after a gap measured by arrival time', () => {
  const a = deliver({ rateHz: 49.5, seconds: 20, seed: 6 });
  const b = deliver({ rateHz: 49.5, seconds: 10, seed: 8 });
  const shift = 20 + 4; // the device came back 4 s after its last sample
  const frames = [...a.frames, ...b.frames.map((f) => ({ ...f, arrivalSec: f.arrivalSec + shift, stream: 1 }))];
  const out = run(frames);
  const s = samples(out.chunks);
  assert.equal(s.length, a.trueSec.length + b.trueSec.length);
  assert.equal(out.gaps.length, 1);
  assert.equal(out.gaps[0]!.reason, 'restart');
  assert.ok(Math.abs(out.gaps[0]!.endSec - out.gaps[0]!.startSec - 4) < 0.1, `gap ${out.gaps[0]!.endSec - out.gaps[0]!.startSec}`);
});

test('a device clock (Polar PMD, simulator) gives the rate; a declared rate far off is reported and not used', () => {
  const d = deliver({ rateHz: 55, nominalHz: 135, seconds: 20, deviceClock: true, batchSec: 0.65 });
  const out = run(d.frames);
  const s = samples(out.chunks);
  assertAllOnceInOrder(s, d.trueSec.length);
  assert.ok(Math.abs(out.chunks[0]!.fsHz - 55) < 0.01, `rate ${out.chunks[0]!.fsHz}`);
  assert.ok(out.notices.some((n) => n.code === 'rate-mismatch' && n.params?.declaredHz === 135));
  assert.ok(intervalError(s, d.trueSec, 0, 44) < 1e-6);
});
