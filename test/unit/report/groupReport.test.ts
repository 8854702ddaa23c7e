import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { groupReportTextsEn } from '../../../shared/report/groupReportTexts.en.js';
import { groupReportTextsNl } from '../../../shared/report/groupReportTexts.nl.js';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { sessionMetrics, type SessionMetrics } from '../../../shared/dsp/sessionMetrics.js';
import { renderGroupReport } from '../../../shared/report/groupReport.js';
import { groupFigures, type GroupReportInput } from '../../../shared/report/groupSummary.js';
import { renderSessionReport } from '../../../shared/report/sessionReport.js';
import type { SessionReportInput } from '../../../shared/report/reportTypes.js';
import { simulatePpg } from '../../../shared/sim/simulate.js';
import { assertSelfContained, dataCells, visibleText } from './htmlProbe.js';

/** Key figures with the given time in level (s, of a 300 s session), mean HR and signal quality; the rest plausible. */
function metrics(sec: { low: number; medium: number; high: number; notScored: number }, meanHrBpm: number | null, signalQualityPct: number | null): SessionMetrics {
  const total = sec.low + sec.medium + sec.high + sec.notScored;
  const pct = (x: number): number => Math.round((10_000 * x) / total) / 100;
  const scored = sec.low + sec.medium + sec.high;
  return {
    analyzedSec: total,
    meanHrBpm,
    meanNnMs: meanHrBpm ? 60000 / meanHrBpm : null,
    sdnnMs: 50,
    rmssdMs: 40,
    pnn50Pct: 20,
    vlfMs2: 100,
    lfMs2: 900,
    hfMs2: 300,
    lfHf: 3,
    lfPeakHz: 0.1,
    hfPeakHz: 0.2,
    coherenceMean: 2,
    coherencePeak: 5,
    coherencePeakTSec: 100,
    coherenceSec: sec,
    coherencePct: { low: pct(sec.low), medium: pct(sec.medium), high: pct(sec.high), notScored: pct(sec.notScored) },
    coherenceScoredSec: scored,
    coherenceScoredPct: { low: 0, medium: 0, high: 0 },
    breathingRateBpm: 6,
    beats: 300,
    nnIntervals: 299,
    correctedBeats: 0,
    correctedPct: 0,
    signalQualityPct,
    unusableSec: 0,
    timingNoiseMs: 2,
    hrvWithheld: {},
  };
}

const NAMES = ['Anna de Vries', 'Bas Bakker', 'Cor Jansen'];
const input = (names: boolean): GroupReportInput => ({
  group: {
    id: 4,
    startedAt: '2025-03-11T09:30:00.000Z',
    endedAt: '2025-03-11T09:35:10.000Z',
    pacer: { rateBpm: 6, inhaleFraction: 0.4 },
    pacerChanges: [{ tSec: 150, settings: { rateBpm: 5.5, inhaleFraction: 0.4 } }],
    notes: names ? 'Bas kwam later binnen' : '',
  },
  members: [
    { sessionId: 21, clientId: 5, name: names ? NAMES[0]! : null, status: 'complete', durationSec: 300, metrics: metrics({ low: 60, medium: 90, high: 90, notScored: 60 }, 62.4, 98.5) },
    { sessionId: 22, clientId: 7, name: names ? NAMES[1]! : null, status: 'complete', durationSec: 300, metrics: metrics({ low: 180, medium: 45, high: 15, notScored: 60 }, 81, 90) },
    { sessionId: 23, clientId: 9, name: names ? NAMES[2]! : null, status: 'interrupted', durationSec: 20, metrics: null, error: 'too short' },
  ],
  names,
  generatedAt: '2025-03-11T10:00:00.000Z',
});

describe('group summary (issue 14)', () => {
  test('its catalogue has the same keys in Dutch and English, all valid ICU', () => {
    assert.deepEqual(catalogueProblems('groupReportTexts', groupReportTextsNl, groupReportTextsEn), []);
  });

  test('figures: time in medium/high coherence with its share, mean HR and signal quality per participant; the group mean over the analysed', () => {
    const f = groupFigures(input(false));
    assert.equal(f.durationSec, 300, 'the longest recording');
    assert.deepEqual(
      f.members.map((m) => [m.n, m.name, m.mediumSec, m.highSec, m.coherentPct, m.meanHrBpm, m.signalQualityPct, m.analysed]),
      [
        [1, null, 90, 90, 60, 62.4, 98.5, true],
        [2, null, 45, 15, 20, 81, 90, true],
        [3, null, null, null, null, null, null, false],
      ],
    );
    assert.equal(f.members[2]!.error, 'too short');
    assert.equal(f.analysedCount, 2);
    assert.equal(f.groupCoherentPct, 40, '(60 + 20) / 2: the participant without analysis does not count');
    assert.equal(groupFigures({ ...input(false), members: [] }).groupCoherentPct, null);
    const noPacer = visibleText(renderGroupReport({ ...input(false), group: { ...input(false).group, pacer: null, pacerChanges: [] } }, { lang: 'nl' }));
    assert.match(noPacer, /Ademhalingspacer Geen pacer/);
    // Names are taken only in the therapist's version.
    assert.deepEqual(groupFigures({ ...input(true), names: false }).members.map((m) => m.name), [null, null, null]);
    assert.deepEqual(groupFigures(input(true)).members.map((m) => m.name), NAMES);
  });

  test('anonymised by default: numbered participants, no names, client numbers or notes; both languages', () => {
    for (const [lang, word, title] of [['nl', 'Deelnemer', 'Groepsoverzicht'], ['en', 'Participant', 'Group summary']] as const) {
      const html = renderGroupReport(input(false), { lang, timeZone: 'Europe/Amsterdam' });
      assertSelfContained(html);
      const text = visibleText(html);
      assert.match(html, /data-report="group"/);
      assert.ok(text.includes(title), `${lang}: ${title}`);
      for (const n of [1, 2, 3]) assert.ok(text.includes(`${word} ${n}`), `${lang}: ${word} ${n}`);
      for (const name of [...NAMES, 'Anna', 'Bas', 'Cor']) assert.ok(!text.includes(name), `${lang}: ${name} must not be in the anonymised summary`);
      assert.doesNotMatch(text, /cliëntnr|client no/i);
      assert.ok(text.includes(lang === 'nl' ? '11 maart 2025' : '11 March 2025'), `${lang}: the group's date`);
      assert.ok(text.includes(lang === 'nl' ? '10:30' : '10:30'), `${lang}: start time in the time zone`);
      assert.match(text, lang === 'nl' ? /6 ademhalingen\/min/ : /6 breaths\/min/);
      assert.match(text, lang === 'nl' ? /vanaf 2:30: 5,5 ademhalingen\/min/ : /from 2:30: 5.5 breaths\/min/, `${lang}: the pacer change`);
      const cells = dataCells(html);
      const of = (key: string): string[] => cells.filter((c) => c.key === key).map((c) => c.value!);
      assert.deepEqual(of('mediumSec'), ['90', '45']);
      assert.deepEqual(of('highSec'), ['90', '15']);
      assert.deepEqual(of('coherentPct'), ['60', '20']);
      assert.deepEqual(of('meanHrBpm'), ['62.4', '81']);
      assert.deepEqual(of('signalQualityPct'), ['98.5', '90']);
      assert.match(html, /data-key="groupCoherentPct" data-value="40"/);
      assert.ok(text.includes(lang === 'nl' ? 'geen analyse mogelijk' : 'no analysis possible'));
      // A bar of the four levels for each analysed participant, with their seconds.
      const bars = [...html.matchAll(/data-chart="levels" data-participant="(\d)"/g)].map((x) => x[1]);
      assert.deepEqual(bars, ['1', '2']);
      const parts = [...html.matchAll(/data-part="(\w+)" data-value="([\d.]+)"/g)].map((x) => `${x[1]}=${x[2]}`);
      assert.deepEqual(parts, ['low=60', 'medium=90', 'high=90', 'notScored=60', 'low=180', 'medium=45', 'high=15', 'notScored=60']);
    }
  });

  test("the therapist's version names the participants (with their client numbers) and shows the group's notes", () => {
    const text = visibleText(renderGroupReport(input(true), { lang: 'nl', timeZone: 'Europe/Amsterdam' }));
    assert.ok(text.includes('Anna de Vries (cliëntnr. 5)'));
    assert.ok(text.includes('Cor Jansen (cliëntnr. 9)'));
    assert.ok(text.includes('Bas kwam later binnen'));
    assert.ok(text.includes('Groepsoverzicht (met namen)'));
    assert.doesNotMatch(text, /Deelnemer 1/);
  });

  test("a member's own session report says it was a group session and names nobody else", () => {
    const s = simulatePpg({ fsHz: 100, seed: 3 }, 90, { rateBpm: 6, inhaleFraction: 0.4 });
    const result = analyzePpg(s.values, s.fsHz);
    const base: SessionReportInput = {
      client: { id: 5, name: 'Anna de Vries' },
      session: { id: 21, type: 'group', status: 'complete', startedAt: '2025-03-11T09:30:00.000Z', endedAt: null, sensorSpec: 'sim', fsHz: 100, notes: '', durationSec: 90 },
      pacer: { rateBpm: 6, inhaleFraction: 0.4 },
      pacerChanges: [],
      markers: [],
      gaps: [],
      analysis: { method: 'analyzePpg', result, timeOffsetSec: 0 },
      generatedAt: '2025-03-11T10:00:00.000Z',
    };
    assert.ok(sessionMetrics(result).meanHrBpm !== null);
    const nl = visibleText(renderSessionReport({ ...base, session: { ...base.session, group: { id: 4, participants: 3 } } }, { lang: 'nl' }));
    assert.match(nl, /Groepssessie \(groep 4, 3 deelnemers\)/);
    assert.match(nl, /Soort Groepssessie/);
    assert.ok(nl.includes('6 ademhalingen/min'), 'the shared pacer is in the report');
    const en = visibleText(renderSessionReport({ ...base, session: { ...base.session, group: { id: 4, participants: 3 } } }, { lang: 'en' }));
    assert.match(en, /Group session \(group 4, 3 participants\)/);
    const single = visibleText(renderSessionReport({ ...base, session: { ...base.session, type: 'breathing' } }, { lang: 'nl' }));
    assert.doesNotMatch(single, /groep \d/, 'a single session has no group line');
  });
});
