// A running-log entry from a run: repeated [run, walk] pairs, warm-up and cool-down left out,
// the longest run and heart rates; what the validator of the running log accepts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRunBytes } from '../../../main/running/readRunFile.js';
import { validateRunningLog } from '../../../shared/domain/validateRunningLog.js';
import { analyseRun } from '../../../shared/running/runAnalysis.js';
import { runIntervals, runningLogDraft } from '../../../shared/running/runningLogDraft.js';
import type { RunBlockSummary } from '../../../shared/running/runAnalysis.js';
import { fitFile, START, WEEK1 } from '../../support/runFiles.js';

const blocks = (spec: [string, number][]): RunBlockSummary[] => {
  let t = 0;
  return spec.map(([k, sec]) => {
    const b = { kind: k as 'run' | 'walk', startSec: t, endSec: t + sec, meanHrBpm: null, meanSpeedMps: null, meanCadenceSpm: null };
    t += sec;
    return b;
  });
};

describe('running-log draft', () => {
  test('repetitions of equal pairs; warm-up left out; the last run takes the walk of the pair before', () => {
    assert.deepEqual(runIntervals(blocks([['walk', 300], ['run', 60], ['walk', 120], ['run', 60], ['walk', 120], ['run', 62], ['walk', 400]])), [{ runMin: 1, walkMin: 2, reps: 3 }]);
    assert.deepEqual(
      runIntervals(blocks([['run', 180], ['walk', 60], ['run', 180], ['walk', 60], ['run', 300], ['walk', 90], ['run', 300], ['walk', 300]])),
      [{ runMin: 3, walkMin: 1, reps: 2 }, { runMin: 5, walkMin: 1.5, reps: 2 }],
    );
    assert.deepEqual(runIntervals(blocks([['walk', 300], ['run', 1200], ['walk', 300]])), [{ runMin: 20, walkMin: 0, reps: 1 }]);
    assert.deepEqual(runIntervals(blocks([['walk', 300]])), []);
  });

  test('from the week-1 FIT: 6 × (1 min run, 2 min walk), valid for the running log', () => {
    const { summary } = analyseRun(parseRunBytes(fitFile(WEEK1), 'w1.fit', '.fit'), null);
    const d = runningLogDraft(3, null, START.toISOString(), summary, 12);
    assert.deepEqual(d.intervals, [{ runMin: 1, walkMin: 2, reps: 6 }]);
    assert.equal(d.continuousRunMin, 1);
    assert.equal(d.date, '2026-11-02');
    assert.equal(d.borg, null, 'the therapist adds Borg');
    assert.equal(d.hrMaxBpm, summary.maxHrBpm);
    assert.equal(d.notes, 'FIT #12');
    const v = validateRunningLog(d, new Date('2026-11-03T12:00:00Z'));
    assert.ok(v.ok, JSON.stringify(v));
  });
});
