import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReplaySource } from '../../../native-adapters/sensors/fileReplaySource.js';
import type { BeatFrame, PpgFrame, SensorFrame, StatusFrame } from '../../../shared/sensors/frames.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-replay-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const open: FileReplaySource[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.stop();
});

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function play(path: string, opts: { speed?: number; fsHz?: number } = {}) {
  let nowMs = 0;
  const src = new FileReplaySource({ path, ...opts, nowMs: () => nowMs, tickMs: 60_000 });
  open.push(src);
  const frames: SensorFrame[] = [];
  const states: { s: string; msg?: string }[] = [];
  src.on('frame', (f) => frames.push(f));
  src.on('state', (s, msg) => states.push({ s, msg }));
  await src.start();
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 25) {
      nowMs += 25;
      src.tick();
    }
  };
  return { src, frames, states, advance };
}

const ppgCsv = (n: number, fs: number) =>
  'time,ppg\n' + Array.from({ length: n }, (_, i) => `${(i / fs).toFixed(4)},${Math.round(500 + 100 * Math.sin(i / 7))}`).join('\n') + '\n';

describe('FileReplaySource', () => {
  test('PPG CSV: every sample, in order, at speed × real time, then "end of recording" and disconnected', async () => {
    const path = write('rec.csv', ppgCsv(1000, 50)); // 20 s at 50 Hz
    const { src, frames, states, advance } = await play(path, { speed: 10 });
    assert.equal(src.info.kind, 'file');
    assert.equal(src.info.fsHz, 50);
    assert.equal(src.info.protocol, 'ppg-csv');
    assert.match(src.info.label, /rec\.csv.*PPG CSV, 50 Hz.*10× speed/);
    advance(1000); // 10 s of signal
    const ppg = () => frames.filter((f): f is PpgFrame => f.kind === 'ppg');
    assert.equal(ppg().reduce((a, f) => a + f.values.length, 0), 500);
    assert.equal(states.at(-1)!.s, 'connected');
    advance(1100);
    const all = ppg().flatMap((f) => Array.from(f.values));
    assert.deepEqual(all, Array.from({ length: 1000 }, (_, i) => Math.round(500 + 100 * Math.sin(i / 7))));
    let n = 0;
    for (const f of ppg()) {
      // Counted from the file's first sample, with the file's own time as the device clock.
      assert.equal(f.index, n);
      n += f.values.length;
      assert.ok(Math.abs(f.deviceSec! - (n - 1) / 50) < 1e-9);
    }
    assert.equal(states.at(-1)!.s, 'disconnected');
    assert.match(states.at(-1)!.msg ?? '', /end of recording: played all 20\.0 s of rec\.csv/);
    const end = frames.at(-1) as StatusFrame;
    assert.equal(end.kind, 'status');
    assert.equal(end.notice?.code, 'end-of-recording');
  });

  test('RR text: BeatFrames with the intervals, each frame at its last beat', async () => {
    const ibis = [800, 820, 790, 850, 810, 780, 830, 800, 860, 790, 805, 815];
    const path = write('rr.txt', ibis.join('\n') + '\n');
    const { src, frames, states, advance } = await play(path, { speed: 4 });
    assert.equal(src.info.protocol, 'rr');
    assert.equal(src.info.fsHz, undefined);
    advance(600); // 2.4 s of signal: beats at 0.8, 1.62, 2.41 (no: 2.41 > 2.4)
    let beats = frames.filter((f): f is BeatFrame => f.kind === 'beats');
    assert.deepEqual(beats.flatMap((b) => b.ibiMs), [800, 820]);
    advance(3000);
    beats = frames.filter((f): f is BeatFrame => f.kind === 'beats');
    assert.deepEqual(beats.flatMap((b) => b.ibiMs), ibis);
    for (const b of beats) {
      assert.equal(b.origin, 'rr');
      assert.equal(b.hrBpm, Math.round(60000 / b.ibiMs.at(-1)!));
    }
    assert.equal(states.at(-1)!.s, 'disconnected');
  });

  test('unreadable or unusable files: start() rejects with one clear line, state error', async () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.csv'), /cannot replay .*missing\.csv: no such file/],
      [write('empty.csv', '  \n'), /cannot replay .*empty\.csv: the file is empty/],
      [write('junk.csv', 'name,colour\nfoo,bar\nbaz,qux\n'), /cannot replay .*junk\.csv: /],
      [(mkdirSync(join(dir, 'folder.csv')), join(dir, 'folder.csv')), /it is a folder/],
    ];
    for (const [path, re] of cases) {
      const src = new FileReplaySource({ path });
      const states: string[] = [];
      src.on('state', (s) => states.push(s));
      await assert.rejects(src.start(), (e: Error) => re.test(e.message) && !e.message.includes('\n'));
      assert.deepEqual(states, ['connecting', 'error']);
      await src.stop();
    }
    assert.throws(() => new FileReplaySource({ path: 'x', speed: 0 }), /speed must be a positive number/);
  });
});
