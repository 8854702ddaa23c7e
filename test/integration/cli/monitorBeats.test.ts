// `cadans monitor --beats` (the contract): JSON lines as the stream runs — beat lines when a beat is
// first known, revise lines when a provisional beat moves or is withdrawn, the summary last — and
// every beat of the stream counted, the ones inside the detector's look-ahead at the end included.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { parseSimSpec, simulatePpg } from '../../../shared/sim/index.js';
import { runCli } from '../../support/runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'cadans-monitor-beats-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const SUMMARY_KEYS = ['beats', 'durationSec', 'gaps', 'meanHrBpm', 'qualityPct', 'rmssdMs', 'sensor', 'type'];

interface Checked {
  beatLines: { tSec: number; ibiMs: number | null; provisional: boolean; emittedAtMs: number }[];
  revisions: { tSec: number; newTSec: number | null }[];
  /** Beats on the stream at the end (beat lines minus withdrawals). */
  beats: number[];
  /** Provisional beats that were later revised (moved or withdrawn). */
  revisedProvisional: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON is checked field by field
  summary: Record<string, any>;
}

/** Every line parses and is exactly one of the three shapes; the summary is last; beats ascend. */
function contract(stdout: string, startMs: number, endMs: number): Checked {
  const lines = stdout.trim().split('\n');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked field by field below
  const objs = lines.map((l, i): Record<string, any> => {
    try {
      return JSON.parse(l);
    } catch {
      return assert.fail(`line ${i + 1} is not JSON: ${l}`);
    }
  });
  const summary = objs[objs.length - 1]!;
  assert.equal(summary.type, 'summary', 'the summary is the last line');
  assert.deepEqual(Object.keys(summary).sort(), SUMMARY_KEYS);
  const out: Checked = { beatLines: [], revisions: [], beats: [], revisedProvisional: 0, summary };
  // The beats on the stream: time → provisional?
  const onStream = new Map<number, boolean>();
  let lastEmitted = startMs;
  for (const [i, o] of objs.slice(0, -1).entries()) {
    if (o.type === 'beat') {
      assert.deepEqual(Object.keys(o), ['type', 'tSec', 'ibiMs', 'provisional', 'emittedAtMs'], `line ${i + 1}`);
      assert.ok(typeof o.tSec === 'number' && o.tSec >= 0, `line ${i + 1}: tSec`);
      assert.ok(o.ibiMs === null || (typeof o.ibiMs === 'number' && o.ibiMs > 0), `line ${i + 1}: ibiMs`);
      assert.equal(typeof o.provisional, 'boolean');
      assert.ok(Number.isInteger(o.emittedAtMs) && o.emittedAtMs >= lastEmitted && o.emittedAtMs <= endMs, `line ${i + 1}: emittedAtMs is Date.now() as written`);
      lastEmitted = o.emittedAtMs;
      // Ascending: each beat comes after every beat on the stream.
      for (const t of onStream.keys()) assert.ok(o.tSec > t, `line ${i + 1}: beat at ${o.tSec} after the beat at ${t}`);
      onStream.set(o.tSec, o.provisional);
      out.beatLines.push({ tSec: o.tSec, ibiMs: o.ibiMs, provisional: o.provisional, emittedAtMs: o.emittedAtMs });
    } else if (o.type === 'revise') {
      assert.deepEqual(Object.keys(o), ['type', 'tSec', 'newTSec'], `line ${i + 1}`);
      assert.ok(o.newTSec === null || typeof o.newTSec === 'number');
      assert.equal(onStream.get(o.tSec), true, `line ${i + 1}: the revised beat (${o.tSec}) is a provisional beat on the stream`);
      onStream.delete(o.tSec);
      if (o.newTSec !== null) onStream.set(o.newTSec, true);
      out.revisions.push({ tSec: o.tSec, newTSec: o.newTSec });
    } else assert.fail(`line ${i + 1}: unexpected type ${JSON.stringify(o.type)}`);
  }
  out.beats = [...onStream.keys()].sort((a, b) => a - b);
  out.revisedProvisional = out.revisions.length;
  return out;
}

async function monitor(args: string[]): Promise<Checked> {
  const startMs = Date.now();
  const r = await runCli(['monitor', ...args, '--beats']);
  const endMs = Date.now();
  assert.equal(r.code, 0, r.stderr);
  return contract(r.stdout, startMs, endMs);
}

describe('cadans monitor --beats', { concurrency: true }, () => {
  test('a 70 s simulated stream: every beat, in order, provisional ones first, count = summary = the simulated heart', async () => {
    const spec = 'sim:hr=77,speed=20,seed=1';
    const s = await monitor(['--sensor', spec, '--seconds', '70']);
    const opts = parseSimSpec(spec);
    if ('error' in opts) assert.fail(String(opts.error));
    const truth = simulatePpg(opts, 71).truth.beats.peakTSec.filter((t) => t <= 70);
    assert.equal(s.summary.beats, truth.length, `summary: ${s.summary.beats} of ${truth.length} simulated beats`);
    assert.equal(s.beats.length, s.summary.beats, 'beats on the stream = the summary\'s beats');
    for (const t of truth) assert.ok(s.beats.some((x) => Math.abs(x - t) < 0.05), `the beat at ${t.toFixed(2)} s`);
    // After the first seconds (the fast path starts a few beats in) beats come provisionally.
    const late = s.beatLines.filter((b) => b.tSec > 15);
    assert.ok(late.every((b) => b.provisional), 'beats after 15 s were shown provisionally first');
    assert.ok(s.beatLines.filter((b) => b.provisional).length >= 70);
    // Intervals are those between the beats.
    const regular = s.beatLines.filter((b) => b.ibiMs !== null);
    assert.ok(regular.length >= truth.length - 2);
    for (const b of regular) assert.ok(b.ibiMs! > 600 && b.ibiMs! < 1000, `ibi ${b.ibiMs}`);
    assert.equal(s.summary.durationSec, 70);
  });

  test('ectopic beats and motion: provisional beats later revised come with revise lines; count = summary', async () => {
    const s = await monitor(['--sensor', 'sim:speed=25,seed=3,ectopic=3,motion=2', '--seconds', '60']);
    assert.ok(s.revisions.length > 0, 'some provisional beats were revised');
    assert.ok(s.revisions.some((r) => r.newTSec === null), 'a withdrawal');
    assert.equal(s.beats.length, s.summary.beats);
    assert.ok(s.summary.beats > 60);
  });

  test('a file replayed to its end: the beats in the look-ahead at the end are counted too', async () => {
    const opts = parseSimSpec('sim:hr=66,seed=4');
    if ('error' in opts) assert.fail(String(opts.error));
    const sim = simulatePpg(opts, 50);
    const path = join(tmp, 'sim50.csv');
    writeFileSync(path, 'time,ppg\n' + Array.from(sim.values, (v, i) => `${(i / opts.fsHz).toFixed(4)},${v}`).join('\n') + '\n');
    const s = await monitor(['--sensor', `file:${path}?speed=25`]);
    assert.equal(s.summary.sensor.state, 'disconnected');
    // All the beats the offline analysis of the same samples finds (its last ones lie in the
    // detector's look-ahead when the file ends: decided only when the stream is flushed).
    const offline = analyzePpg(sim.values, opts.fsHz).beats.tSec;
    assert.equal(s.summary.beats, offline.length, `${s.summary.beats} of ${offline.length}`);
    assert.equal(s.beats.length, offline.length);
    // (A provisional beat within 20 ms of its final time keeps its own: a viewer sees no difference.)
    offline.forEach((t, k) => assert.ok(Math.abs(s.beats[k]! - t) <= 0.021, `beat ${k}: ${s.beats[k]} vs ${t}`));
    // …and every simulated heartbeat, the last one before the end included.
    const truth = sim.truth.beats.peakTSec.filter((t) => t <= 49.8);
    for (const t of truth) assert.ok(s.beats.some((x) => Math.abs(x - t) < 0.05), `the beat at ${t.toFixed(2)} s`);
    assert.ok(truth[truth.length - 1]! > 49, 'a simulated beat in the last second');
  });
});
