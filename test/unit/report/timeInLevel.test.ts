// Time in coherence level over the WHOLE session, with "not scored" as its own share (issue 11,
// item 7): the 9-of-127-s case from the simulator with known truth, its client text in Dutch and
// English, older stored summaries (shares of the scored time only) converted, and the share helper.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { coherenceTimeInLevel, sessionMetrics, sharesPct } from '../../../shared/dsp/sessionMetrics.js';
import { seriesRuns } from '../../../shared/report/charts/lineChart.js';
import { ReportFormat } from '../../../shared/report/reportFormat.js';
import type { SessionReportInput } from '../../../shared/report/reportTypes.js';
import { renderSessionReport } from '../../../shared/report/sessionReport.js';
import { timeInLevelOf } from '../../../shared/report/timeInLevel.js';
import { simulatePpg } from '../../../shared/sim/simulate.js';
import { keyFigureValues, norm, visibleText } from './htmlProbe.js';

const PACER = { rateBpm: 6, inhaleFraction: 0.4 };
const CLIP: [number, number] = [48, 54];
const sim = simulatePpg({ fsHz: 100, seed: 2, clipOff: [CLIP] }, 127, PACER);
const result = analyzePpg(sim.values, sim.fsHz);
const mt = sessionMetrics(result);

/**
 * The truth of the time not scored: a coherence window is the 64 s before its end, and a window
 * holding a hole > 3 s in the beats is not scored. So the first 64 s, and from the clip-off's start
 * until 64 s after its end (less the 3 s of hole a window may hold), are not scored.
 */
function truthNotScoredSec(durationSec: number, clipOff: readonly [number, number][]): number {
  const spans: [number, number][] = [[0, 64], ...clipOff.map(([a, b]): [number, number] => [a, b + 64 - 3])];
  spans.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = 0;
  for (const [a0, b0] of spans) {
    const a = Math.max(a0, end);
    const b = Math.min(b0, durationSec);
    if (b > a) total += b - a;
    end = Math.max(end, b);
  }
  return total;
}

function report(lang: 'nl' | 'en'): string {
  const input: SessionReportInput = {
    client: { id: 1, name: 'Test', dateOfBirth: null, complaint: null },
    session: {
      id: 3,
      type: 'breathing',
      status: 'complete',
      startedAt: '2025-03-12T08:30:00.000Z',
      endedAt: '2025-03-12T08:32:07.000Z',
      sensorSpec: `sim:seed=2,clipoff=${CLIP[0]}-${CLIP[1]}`,
      sensorLabel: 'Simulator',
      fsHz: 100,
      notes: '',
      durationSec: 127,
    },
    pacer: PACER,
    pacerChanges: [],
    markers: [],
    gaps: [],
    analysis: { method: 'analyzePpg', result, timeOffsetSec: 0 },
    generatedAt: '2025-03-12T09:00:00.000Z',
  };
  return renderSessionReport(input, { lang, timeZone: 'Europe/Amsterdam' });
}

const summaryText = (html: string): string => visibleText(/<div class="summary">([\s\S]*?)<\/div>/.exec(html)![1]!);

describe('time in level over the whole session: 9 of 127 s scored', () => {
  test('the scenario: 127 s, a clip-off, 9 s scored, every scored second high', () => {
    assert.equal(result.durationSec, 127);
    assert.equal(mt.coherenceScoredSec, 9);
    assert.deepEqual(mt.coherenceSec, { low: 0, medium: 0, high: 9, notScored: 118 });
    const truth = truthNotScoredSec(127, [CLIP]);
    assert.ok(Math.abs(mt.coherenceSec.notScored - truth) <= 3, `not scored ${mt.coherenceSec.notScored} s, truth ${truth} s`);
  });

  test('shares are of the whole session and sum to 100; the scored shares are kept apart', () => {
    assert.deepEqual(mt.coherencePct, { low: 0, medium: 0, high: 7.09, notScored: 92.91 });
    assert.deepEqual(mt.coherenceScoredPct, { low: 0, medium: 0, high: 100 });
    assert.deepEqual(coherenceTimeInLevel(result).pct, mt.coherencePct);
  });

  test('the report: key figures and level bar over the whole session, not scored its own share', () => {
    for (const lang of ['nl', 'en'] as const) {
      const html = report(lang);
      const kf = keyFigureValues(html);
      assert.equal(kf.get('coherenceSec.high'), 9);
      assert.equal(kf.get('coherenceSec.notScored'), 118);
      assert.match(html, /data-key="coherenceSec\.high" data-value="9" data-pct="7\.09"/);
      assert.match(html, /data-key="coherenceSec\.notScored" data-value="118" data-pct="92\.91"/);
      assert.match(html, /data-part="notScored" data-value="118"/);
      assert.match(html, /data-part="high" data-value="9"/);
      const f = new ReportFormat(lang);
      assert.ok(visibleText(html).includes(norm(`${f.duration(118)} (${f.pct(92.91, 0)})`)), 'the not-scored row shows its share');
    }
  });

  test('the client text speaks of the 9 scored seconds and never claims 100 %', () => {
    const nl = summaryText(report('nl'));
    const en = summaryText(report('en'));
    assert.match(nl, /Van de 2 min 7 s van deze sessie kon 9 s op coherentie worden beoordeeld\./);
    assert.match(nl, /Van die 9 s was uw hartritme 9 s in het hoge coherentiebereik\./);
    assert.match(nl, /zegt nog weinig over de hele sessie/);
    assert.match(en, /Of the 2 min 7 s of this session, 9 s could be scored for coherence\./);
    assert.match(en, /Of those 9 s, your heart rhythm was in the high coherence range for 9 s\./);
    assert.match(en, /says little about the session as a whole/);
    for (const t of [nl, en]) {
      assert.doesNotMatch(t, /100/);
      assert.doesNotMatch(t, /groot deel|much of/);
    }
  });
});

describe('older stored summaries (time in level as shares of the scored time only)', () => {
  test('are converted: not scored = analysed duration − scored seconds, shares of the whole session', () => {
    const old = { analyzedSec: 127, coherenceSec: { low: 0, medium: 0, high: 9 }, coherencePct: { low: 0, medium: 0, high: 100 } };
    const v = timeInLevelOf(old)!;
    assert.deepEqual(v.sec, { low: 0, medium: 0, high: 9, notScored: 118 });
    assert.deepEqual(v.pct, { low: 0, medium: 0, high: 7.09, notScored: 92.91 });
    assert.equal(v.scoredSec, 9);
    assert.deepEqual(v.scoredPct, { low: 0, medium: 0, high: 100 });
  });

  test('a current summary is read as stored; junk gives null, never a throw', () => {
    const cur = { analyzedSec: 127, coherenceSec: mt.coherenceSec, coherencePct: mt.coherencePct };
    assert.deepEqual(timeInLevelOf(cur)!.pct, mt.coherencePct);
    assert.equal(timeInLevelOf(null), null);
    assert.equal(timeInLevelOf({ analyzedSec: 'x', coherenceSec: 3 } as unknown as Record<string, unknown>), null);
  });
});

describe('sharesPct', () => {
  test('two decimals by largest remainder: the shares sum to exactly 100', () => {
    const p = sharesPct({ a: 1, b: 1, c: 1 }, 3);
    assert.equal(Math.round((p.a + p.b + p.c) * 100), 10_000);
    assert.deepEqual(sharesPct({ a: 0, b: 0 }, 0), { a: 0, b: 0 });
    assert.deepEqual(sharesPct({ a: 9, b: 118 }, 127), { a: 7.09, b: 92.91 });
  });
});

describe('chart lines break at signal gaps', () => {
  test('a segment reaching into a gap span is not drawn, one ending on its edge is', () => {
    const runs = seriesRuns({ x: [0, 1, 2, 6, 7], y: [1, 2, 3, 4, 5], breaks: [{ from: 2, to: 5.5 }] });
    assert.deepEqual(runs, [
      { x: [0, 1, 2], y: [1, 2, 3] },
      { x: [6, 7], y: [4, 5] },
    ]);
  });
});
