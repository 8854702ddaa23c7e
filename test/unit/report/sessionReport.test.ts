import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeIntervals } from '../../../shared/dsp/analyzeIntervals.js';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import type { AnalysisResult } from '../../../shared/dsp/types.js';
import { ReportFormat } from '../../../shared/report/reportFormat.js';
import type { SessionReportInput } from '../../../shared/report/reportTypes.js';
import { sessionMetrics } from '../../../shared/dsp/sessionMetrics.js';
import { renderSessionReport } from '../../../shared/report/sessionReport.js';
import { simulateBeatTimes, simulatePpg } from '../../../shared/sim/simulate.js';
import { assertSelfContained, dataCells, keyFigureValues, norm, visibleText } from './htmlProbe.js';

const PACER = { rateBpm: 6, inhaleFraction: 0.4 };
const sim = simulatePpg({ fsHz: 100, seed: 7, ectopicPerMin: 0.6, clipOff: [[150, 156]] }, 300, PACER);
const result = analyzePpg(sim.values, sim.fsHz);

function input(analysis: SessionReportInput['analysis'], over: Partial<SessionReportInput> = {}): SessionReportInput {
  return {
    client: { id: 4, name: 'Jan <Jansen> & Zn', dateOfBirth: '1970-02-01', complaint: 'hyperventilatie' },
    session: {
      id: 17,
      type: 'breathing',
      status: 'complete',
      startedAt: '2025-03-12T08:30:00.000Z',
      endedAt: '2025-03-12T08:35:00.000Z',
      sensorSpec: 'sim',
      sensorLabel: 'Simulator',
      fsHz: 100,
      notes: 'Goed meegedaan.\nVolgende keer 5,5/min.',
      durationSec: 300,
    },
    pacer: PACER,
    pacerChanges: [{ tSec: 200, settings: { rateBpm: 5.5, inhaleFraction: 0.4 } }],
    markers: [
      { tSec: 60, kind: 'note', note: 'zucht' },
      { tSec: 240, kind: 'event', note: 'telefoon' },
    ],
    gaps: [],
    analysis,
    generatedAt: '2025-03-12T09:00:00.000Z',
    ...over,
  };
}

/** The key figures the report must show, straight from the analysis result. */
function expectedFigures(r: AnalysisResult): Record<string, number | null> {
  const fin = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
  const peak = Math.max(...r.coherence.series.filter((p) => p.ratio !== null).map((p) => p.ratio as number));
  // A point counts in its level when it was scored and its time had usable signal (not inside an
  // unusable stretch: the time the live screen shows frozen).
  const usable = (t: number): boolean => !(r.signal?.gaps ?? []).some((g) => t >= g.startSec && t < g.endSec);
  const levelSec = (l: string): number => r.coherence.series.filter((p) => p.level === l && usable(p.tSec)).length * Math.round(r.coherence.series[1]!.tSec - r.coherence.series[0]!.tSec);
  return {
    meanHrBpm: fin(r.hrv.meanHrBpm),
    rmssdMs: fin(r.hrv.rmssdMs),
    sdnnMs: fin(r.hrv.sdnnMs),
    pnn50Pct: fin(r.hrv.pnn50Pct),
    lfHf: fin(r.hrv.lfHf),
    lfPeakHz: fin(r.hrv.lfPeakHz),
    lfMs2: fin(r.hrv.lfMs2),
    hfMs2: fin(r.hrv.hfMs2),
    coherenceMean: r.coherence.ratioMean,
    coherencePeak: peak,
    'coherenceSec.high': levelSec('high'),
    'coherenceSec.medium': levelSec('medium'),
    'coherenceSec.low': levelSec('low'),
    breathingRateBpm: r.respiration.rateBpmMean,
    correctedPct: r.artifacts.percent,
    signalQualityPct: r.signal ? Math.round((100 - r.signal.unusablePct) * 100) / 100 : 100,
    beats: r.beats.tSec.length,
    analyzedSec: r.durationSec,
  };
}

describe('session report (pure rendering)', () => {
  const nl = renderSessionReport(input({ method: 'analyzePpg', result, timeOffsetSec: 0 }), { lang: 'nl', timeZone: 'Europe/Amsterdam' });
  const en = renderSessionReport(input({ method: 'analyzePpg', result, timeOffsetSec: 0 }), { lang: 'en', timeZone: 'Europe/Amsterdam' });

  test('is a self-contained document in both languages', () => {
    assertSelfContained(nl);
    assertSelfContained(en);
    assert.match(nl, /<html lang="nl">/);
    assert.match(en, /<html lang="en">/);
    assert.match(nl, /@page \{\s*size: A4/);
    assert.match(nl, /break-before: page/);
  });

  test('key figures equal the analysis result, value for value', () => {
    const want = expectedFigures(result);
    for (const html of [nl, en]) {
      const got = keyFigureValues(html);
      for (const [k, v] of Object.entries(want)) assert.equal(got.get(k), v, k);
    }
    // Sanity of the scenario itself: the client breathed at the pacer and the rhythm was coherent.
    assert.ok(Math.abs(result.respiration.rateBpmMean! - 6) < 0.8, `breathing ${result.respiration.rateBpmMean}`);
    assert.ok(want['coherenceSec.high']! > 60);
    assert.ok(result.artifacts.corrected > 0, 'the ectopic beats were corrected');
  });

  test('numbers are written in the language of the report', () => {
    const fnl = new ReportFormat('nl');
    const fen = new ReportFormat('en');
    const tnl = visibleText(nl);
    const ten = visibleText(en);
    assert.ok(tnl.includes(norm(fnl.unit(result.hrv.rmssdMs, 1, 'ms'))), 'Dutch RMSSD');
    assert.ok(ten.includes(norm(fen.unit(result.hrv.rmssdMs, 1, 'ms'))), 'English RMSSD');
    assert.ok(tnl.includes(fnl.num(result.hrv.lfHf, 2)));
    assert.ok(ten.includes(fen.num(result.hrv.lfHf, 2)));
    assert.notEqual(fnl.num(result.hrv.lfHf, 2), fen.num(result.hrv.lfHf, 2));
    assert.ok(tnl.includes(`${fnl.num(result.hrv.meanHrBpm, 1)} slagen/min`));
    assert.ok(ten.includes(`${fen.num(result.hrv.meanHrBpm, 1)} bpm`));
    assert.match(tnl, /Sessierapport .*Kerngetallen/);
    assert.match(ten, /Session report .*Key figures/);
    assert.match(tnl, /12 maart 2025/);
    assert.match(ten, /12 March 2025/);
    assert.match(tnl, /Tijd in hoge coherentie/);
    assert.match(ten, /Time in high coherence/);
  });

  test('details, pacer and its change, markers, notes, gaps and settings are shown', () => {
    const t = visibleText(nl);
    assert.match(t, /Jan <Jansen> & Zn/);
    assert.match(nl, /Jan &lt;Jansen&gt; &amp; Zn/, 'escaped in the markup');
    assert.match(t, /vanaf 0:00: 6 ademhalingen\/min · in : uit 40 : 60/);
    assert.match(t, /vanaf 3:20: 5,5 ademhalingen\/min/);
    assert.match(t, /1 1:00 notitie zucht/);
    assert.match(t, /2 4:00 gebeurtenis telefoon/);
    assert.match(nl, /Goed meegedaan\.<br>Volgende keer 5,5\/min\./);
    assert.match(t, /Onderbrekingen van het signaal/);
    for (const g of result.signal!.gaps) assert.ok(t.includes(new ReportFormat('nl').clock(g.startSec)));
    assert.match(t, /Welch-periodogram/);
    assert.match(t, /Lipponen & Tarvainen 2019/);
    assert.match(t, /laag < 1 ≤ middel < 3 ≤ hoog/);
    // the four charts and the levels bar
    for (const c of ['hr', 'coherence', 'levels', 'spectrum', 'breathing']) assert.match(nl, new RegExp(`data-chart="${c}"><figcaption>[^<]+</figcaption><svg class="chart"`), c);
  });

  test('the spectrum is the best 64 s: the window of the highest coherence ratio', () => {
    const mt = sessionMetrics(result);
    const f = new ReportFormat('nl');
    assert.match(visibleText(nl), new RegExp(`Spectrum van de beste 64 s \\(${f.clock(mt.coherencePeakTSec! - 64)}–${f.clock(mt.coherencePeakTSec!)}\\)`));
    assert.match(visibleText(nl), /piek 0,\d{3} Hz/);
  });

  test('the plain-language summary uses the same numbers', () => {
    const mt = sessionMetrics(result);
    const f = new ReportFormat('en');
    const summary = /<div class="summary">([\s\S]*?)<\/div>/.exec(en)![1]!;
    assert.ok(summary.includes(`${f.num(mt.meanHrBpm, 0)} beats per minute`));
    // The coherence sentence speaks of the scored time only, and says how much that was.
    assert.ok(norm(summary).includes(norm(`Of the ${f.spokenDuration(mt.analyzedSec)} of this session, ${f.spokenDuration(mt.coherenceScoredSec)} could be scored`)), summary);
    assert.ok(norm(summary).includes(norm(`high coherence range for ${f.spokenDuration(mt.coherenceSec.high)}`)), summary);
    // Its share is of the scored time, given only when most of the session was scored.
    const mostly = mt.coherenceScoredSec >= mt.analyzedSec / 2;
    assert.equal(norm(summary).includes(norm(`${f.spokenDuration(mt.coherenceSec.high)} (${f.pct(mt.coherenceScoredPct.high, 0)})`)), mostly, summary);
    assert.match(summary, /not a diagnosis/);
  });

  test('a session without analysable data renders, saying why, without charts', () => {
    const html = renderSessionReport(input({ method: 'none', error: 'only 4.0 s of signal at 100 Hz; at least 10 s is needed' }, { markers: [], pacer: null, pacerChanges: [] }), { lang: 'en' });
    assertSelfContained(html);
    assert.match(visibleText(html), /No analysis was possible for this session: only 4\.0 s of signal/);
    assert.match(visibleText(html), /No pacer used\./);
    assert.match(visibleText(html), /None recorded\./);
    assert.doesNotMatch(html, /data-chart=/);
    assert.equal(dataCells(html).length, 0);
  });

  test('an interval-only session (beat intervals from the sensor) renders its analysis', () => {
    const beats = simulateBeatTimes({ seed: 3 }, 240, PACER);
    const r = analyzeIntervals(beats.ibiMs);
    const html = renderSessionReport(
      input({ method: 'analyzeIntervals', result: r, timeOffsetSec: beats.tSec[0]! }, { session: { ...input({ method: 'none', error: '' }).session, fsHz: null, sensorSpec: 'ble:Polar H10' } }),
      { lang: 'nl' },
    );
    assertSelfContained(html);
    assert.equal(keyFigureValues(html).get('rmssdMs'), r.hrv.rmssdMs);
    assert.equal(keyFigureValues(html).get('signalQualityPct'), 100);
    assert.match(visibleText(html), /slag-tot-slagintervallen van de sensor/);
    assert.doesNotMatch(visibleText(html), /Intervalmeting/, 'no PPG fiducial for sensor intervals');
  });

  test('a short session (no LF/HF) shows it withheld with its reason, not NaN or a number', () => {
    const short = simulatePpg({ fsHz: 100, seed: 2 }, 40);
    const r = analyzePpg(short.values, short.fsHz);
    assert.ok(!Number.isFinite(r.hrv.lfHf ?? NaN), 'the analysis has no LF/HF for 40 s');
    assert.equal(r.hrvWithheld?.lfHf, 'too-short');
    const html = renderSessionReport(input({ method: 'analyzePpg', result: r, timeOffsetSec: 0 }, { markers: [] }), { lang: 'nl' });
    assertSelfContained(html);
    assert.equal(keyFigureValues(html).get('lfHf'), null);
    assert.match(html, /class="num withheld" data-key="lfHf" data-value="" data-withheld="too-short">niet getoond</);
    assert.match(visibleText(html), /LF\/HF-verhouding: meting te kort voor deze waarde/);
    assert.doesNotMatch(visibleText(html), /NaN/);
  });
});
