import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PacerController } from '../../../main/app/PacerController.js';
import type { PacerSchedule } from '../../../shared/pacer/pacerSchedule.js';

describe('PacerController', () => {
  test('start, change at the next breath, pause, resume with the remaining duration, stop', () => {
    const applied: (PacerSchedule | null)[] = [];
    const p = new PacerController((s) => applied.push(s));
    assert.equal(p.timeline(0), null);
    assert.equal(p.snapshotAt(0), null);

    p.start({ rateBpm: 6, inhaleFraction: 0.5, durationSec: 120 }, 100);
    assert.equal(applied.length, 1);
    assert.equal(applied[0]!.startSec, 100);
    assert.equal(p.endSec, 220);
    assert.equal(p.snapshotAt(102)!.phase, 'in');
    assert.equal(p.snapshotAt(107)!.phase, 'out');
    const v1 = p.timeline(103)!.version;

    const eff = p.change({ rateBpm: 5, inhaleFraction: 0.5 }, 103);
    assert.equal(eff, 110, 'the breath in progress (100–110) is completed first');
    assert.equal(p.settingsAt(105)!.rateBpm, 6);
    assert.equal(p.settingsAt(111)!.rateBpm, 5);
    assert.ok(p.timeline(104)!.version > v1);

    p.pause(130);
    assert.equal(p.isRunning, false);
    assert.equal(applied[applied.length - 1], null, 'the simulated client breathes spontaneously while paused');
    const paused = p.timeline(150)!;
    assert.equal(paused.running, false);
    assert.equal(paused.clockSec, 130, 'the paused pacer stands at the pause time');
    assert.deepEqual(p.snapshotAt(150), p.snapshotAt(130));
    assert.equal(p.endSec, null);

    p.resume(200);
    assert.equal(p.isRunning, true);
    const resumed = applied[applied.length - 1]!;
    assert.equal(resumed.startSec, 200, 'a fresh breath starts at the resume');
    assert.equal(resumed.settingsAt(200).rateBpm, 5);
    // Before the pause the session ended at the first 12 s breath boundary after 220 s: 230 s; 100 s were left at
    // 130 s, so it now ends at the first boundary ≥ 300 s of the new schedule (200 + 9 × 12 = 308 s).
    assert.equal(p.endSec, 308);

    p.stop();
    assert.equal(applied[applied.length - 1], null);
    assert.equal(p.timeline(0), null);
  });

  test('invalid settings are refused with the validator message', () => {
    const p = new PacerController(() => undefined);
    assert.throws(() => p.start({ rateBpm: 20, inhaleFraction: 0.5 }, 0), /rateBpm must be between 3 and 12/);
    assert.equal(p.active, false);
  });
});
