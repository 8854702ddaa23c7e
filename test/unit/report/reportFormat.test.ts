import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dayNumber, ReportFormat } from '../../../shared/report/reportFormat.js';
import { reportMessages, REPORT_LANGS, type ClientSummaryFacts, type ReportMessages } from '../../../shared/report/reportMessages.js';

describe('ReportFormat', () => {
  const nl = new ReportFormat('nl', 'Europe/Amsterdam');
  const en = new ReportFormat('en', 'Europe/Amsterdam');

  test('numbers use the locale: decimal comma in Dutch, point in English', () => {
    assert.equal(nl.num(72.345, 1), '72,3');
    assert.equal(en.num(72.345, 1), '72.3');
    assert.equal(nl.num(3111.4, 0), '3.111');
    assert.equal(en.num(3111.4, 0), '3,111');
    assert.equal(nl.numShort(6, 2), '6');
    assert.equal(nl.numShort(5.5, 2), '5,5');
    assert.equal(nl.pct(12.5, 1), '12,5\u00a0%');
    assert.equal(en.pct(12.5, 1), '12.5%');
    assert.equal(nl.unit(30.06, 1, 'ms'), '30,1\u00a0ms');
  });

  test('missing values print as a dash, never NaN', () => {
    for (const f of [nl, en]) {
      for (const x of [null, undefined, NaN, Infinity]) {
        assert.equal(f.num(x), '—');
        assert.equal(f.pct(x), '—');
        assert.equal(f.unit(x, 1, 'ms'), '—');
        assert.equal(f.clock(x), '—');
      }
      assert.equal(f.date(null), '—');
      assert.equal(f.date('2025-02-30'), '—');
    }
  });

  test('clock and duration', () => {
    assert.equal(nl.clock(0), '0:00');
    assert.equal(nl.clock(59.6), '1:00');
    assert.equal(nl.clock(605), '10:05');
    assert.equal(nl.clock(3725), '1:02:05');
    assert.equal(nl.clock(-3), '0:00');
    assert.equal(nl.duration(150), '2:30\u00a0min');
    assert.equal(en.duration(3725), '1:02:05\u00a0h');
  });

  test('dates in the language; calendar dates are not shifted by the time zone', () => {
    assert.equal(nl.date('2025-03-12'), '12 maart 2025');
    assert.equal(en.date('2025-03-12'), '12 March 2025');
    assert.equal(nl.shortDate('2025-03-02'), '02-03-2025');
    assert.equal(en.shortDate('2025-03-02'), '02/03/2025');
    assert.equal(new ReportFormat('nl', 'Pacific/Kiritimati').date('2025-03-12'), '12 maart 2025');
  });

  test('instants in the report time zone', () => {
    const t = '2025-03-12T23:30:00.000Z';
    assert.equal(nl.localDateOf(t), '2025-03-13');
    assert.equal(new ReportFormat('nl', 'UTC').localDateOf(t), '2025-03-12');
    assert.equal(nl.instantTimeText(t), '00:30');
    assert.equal(nl.instantDateText(t), '13 maart 2025');
    assert.equal(dayNumber('1970-01-11'), 10);
  });
});

describe('report messages', () => {
  const keysOf = (m: ReportMessages): string[] => Object.keys(m).sort();

  test('Dutch and English have the same messages, none empty', () => {
    const nl = reportMessages('nl');
    const en = reportMessages('en');
    assert.deepEqual(keysOf(nl), keysOf(en));
    for (const lang of REPORT_LANGS) {
      const m = reportMessages(lang);
      for (const [k, v] of Object.entries(m)) {
        if (typeof v === 'string') assert.ok(v.trim().length > 0, `${lang}.${k} is empty`);
        if (v && typeof v === 'object') {
          assert.deepEqual(Object.keys(v).sort(), Object.keys((lang === 'nl' ? en : nl)[k as keyof ReportMessages] as object).sort(), `${lang}.${k} keys`);
          for (const [kk, vv] of Object.entries(v)) assert.ok(String(vv).trim(), `${lang}.${k}.${kk} is empty`);
        }
      }
    }
  });

  test('the Dutch table is Dutch and the English table English', () => {
    assert.equal(reportMessages('nl').sessionReportTitle, 'Sessierapport');
    assert.equal(reportMessages('en').sessionReportTitle, 'Session report');
    assert.equal(reportMessages('nl').moment('week3'), 'week 3');
    assert.equal(reportMessages('nl').moment('mid'), 'tussenevaluatie');
    assert.equal(reportMessages('en').moment('final'), 'final evaluation');
  });

  const facts = (over: Partial<ClientSummaryFacts> = {}): ClientSummaryFacts => ({
    duration: '10:00 min',
    sessionSpoken: '10 min',
    meanHr: '72',
    pacerRate: '6',
    breathingRate: '6,1',
    breathingMatchesPacer: true,
    scoredSpoken: '8 min 56 s',
    scoredSharePct: 89.3,
    highSpoken: '7 min 9 s',
    mediumSpoken: '1 min 20 s',
    highPct: '80 %',
    mediumPct: '15 %',
    coherentShare: 95,
    signalQuality: '98 %',
    signalQualityLow: false,
    anyWithheld: false,
    ...over,
  });

  test('client summary: describes the numbers, never a diagnosis, and hedges poor signal', () => {
    for (const lang of REPORT_LANGS) {
      const m = reportMessages(lang);
      const good = m.clientSummary(facts()).join(' ');
      assert.match(good, /72/);
      assert.match(good, /80 %/);
      assert.match(good, lang === 'nl' ? /geen diagnose/ : /not a diagnosis/);
      assert.doesNotMatch(good, lang === 'nl' ? /verstoord/ : /disturbed/);
      assert.match(good, lang === 'nl' ? /Van de 10 min van deze sessie kon 8 min 56 s op coherentie worden beoordeeld/ : /Of the 10 min of this session, 8 min 56 s could be scored/);
      assert.match(good, lang === 'nl' ? /7 min 9 s \(80 %\) in het hoge coherentiebereik en 1 min 20 s \(15 %\)/ : /high coherence range for 7 min 9 s \(80 %\) and in the medium range for 1 min 20 s \(15 %\)/);
      const poor = m.clientSummary(facts({ signalQualityLow: true, signalQuality: '61 %', coherentShare: 5, highPct: '2 %', mediumPct: '3 %', highSpoken: '11 s', mediumSpoken: '16 s' })).join(' ');
      assert.match(poor, /61 %/);
      assert.match(poor, lang === 'nl' ? /minder zeker/ : /less certain/);
      assert.match(poor, lang === 'nl' ? /oefenen/ : /practice/);
      const flat = m.clientSummary(facts({ coherentShare: 0, highPct: '0 %', mediumPct: '0 %', highSpoken: null, mediumSpoken: null })).join(' ');
      assert.match(flat, lang === 'nl' ? /bleef .* in het lage coherentiebereik/ : /stayed in the low coherence range/);
      assert.doesNotMatch(flat, /0 %/);
      // Mostly not scored: no percentages, and no conclusion about the session.
      const few = m.clientSummary(facts({ sessionSpoken: '2 min 7 s', scoredSpoken: '9 s', scoredSharePct: 7.1, highSpoken: '9 s', mediumSpoken: null, highPct: null, mediumPct: null, coherentShare: 100 })).join(' ');
      assert.match(few, lang === 'nl' ? /Van de 2 min 7 s van deze sessie kon 9 s op coherentie worden beoordeeld\. Van die 9 s was uw hartritme 9 s in het hoge coherentiebereik\./ : /Of the 2 min 7 s of this session, 9 s could be scored for coherence\. Of those 9 s, your heart rhythm was in the high coherence range for 9 s\./);
      assert.match(few, lang === 'nl' ? /zegt nog weinig over de hele sessie/ : /says little about the session as a whole/);
      assert.doesNotMatch(few, /%/);
      const none = m.clientSummary(facts({ scoredSpoken: null, scoredSharePct: 0, highSpoken: null, mediumSpoken: null, highPct: null, mediumPct: null, coherentShare: null })).join(' ');
      assert.match(none, lang === 'nl' ? /kon in deze sessie niet worden beoordeeld/ : /could not be scored in this session/);
      const noPacer = m.clientSummary(facts({ pacerRate: null, breathingMatchesPacer: null, meanHr: null, highPct: null, mediumPct: null, coherentShare: null })).join(' ');
      assert.doesNotMatch(noPacer, /pacer/);
      assert.match(noPacer, /10:00 min/);
    }
  });
});
