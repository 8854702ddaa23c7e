import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIVE_TRUTH_KEEP_SEC, SimSource } from '../../../native-adapters/sensors/simSource.js';
import { PacerSchedule } from '../../../shared/pacer/index.js';
import type { PpgFrame, SensorFrame } from '../../../shared/sensors/frames.js';
import { parseSimSpec, PpgSimulator, SIM_TICK_SEC, type SimOptions, type SimTruthRecorder } from '../../../shared/sim/index.js';

function sim(spec: string): SimOptions {
  const o = parseSimSpec(spec);
  if ('error' in o) assert.fail(o.error);
  return o;
}

const open: SimSource[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.stop();
});

/** A SimSource on a fake clock; `advance(ms)` moves the clock and runs a tick. */
async function rig(spec: string, pacer?: () => PacerSchedule | null) {
  let nowMs = 1000;
  const src = new SimSource({ sim: sim(spec), spec, pacer, nowMs: () => nowMs, tickMs: 60_000 });
  const frames: PpgFrame[] = [];
  const states: string[] = [];
  src.on('frame', (f: SensorFrame) => f.kind === 'ppg' && frames.push(f));
  src.on('state', (s) => states.push(s));
  open.push(src);
  await src.start();
  const advance = (ms: number, step = 25) => {
    for (let t = 0; t < ms; t += step) {
      nowMs += Math.min(step, ms - t);
      src.tick();
    }
  };
  return { src, frames, states, advance };
}

const allValues = (frames: PpgFrame[]) => Float32Array.from(frames.flatMap((f) => Array.from(f.values)));

describe('SimSource', () => {
  test('speed: 1 s of wall time at speed=10 is 10 s of signal; frames contiguous in signal time', async () => {
    const { src, frames, states, advance } = await rig('sim:fs=250,speed=10,seed=3');
    advance(1000);
    const n = frames.reduce((a, f) => a + f.values.length, 0);
    assert.equal(n, 2500);
    assert.equal(src.signalSec, 10);
    let count = 0;
    for (const f of frames) {
      assert.equal(f.fsHz, 250);
      assert.equal(f.index, count, 'counted from the start, contiguous');
      count += f.values.length;
      assert.ok(Math.abs(f.deviceSec! - (count - 1) / 250) < 1e-9, 'signal time of the newest sample is the device clock');
    }
    await src.stop();
    assert.deepEqual(states, ['connecting', 'connected', 'disconnected']);
    assert.match(src.info.label, /simulator/i);
    assert.match(src.info.label, /10× speed/);
  });

  test('deterministic with the seed, whatever the tick timing; equal to PpgSimulator', async () => {
    const a = await rig('sim:fs=125,seed=7,speed=20,ectopic=3,motion=2');
    const b = await rig('sim:fs=125,seed=7,speed=20,ectopic=3,motion=2');
    const c = await rig('sim:fs=125,seed=8,speed=20,ectopic=3,motion=2');
    a.advance(2000, 25);
    b.advance(2000, 70);
    c.advance(2000, 25);
    const va = allValues(a.frames);
    assert.equal(va.length, 125 * 40);
    assert.deepEqual(va, allValues(b.frames));
    assert.notDeepEqual(va, allValues(c.frames));
    assert.deepEqual(va, new PpgSimulator(sim('sim:fs=125,seed=7,ectopic=3,motion=2')).generate(125 * 40));
    for (const r of [a, b, c]) await r.src.stop();
  });

  test('follows the pacer: breathing at 6/min with a pacer, spontaneous without; later schedule edits are followed', async () => {
    let schedule: PacerSchedule | null = null;
    const paced = await rig('sim:breathing=14,compliance=1,speed=50,seed=2', () => schedule);
    const free = await rig('sim:breathing=14,compliance=1,speed=50,seed=2');
    paced.advance(200); // 10 s spontaneous
    schedule = new PacerSchedule({ rateBpm: 6, inhaleFraction: 0.4 }, paced.src.signalSec);
    paced.advance(2400); // to 130 s
    free.advance(2600);
    const truth = paced.src.truth;
    for (const t of [40, 70, 100, 125]) {
      assert.ok(Math.abs(truth.breathingBpmAt(t) - 6) < 0.1, `paced breathing at ${t} s: ${truth.breathingBpmAt(t)}`);
      assert.ok(Math.abs(free.src.truth.breathingBpmAt(t) - 14) < 3, `spontaneous at ${t} s: ${free.src.truth.breathingBpmAt(t)}`);
    }
    const breaths = truth.breaths.tSec.filter((t) => t > 40 && t < 130);
    const periods = breaths.slice(1).map((t, i) => t - breaths[i]!);
    assert.ok(periods.length >= 7 && periods.every((p) => Math.abs(p - 10) < 0.2), JSON.stringify(periods));
    // The therapist slows the pacer to 4.5/min: the simulated client follows.
    schedule.change({ rateBpm: 4.5, inhaleFraction: 0.4 }, 130);
    paced.advance(2000); // to 230 s
    assert.ok(Math.abs(truth.breathingBpmAt(220) - 4.5) < 0.1, `after the change: ${truth.breathingBpmAt(220)}`);
    // setPacer(null) overrides the getter: back to spontaneous breathing.
    paced.src.setPacer(null);
    paced.advance(1200); // to 290 s
    assert.ok(Math.abs(truth.breathingBpmAt(285) - 14) < 3, `spontaneous again: ${truth.breathingBpmAt(285)}`);
    await paced.src.stop();
    await free.src.stop();
  });

  test('ear clip off from the spec: near-zero output and no beats in that stretch', async () => {
    const { src, frames, advance } = await rig('sim:fs=100,speed=20,clipoff=5-8,seed=1');
    advance(600); // 12 s
    const v = allValues(frames);
    const off = v.subarray(500, 800);
    const on = v.subarray(100, 450);
    assert.ok(Math.max(...off) < 20, `clip-off max ${Math.max(...off)}`);
    assert.ok(Math.max(...on) - Math.min(...on) > 100);
    assert.ok(src.truth.beats.peakTSec.every((t) => t < 5 || t >= 8), 'no pulse peaks while the clip is off');
    assert.deepEqual(src.truth.artifacts.map((a) => [a.kind, a.startSec, a.endSec]), [['clip-off', 5, 8]]);
    await src.stop();
  });

  test('two simulated hours: the truth it keeps stays bounded (issue 14: a group session of simulators stays flat)', async () => {
    let nowMs = 0;
    const spec = 'sim:fs=50,hr=90,speed=1000,seed=4';
    const src = new SimSource({ sim: sim(spec), spec, nowMs: () => nowMs, tickMs: 60_000 });
    open.push(src);
    await src.start();
    // 10 ms of wall time at 1000× = 10 s of signal per tick (the most a tick catches up).
    for (let i = 0; i < 720; i++) {
      nowMs += 10;
      src.tick();
    }
    await src.stop();
    assert.equal(src.signalSec, 7200);
    const t = src.truth;
    assert.ok(t.fromSec >= 7200 - 1.5 * LIVE_TRUTH_KEEP_SEC - 1, `truth kept from ${t.fromSec} s`);
    assert.ok(Number.isFinite(t.hrBpmAt(7200 - LIVE_TRUTH_KEEP_SEC)), 'the last keepSec is there');
    // Two hours at 90 bpm are ~10 800 beats; kept: at most 1.5 × 600 s of them.
    const beats = t.beats.tSec.length;
    assert.ok(beats > 0 && beats <= ((1.5 * LIVE_TRUTH_KEEP_SEC + 2) * 2 * 90) / 60, `${beats} beats kept`);
    const ticks = (t as SimTruthRecorder).keptTicks;
    assert.ok(ticks <= (1.5 * LIVE_TRUTH_KEEP_SEC) / SIM_TICK_SEC + 2, `${ticks} model ticks kept`);
    const all = new SimSource({ sim: sim(spec), spec, truthKeepSec: Number.POSITIVE_INFINITY });
    assert.equal(all.truth.fromSec, 0);
  });

  test('real timers: runs at speed × wall time and stops cleanly', async () => {
    const src = new SimSource({ sim: sim('sim:fs=250,speed=20'), spec: 'sim:fs=250,speed=20' });
    let n = 0;
    src.on('frame', (f) => f.kind === 'ppg' && (n += f.values.length));
    open.push(src);
    const t0 = performance.now();
    await src.start();
    await new Promise((r) => setTimeout(r, 500));
    await src.stop();
    const wallSec = (performance.now() - t0) / 1000;
    const signalSec = n / 250;
    // Never ahead of speed × wall time; behind it only by what a busy machine delays the timer.
    assert.ok(signalSec > 0.5 * 20 * wallSec && signalSec <= 20 * wallSec + 0.1, `${signalSec} s of signal in ${wallSec} s`);
    const after = n;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(n, after, 'no frames after stop');
  });
});
