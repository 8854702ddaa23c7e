// MonitorBeatLines: the `cadans monitor --beats` lines from the live stream's beat events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MonitorBeatLines, type MonitorBeatLine } from '../../../main/cli/monitorBeats.js';
import type { LiveBeatEvent } from '../../../shared/ipc/liveTypes.js';

function lines(batches: LiveBeatEvent[][], untilSec: number | null = null, gaps: { startSec: number; endSec: number }[] = []): { out: MonitorBeatLine[]; w: MonitorBeatLines } {
  const out: MonitorBeatLine[] = [];
  let now = 1000;
  const w = new MonitorBeatLines((l) => out.push(l), untilSec, () => now++);
  batches.forEach((beatEvents, k) => w.addBatch({ beatEvents, gaps: k === 0 ? gaps.map((g) => ({ ...g, reason: 'no-contact' })) : [], analysisRestarted: false }));
  return { out, w };
}

const prov = (id: number, tSec: number): LiveBeatEvent => ({ type: 'provisional', id, tSec });
const fin = (tSec: number, provisionalId: number | null = null): LiveBeatEvent => ({ type: 'final', tSec, provisionalId });
const rev = (id: number, newTSec: number | null): LiveBeatEvent => ({ type: 'revise', id, newTSec });
const short = (l: MonitorBeatLine): string => (l.type === 'beat' ? `${l.provisional ? 'p' : 'b'}${l.tSec}` : `r${l.tSec}>${l.newTSec}`);

describe('MonitorBeatLines', () => {
  test('decided beats first; provisional beats held until one is confirmed, then in step', () => {
    const { out, w } = lines([[fin(1), fin(2)], [prov(1, 4), prov(2, 5)], [fin(3)], [fin(4, 1)], [prov(3, 6)], [fin(5, 2), rev(3, 6.05)]]);
    assert.deepEqual(out.map(short), ['b1', 'b2', 'b3', 'b4', 'p5', 'p6', 'r6>6.05']);
    assert.equal(w.beats, 6);
    const b4 = out[3]!;
    assert.deepEqual(Object.keys(b4), ['type', 'tSec', 'ibiMs', 'provisional', 'emittedAtMs']);
    assert.equal(b4.type === 'beat' && b4.ibiMs, 1000);
    assert.equal(out[0]!.type === 'beat' && out[0]!.ibiMs, null, 'the first beat has no interval');
  });

  test('a late decided beat: the provisional beats after it are withdrawn and follow it again; a withdrawal is a revise to null', () => {
    const { out, w } = lines([[fin(1), fin(2, null)], [prov(1, 3)], [fin(3, 1)], [prov(2, 4), prov(3, 5.5), prov(4, 6.3)], [fin(4, 2), rev(3, null)], [fin(4.8)]]);
    assert.deepEqual(out.map(short), ['b1', 'b2', 'b3', 'p4', 'p5.5', 'p6.3', 'r5.5>null', 'r6.3>null', 'b4.8', 'p6.3']);
    assert.equal(w.beats, 6);
    const last = out[out.length - 1]!;
    assert.ok(last.type === 'beat' && Math.abs(last.ibiMs! - 1500) < 1e-9, 'the interval from the late beat');
  });

  test('--seconds: beats after it are left out, a beat moved past it is withdrawn', () => {
    const { out, w } = lines([[fin(68), fin(69, null)], [prov(1, 69.5)], [fin(69.5, 1)], [prov(2, 69.97), prov(3, 70.6)], [rev(2, 70.02)], [fin(70.02, 2), fin(70.6, 3)]], 70);
    assert.deepEqual(out.map(short), ['b68', 'b69', 'b69.5', 'p69.97', 'r69.97>null']);
    assert.equal(w.beats, 3);
  });

  test('no interval across a gap or a missed beat', () => {
    const { out } = lines([[fin(1), fin(2), fin(3), fin(5), fin(6), fin(8.6)]], null, [{ startSec: 3.5, endSec: 4.5 }]);
    assert.deepEqual(out.map((l) => (l.type === 'beat' ? l.ibiMs : 'r')), [null, 1000, 1000, null, 1000, null]);
  });

  test('a new analysis pipeline withdraws the provisional beats it will not settle', () => {
    const out: MonitorBeatLine[] = [];
    const w = new MonitorBeatLines((l) => out.push(l));
    w.addBatch({ beatEvents: [fin(1), prov(1, 2), fin(2, 1), prov(2, 3)], gaps: [], analysisRestarted: false });
    w.addBatch({ beatEvents: [fin(40), prov(1, 41)], gaps: [], analysisRestarted: true });
    assert.deepEqual(out.map(short), ['b1', 'b2', 'p3', 'r3>null', 'b40']);
    assert.equal(w.beats, 3);
  });
});
