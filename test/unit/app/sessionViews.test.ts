// The summary the renderer shows of a stored session: time in level over the whole session with
// "not scored" (summaries of older versions converted), and the withheld HRV figures with reasons.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summaryView } from '../../../main/app/sessionViews.js';
import type { JsonObject, SessionListItem } from '../../../shared/domain/types.js';

function item(summary: JsonObject | null): SessionListItem {
  return {
    id: 5,
    clientId: 2,
    courseId: null,
    type: 'breathing',
    status: 'complete',
    sensorSpec: 'sim',
    sensorInfo: null,
    pacer: { rateBpm: 6, inhaleFraction: 0.4 },
    startedAt: '2025-03-12T08:30:00.000Z',
    endedAt: '2025-03-12T08:32:07.000Z',
    fsHz: 100,
    notes: '',
    summary,
    durationSec: 127,
    beats: 150,
  } as unknown as SessionListItem;
}

describe('summaryView', () => {
  test('a summary of this version: shares of the whole session, not scored its own share, withheld figures', () => {
    const v = summaryView(
      item({
        method: 'analyzePpg',
        error: null,
        analyzedSec: 127,
        rmssdMs: null,
        coherenceSec: { low: 0, medium: 0, high: 9, notScored: 118 },
        coherencePct: { low: 0, medium: 0, high: 7.09, notScored: 92.91 },
        coherenceScoredSec: 9,
        hrvWithheld: { rmssdMs: 'below-timing-floor', vlfMs2: 'too-short', bogus: 'x' },
      }),
      0,
    );
    assert.deepEqual(v.coherenceLevelsPct, { low: 0, medium: 0, high: 7.09, notScored: 92.91 });
    assert.equal(v.coherenceScoredSec, 9);
    assert.deepEqual(v.hrvWithheld, { rmssdMs: 'below-timing-floor', vlfMs2: 'too-short' });
  });

  test('an older summary (levels as shares of the scored time only) is converted, not shown as 100 %', () => {
    const v = summaryView(
      item({ method: 'analyzePpg', error: null, analyzedSec: 127, coherenceSec: { low: 0, medium: 0, high: 9 }, coherencePct: { low: 0, medium: 0, high: 100 } }),
      0,
    );
    assert.deepEqual(v.coherenceLevelsPct, { low: 0, medium: 0, high: 7.09, notScored: 92.91 });
    assert.equal(v.coherenceScoredSec, 9);
    assert.deepEqual(v.hrvWithheld, {});
  });

  test('no summary, or one without numbers: no time in level', () => {
    assert.equal(summaryView(item(null), 0).coherenceLevelsPct, null);
    assert.equal(summaryView(item({ method: 'none', error: 'too short', analyzedSec: 4 }), 0).coherenceLevelsPct, null);
  });
});
