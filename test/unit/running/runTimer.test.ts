import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RunTimer, runBlocksProblem } from '../../../shared/running/runTimer.js';
import { intervalSession } from '../../../shared/running/programme.js';

const blocks = [
  { kind: 'warmup', sec: 60 },
  { kind: 'run', sec: 30 },
  { kind: 'walk', sec: 20 },
  { kind: 'run', sec: 30 },
  { kind: 'cooldown', sec: 40 },
] as const;

const kinds = (cues: { kind: string; blockIndex: number }[]): string[] => cues.map((c) => `${c.kind}@${c.blockIndex}`);

describe('RunTimer', () => {
  test('start cues the first block; each boundary cues the next block, a Borg prompt after each run block, and the end', () => {
    const t = new RunTimer([...blocks]);
    assert.equal(t.durationSec, 180);
    assert.deepEqual(t.state().phase, 'ready');
    assert.deepEqual(kinds(t.start(100)), ['warmup@0']);
    assert.deepEqual(kinds(t.tick(159.9)), []);
    let s = t.state();
    assert.equal(s.blockIndex, 0);
    assert.ok(Math.abs(s.blockLeftSec - 0.1) < 1e-9);
    assert.deepEqual(s.next, { kind: 'run', sec: 30 });
    assert.deepEqual(kinds(t.tick(160)), ['run@1']);
    assert.deepEqual(kinds(t.tick(190)), ['borg@1', 'walk@2']);
    s = t.state();
    assert.equal(s.block?.kind, 'walk');
    assert.equal(s.blockLeftSec, 20);
    assert.equal(s.totalLeftSec, 90);
    assert.deepEqual(kinds(t.tick(210)), ['run@3']);
    assert.deepEqual(kinds(t.tick(240)), ['borg@3', 'cooldown@4']);
    assert.deepEqual(kinds(t.tick(280)), ['end@4']);
    s = t.state();
    assert.equal(s.phase, 'finished');
    assert.equal(s.blockLeftSec, 0);
    assert.equal(s.next, null);
    assert.deepEqual(t.tick(400), [], 'nothing after the end');
  });

  test('a tick that jumps over several blocks gives every cue in order with its own due time', () => {
    const t = new RunTimer([...blocks]);
    t.start(0);
    const cues = t.tick(500);
    assert.deepEqual(kinds(cues), ['run@1', 'borg@1', 'walk@2', 'run@3', 'borg@3', 'cooldown@4', 'end@4']);
    assert.deepEqual(cues.map((c) => c.atActiveSec), [60, 90, 90, 110, 140, 140, 180]);
  });

  test('paused time does not count, cues due before the pause come with it, a stale clock never goes back', () => {
    const t = new RunTimer([...blocks]);
    t.start(10);
    assert.deepEqual(kinds(t.pause(75)), ['run@1'], 'the run block began at 70');
    assert.equal(t.state(500).activeSec, 65, 'frozen while paused');
    assert.deepEqual(t.tick(500), []);
    t.resume(300);
    assert.equal(t.state(300).activeSec, 65);
    assert.deepEqual(kinds(t.tick(324)), []);
    assert.deepEqual(kinds(t.tick(325)), ['borg@1', 'walk@2'], 'run block ends 25 s after the resume');
    assert.deepEqual(t.tick(320), [], 'an older time is ignored');
    assert.equal(t.state().activeSec, 90);
  });

  test('a continuous run: one Borg prompt, at its end; a final run block is prompted before the end cue', () => {
    const t = new RunTimer(intervalSession(1, 20, 0));
    t.start(0);
    assert.deepEqual(kinds(t.tick(300 + 1200)), ['run@1', 'borg@1', 'cooldown@2']);
    const last = new RunTimer([{ kind: 'run', sec: 5 }]);
    assert.deepEqual(kinds(last.start(0)), ['run@0']);
    assert.deepEqual(kinds(last.tick(5)), ['borg@0', 'end@0']);
  });

  test('bad block lists are refused with a reason', () => {
    assert.match(runBlocksProblem([]) ?? '', /at least one block/);
    assert.match(runBlocksProblem([{ kind: 'run', sec: 0 }]) ?? '', /block 1/);
    assert.match(runBlocksProblem([{ kind: 'jog' as 'run', sec: 10 }]) ?? '', /unknown kind/);
    assert.equal(runBlocksProblem([...blocks]), null);
    assert.throws(() => new RunTimer([]), RangeError);
  });
});
