import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inhaleSpans, pacerStateOnTimeline, timelineOfSchedule } from '../../../shared/ipc/pacerTimeline.js';
import { nnSpectrumAt } from '../../../shared/ipc/NnSpectrum.js';
import { PacerSchedule } from '../../../shared/pacer/pacerSchedule.js';

describe('pacer timeline', () => {
  const schedule = new PacerSchedule({ rateBpm: 6, inhaleFraction: 0.4 }, 10);
  schedule.change({ rateBpm: 5, inhaleFraction: 0.5, holdInSec: 1 }, 47);
  schedule.finishAt(200);

  test('the renderer state equals the schedule at any time (a plain-data copy through the API)', () => {
    const tl = JSON.parse(JSON.stringify(timelineOfSchedule(schedule, 4, 30)));
    assert.equal(tl.version, 4);
    assert.equal(tl.clockSec, 30);
    assert.equal(tl.segments.length, 2);
    for (let t = 0; t < 230; t += 0.37) {
      const a = schedule.at(t);
      const b = pacerStateOnTimeline(tl, t);
      assert.equal(b.finished, a.finished, `finished at ${t}`);
      if (a.finished) {
        assert.equal(b.lung, 0, 'after the end the pacer rests at the end of the last breath');
        continue;
      }
      assert.equal(b.phase, a.phase, `phase at ${t}`);
      assert.equal(b.breathIndex, a.breathIndex, `breath at ${t}`);
      assert.ok(Math.abs(b.lung - a.lung) < 1e-9, `lung at ${t}`);
    }
  });

  test('inhale spans: 40 % of each 10 s breath, switching with the schedule, none after the end', () => {
    const tl = timelineOfSchedule(schedule, 1, 0);
    const spans = inhaleSpans(tl, 10, 50);
    assert.deepEqual(spans.slice(0, 4), [10, 14, 20, 24]);
    let inhale = 0;
    for (let i = 0; i < spans.length; i += 2) inhale += spans[i + 1]! - spans[i]!;
    assert.ok(Math.abs(inhale - 16) < 1e-9, `4 breaths × 4 s (got ${inhale})`);
    const second = schedule.segments[1]!;
    const after = inhaleSpans(tl, second.startSec, second.startSec + 24);
    assert.deepEqual(after.slice(0, 2), [second.startSec, second.startSec + 5.5], '12 s breaths, 1 s hold: 5.5 s in');
    const end = schedule.endSec!;
    assert.deepEqual(inhaleSpans(tl, end, end + 60), []);
  });
});

describe('NN spectrum', () => {
  test('finds the 0.1 Hz rhythm of an HR that follows 6/min breathing', () => {
    const t: number[] = [];
    const v: number[] = [];
    let time = 0;
    while (time < 90) {
      const ibi = 850 + 60 * Math.sin(2 * Math.PI * 0.1 * time);
      time += ibi / 1000;
      t.push(time);
      v.push(ibi);
    }
    const s = nnSpectrumAt(t, v, 90);
    assert.ok(s);
    assert.ok(Math.abs(s.peakHz! - 0.1) < 0.01, `peak at ${s.peakHz}`);
    assert.equal(s.psd.length, Math.floor(0.5 / s.dfHz) + 1);
    const kPeak = Math.round(0.1 / s.dfHz);
    assert.ok(s.psd[kPeak]! > 20 * s.psd[Math.round(0.3 / s.dfHz)]!);
  });

  test('no spectrum without enough beats', () => {
    assert.equal(nnSpectrumAt([1, 2, 3], [1000, 1000, 1000], 64), null);
  });
});
