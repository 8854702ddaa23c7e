import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupSetupProblem, prefillSensors, type ParticipantDraft } from '../../../shared/group/groupSetup.js';
import { groupCoherenceShare, initialsOf, tileLabels } from '../../../shared/group/groupTiles.js';
import { shiftPacer } from '../../../shared/group/shiftPacer.js';

const row = (clientId: number | null, sensorKey: string | null): ParticipantDraft => ({ clientId, sensorKey });

describe('group set-up rules', () => {
  test('2–6 participants, each complete, no client or sensor twice', () => {
    assert.equal(groupSetupProblem([row(1, 'sim:seed=1')]), 'tooFew');
    assert.equal(groupSetupProblem(Array.from({ length: 7 }, (_, i) => row(i + 1, `sim:seed=${i + 1}`))), 'tooMany');
    assert.equal(groupSetupProblem([row(1, 'a'), row(2, null)]), 'incomplete');
    assert.equal(groupSetupProblem([row(1, 'a'), row(null, 'b')]), 'incomplete');
    assert.equal(groupSetupProblem([row(1, 'a'), row(1, 'b')]), 'sameClient');
    assert.equal(groupSetupProblem([row(1, 'a'), row(2, 'a')]), 'sameSensor');
    assert.equal(groupSetupProblem([row(1, 'a'), row(2, 'b')]), null);
    assert.equal(groupSetupProblem(Array.from({ length: 6 }, (_, i) => row(i + 1, `s${i}`))), null);
  });

  test('remembered sensors fill empty rows only, never a sensor another row has', () => {
    const remembered = new Map([
      [1, 'ble:AA'],
      [2, 'serial:/dev/ttyUSB0'],
      [3, 'ble:AA'],
    ]);
    const out = prefillSensors([row(1, null), row(2, 'sim:seed=2'), row(3, null), row(null, null), row(4, null)], remembered);
    assert.deepEqual(out, [row(1, 'ble:AA'), row(2, 'sim:seed=2'), row(3, null), row(null, null), row(4, null)]);
  });
});

describe('group display tiles', () => {
  test('initials: first and last name part, particles skipped; one word: two letters', () => {
    assert.equal(initialsOf('Anna de Vries'), 'AV');
    assert.equal(initialsOf('  jan van der berg '), 'JB');
    assert.equal(initialsOf('Özlem Yılmaz'), 'ÖY');
    assert.equal(initialsOf('Bas'), 'BA');
    assert.equal(initialsOf(''), '?');
  });

  test('equal initials are numbered in order', () => {
    assert.deepEqual(tileLabels(['Anna Vos', 'Bas Jansen', 'Arie Visser']), ['AV 1', 'BJ', 'AV 2']);
  });

  test('a chosen nickname replaces the initials; blank counts as none; equal labels are still numbered', () => {
    assert.deepEqual(tileLabels(['Anna Vos', 'Bas Jansen', 'Arie Visser'], ['Zonnetje', null, '  ']), ['Zonnetje', 'BJ', 'AV']);
    assert.deepEqual(tileLabels(['Anna Vos', 'Bas Jansen'], ['Bo', 'Bo']), ['Bo 1', 'Bo 2']);
  });

  test('group coherence: share of the members in medium or high; none recording: null', () => {
    assert.equal(groupCoherenceShare([]), null);
    assert.equal(groupCoherenceShare(['low', 'medium', 'high', null]), 0.5);
    assert.equal(groupCoherenceShare(['high', 'high']), 1);
  });
});

describe('the shared pacer on another member\'s clock', () => {
  test('every time of the timeline moves by the offset; the settings stay', () => {
    const settings = { rateBpm: 6, inhaleFraction: 0.4 };
    const t = { version: 3, segments: [{ settings, startSec: 100, firstBreathIndex: 0 }, { settings: { ...settings, rateBpm: 5 }, startSec: 160, firstBreathIndex: 6 }], endSec: 400, running: true, clockSec: 120 };
    const s = shiftPacer(t, 30.5);
    assert.deepEqual(s.segments.map((x) => [x.startSec, x.firstBreathIndex, x.settings.rateBpm]), [[130.5, 0, 6], [190.5, 6, 5]]);
    assert.equal(s.endSec, 430.5);
    assert.equal(s.clockSec, 150.5);
    assert.equal(s.version, 3);
    assert.equal(shiftPacer({ ...t, endSec: null }, -10).endSec, null, 'open-ended stays open-ended');
    assert.equal(t.segments[0]!.startSec, 100, 'the original is not changed');
  });
});
