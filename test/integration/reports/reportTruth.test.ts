// Reports against the simulator's truth (issue 11, item 7 and the reporting side of item 3): a
// session with a 30-s clip-off and a restless session (motion bursts), recorded with `cadans
// record`, then `cadans report` as HTML and PDF (its text through poppler's pdftotext). The gap is
// shown as a gap (shaded, no line drawn across it), the withheld HRV figures are greyed with their
// reason in the report's language, and the time not scored is its own share of the session and
// matches the truth: the first 64 s, and every 64-s window holding a hole > 3 s (a clip-off, a
// long motion burst).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findChromium } from '../../../main/reports/printToPdf.js';
import { ReportFormat } from '../../../shared/report/reportFormat.js';
import { parseSimSpec } from '../../../shared/sim/parseSimSpec.js';
import { simulatePpg } from '../../../shared/sim/simulate.js';
import type { SimArtifact } from '../../../shared/sim/simTruth.js';
import { runCli } from '../../support/runCli.js';
import { assertSelfContained, keyFigureValues, norm, visibleText } from '../../unit/report/htmlProbe.js';
import { pdfCheckSkipReason } from './pdfPages.js';
import { makeTempDir, removeTempDirs } from './reportFixtures.js';

const chromium = findChromium();
const SECONDS = 240;
const PACER = { rateBpm: 6, inhaleFraction: 0.4 };
/** The coherence window, s, and the longest hole a window may hold and still be scored. */
const WINDOW_SEC = 64;
const MAX_HOLE_SEC = 3;

interface Scenario {
  label: 'clipoff' | 'restless';
  spec: string;
  sessionId: number;
  /** What the simulator put into the signal. */
  artifacts: SimArtifact[];
}

/** Length of the union of the spans, clipped to [0, end]. */
function unionSec(spans: [number, number][], end: number): number {
  const s = spans.map(([a, b]): [number, number] => [Math.max(0, a), Math.min(end, b)]).filter(([a, b]) => b > a);
  s.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = 0;
  for (const [a, b] of s) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return total;
}

/**
 * Truth of the time not scored: at least the first 64 s and the artifacts themselves; at most also
 * every window end within 64 s after an artifact long enough to leave a hole > 3 s (as many beats
 * missing). For a clip-off both bounds meet in the upper one: its 30-s hole is in every window
 * that touches it.
 */
function truthNotScored(artifacts: SimArtifact[]): { least: number; most: number } {
  const first: [number, number] = [0, WINDOW_SEC];
  const own = artifacts.map((a): [number, number] => [a.startSec, a.endSec]);
  const reach = artifacts
    .filter((a) => a.endSec - a.startSec > MAX_HOLE_SEC - 1)
    .map((a): [number, number] => [a.startSec, a.endSec + WINDOW_SEC - MAX_HOLE_SEC]);
  return { least: unionSec([first, ...own], SECONDS), most: unionSec([first, ...own, ...reach], SECONDS) };
}

/** The x (px) of the points of every path of a series in an SVG chart. */
function seriesPaths(svg: string, id: string): number[][] {
  const out: number[][] = [];
  for (const m of svg.matchAll(new RegExp(`<path d="([^"]+)"[^>]*data-series="${id}"`, 'g'))) {
    out.push([...m[1]!.matchAll(/[ML](-?[\d.]+) -?[\d.]+/g)].map((p) => Number(p[1])));
  }
  return out;
}

/** The shaded spans of a kind in an SVG chart: their pixel range and their times. */
function spans(svg: string, kind: string): { x: number; w: number; from: number; to: number }[] {
  return [...svg.matchAll(new RegExp(`<rect x="([\\d.]+)" y="[\\d.]+" width="([\\d.]+)"[^>]*data-span="${kind}" data-from="([\\d.]+)" data-to="([\\d.]+)"`, 'g'))].map((m) => ({
    x: Number(m[1]),
    w: Number(m[2]),
    from: Number(m[3]),
    to: Number(m[4]),
  }));
}

function chart(html: string, name: string): string {
  const m = new RegExp(`data-chart="${name}">[\\s\\S]*?</svg>`).exec(html);
  assert.ok(m, `chart ${name}`);
  return m[0];
}

/** No segment of the series' lines reaches more than 1 px into a gap span: the line breaks there. */
function assertBrokenAtGaps(svg: string, id: string, label: string): void {
  const gaps = spans(svg, 'gap').filter((g) => g.w > 3);
  const paths = seriesPaths(svg, id);
  assert.ok(paths.length >= 1, `${label}: ${id} is drawn`);
  for (const g of gaps) {
    for (const xs of paths) {
      for (let i = 1; i < xs.length; i++) {
        const lo = Math.min(xs[i - 1]!, xs[i]!);
        const hi = Math.max(xs[i - 1]!, xs[i]!);
        const into = Math.min(hi, g.x + g.w) - Math.max(lo, g.x);
        assert.ok(into <= 1, `${label}: ${id} drawn across the gap ${g.from}–${g.to} s (${lo}–${hi} px)`);
      }
    }
  }
}

/** The text of a PDF (pdftotext, layout kept), whitespace collapsed. */
function pdfText(file: string): string {
  return norm(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
}

describe('reports of a clip-off and a restless session against the simulator truth', () => {
  let dir: string;
  let db: string;
  const scenarios: Scenario[] = [];
  const html = new Map<string, string>();

  before(async () => {
    dir = makeTempDir('cadans-report-truth-');
    db = join(dir, 'records.db');
    const specs: [Scenario['label'], string][] = [
      ['clipoff', 'sim:seed=3,clipoff=90-120'],
      ['restless', 'sim:seed=7,motion=12'],
    ];
    for (const [label, spec] of specs) {
      const r = await runCli(['record', '--sensor', `${spec},speed=100`, '--seconds', String(SECONDS), '--pacer', '6:4-6', '--client', 'Truth Test', '--db', db, '--json'], {
        timeoutMs: 60_000,
      });
      assert.equal(r.code, 0, `record ${label}: ${r.stderr}`);
      const opts = parseSimSpec(spec);
      assert.ok(!('error' in opts));
      const truth = simulatePpg(opts, SECONDS, PACER).truth;
      scenarios.push({ label, spec, sessionId: JSON.parse(r.stdout).sessionId, artifacts: truth.artifacts.filter((a) => a.startSec < SECONDS) });
    }
    for (const s of scenarios) {
      for (const lang of ['nl', 'en'] as const) {
        const out = join(dir, `${s.label}-${lang}.html`);
        const rep = await runCli(['report', String(s.sessionId), '--out', out, '--lang', lang, '--db', db]);
        assert.equal(rep.code, 0, rep.stderr);
        html.set(`${s.label}-${lang}`, readFileSync(out, 'utf8'));
      }
    }
  });

  after(() => removeTempDirs());

  test('the scenarios: what the simulator put in is what the analysis found unusable', () => {
    const clip = scenarios.find((s) => s.label === 'clipoff')!;
    assert.deepEqual(clip.artifacts.map((a) => [a.kind, a.startSec, a.endSec]), [['clip-off', 90, 120]]);
    const restless = scenarios.find((s) => s.label === 'restless')!;
    assert.ok(restless.artifacts.length >= 20 && restless.artifacts.every((a) => a.kind === 'motion'), `${restless.artifacts.length} bursts`);
    for (const s of scenarios) {
      const gaps = spans(chart(html.get(`${s.label}-nl`)!, 'hr'), 'gap');
      // Every artifact of 2 s or more lies in a shaded gap of the tachogram (its edges within 2 s).
      for (const a of s.artifacts.filter((x) => x.endSec - x.startSec >= 2)) {
        assert.ok(
          gaps.some((g) => g.from <= a.startSec + 2 && g.to >= a.endSec - 2),
          `${s.label}: ${a.kind} ${a.startSec.toFixed(1)}–${a.endSec.toFixed(1)} s is shown as a gap`,
        );
      }
    }
  });

  test('the gap is a gap: shaded in every time chart, and no line is drawn across it', () => {
    for (const s of scenarios) {
      for (const lang of ['nl', 'en']) {
        const h = html.get(`${s.label}-${lang}`)!;
        assertSelfContained(h);
        assertBrokenAtGaps(chart(h, 'hr'), 'hr', `${s.label} ${lang}`);
        if (s.label === 'clipoff') {
          assertBrokenAtGaps(chart(h, 'coherence'), 'coherence', `${s.label} ${lang}`);
          assertBrokenAtGaps(chart(h, 'breathing'), 'breathing', `${s.label} ${lang}`);
          assert.ok(spans(chart(h, 'coherence'), 'gap').some((g) => g.from <= 91 && g.to >= 119), 'the coherence chart shades the clip-off');
        }
      }
    }
    const clipNl = visibleText(html.get('clipoff-nl')!);
    assert.match(clipNl, /Onderbrekingen van het signaal/);
    assert.match(clipNl, /1:30 2:00 0:30 min geen contact/, 'the live gap of the clip-off, its reason in Dutch');
  });

  test('time in level: not scored is its own share of the whole session and matches the truth', () => {
    for (const s of scenarios) {
      const truth = truthNotScored(s.artifacts);
      for (const lang of ['nl', 'en']) {
        const h = html.get(`${s.label}-${lang}`)!;
        const kf = keyFigureValues(h);
        const notScored = kf.get('coherenceSec.notScored')!;
        const levels = (['low', 'medium', 'high'] as const).map((k) => kf.get(`coherenceSec.${k}`)!);
        const analysed = kf.get('analyzedSec')!;
        assert.ok(Math.abs(analysed - SECONDS) < 1, `${s.label}: analysed ${analysed} s`);
        assert.equal(notScored + levels.reduce((a, b) => a + b, 0), analysed, `${s.label}: the four shares add up to the session`);
        assert.ok(notScored >= truth.least - 3 && notScored <= truth.most + 6, `${s.label}: not scored ${notScored} s, truth ${truth.least}–${truth.most} s`);
        // Its share, in the table and in the level bar.
        const pct = Number(/data-key="coherenceSec\.notScored" data-value="[\d.]+" data-pct="([\d.]+)"/.exec(h)![1]);
        assert.ok(Math.abs(pct - (100 * notScored) / analysed) < 0.01, `${s.label}: ${pct} %`);
        assert.match(h, new RegExp(`data-part="notScored" data-value="${notScored}"`));
        // The coherence chart shades exactly that time as not scored (gaps included).
        const shaded = spans(chart(h, 'coherence'), 'not-scored').reduce((a, g) => a + (g.to - g.from), 0);
        assert.ok(Math.abs(shaded - notScored) < 0.01, `${s.label}: shaded ${shaded} s`);
      }
    }
    // The clip-off: the first 64 s and the clip-off with the 61 s after it whose windows hold it.
    const clip = truthNotScored(scenarios.find((s) => s.label === 'clipoff')!.artifacts);
    assert.equal(clip.least, 94);
    assert.equal(clip.most, 155);
    const clipNotScored = keyFigureValues(html.get('clipoff-nl')!).get('coherenceSec.notScored')!;
    assert.ok(clipNotScored >= 64 + 30, 'at least the first 64 s and the clip-off');
    assert.ok(Math.abs(clipNotScored - clip.most) <= 6, `clip-off: not scored ${clipNotScored} s vs ${clip.most} s`);
  });

  test('the client text speaks of the scored time only, in Dutch and English', () => {
    const clip = keyFigureValues(html.get('clipoff-nl')!);
    const scored = clip.get('coherenceSec.low')! + clip.get('coherenceSec.medium')! + clip.get('coherenceSec.high')!;
    const nl = new ReportFormat('nl');
    const en = new ReportFormat('en');
    const summary = (h: string): string => visibleText(/<div class="summary">([\s\S]*?)<\/div>/.exec(h)![1]!);
    assert.ok(summary(html.get('clipoff-nl')!).includes(norm(`Van de 4 min van deze sessie kon ${nl.spokenDuration(scored)} op coherentie worden beoordeeld.`)));
    assert.ok(summary(html.get('clipoff-en')!).includes(norm(`Of the 4 min of this session, ${en.spokenDuration(scored)} could be scored for coherence.`)));
    for (const lang of ['nl', 'en']) assert.doesNotMatch(summary(html.get(`clipoff-${lang}`)!), /100/);
    // The restless session: nothing could be scored, and it says so.
    assert.match(summary(html.get('restless-nl')!), /De coherentie van uw hartritme kon in deze sessie niet worden beoordeeld/);
    assert.match(summary(html.get('restless-en')!), /The coherence of your heart rhythm could not be scored in this session/);
  });

  test('withheld HRV figures are greyed with their reason in the language of the report, never a number', () => {
    const restlessNl = html.get('restless-nl')!;
    const restlessEn = html.get('restless-en')!;
    for (const key of ['rmssdMs', 'sdnnMs', 'lfHf']) {
      for (const h of [restlessNl, restlessEn]) {
        assert.equal(keyFigureValues(h).get(key), null, key);
        assert.match(h, new RegExp(`class="num withheld" data-key="${key}" data-value="" data-withheld="too-much-unusable">`), key);
      }
    }
    assert.match(visibleText(restlessNl), /RMSSD niet getoond te veel onbruikbaar signaal/);
    assert.match(visibleText(restlessEn), /RMSSD withheld too much unusable signal/);
    assert.match(visibleText(restlessNl), /Niet getoonde waarden/);
    // The clip-off session (4 min): only VLF power, too short for it (5 min needed).
    for (const [lang, text] of [
      ['nl', 'VLF-vermogen: meting te kort voor deze waarde'],
      ['en', 'VLF power: recording too short for this value'],
    ] as const) {
      const h = html.get(`clipoff-${lang}`)!;
      assert.match(h, /data-withheld-key="vlfMs2" data-withheld="too-short"/);
      assert.ok(visibleText(h).includes(text), text);
      assert.ok(keyFigureValues(h).get('rmssdMs')! > 0, 'RMSSD is shown for the clip-off session');
    }
  });

  test('the progress report: withheld figures greyed with a reason, not scored per session', async () => {
    const out = join(dir, 'progress.html');
    const clientId = (await runCli(['sessions', '--db', db, '--json'])).stdout;
    const id = JSON.parse(clientId)[0].clientId as number;
    const rep = await runCli(['report', '--client', String(id), '--progress', '--out', out, '--db', db]);
    assert.equal(rep.code, 0, rep.stderr);
    const h = readFileSync(out, 'utf8');
    assertSelfContained(h);
    assert.match(h, /data-key="rmssdMs" data-value="" data-withheld="too-much-unusable"/);
    assert.match(visibleText(h), /RMSSD: niet getoond — te veel onbruikbaar signaal/);
    const notScored = [...h.matchAll(/data-key="coherenceNotScoredPct" data-value="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.equal(notScored.length, 2);
    for (const [i, s] of scenarios.entries()) {
      const want = keyFigureValues(html.get(`${s.label}-nl`)!);
      const pct = Math.round((10_000 * want.get('coherenceSec.notScored')!) / want.get('analyzedSec')!) / 100;
      assert.ok(notScored.some((v) => Math.abs(v - pct) < 0.01), `session ${i + 1}: ${pct} % not scored in ${notScored.join(', ')}`);
    }
  });

  test('the PDF (nl and en): the same gap, not-scored share and withheld reasons in its text', { skip: pdfCheckSkipReason(chromium) ?? false }, async () => {
    for (const s of scenarios) {
      for (const lang of ['nl', 'en'] as const) {
        const pdf = join(dir, `${s.label}-${lang}.pdf`);
        const rep = await runCli(['report', String(s.sessionId), '--out', pdf, '--lang', lang, '--db', db]);
        assert.equal(rep.code, 0, rep.stderr);
        const text = pdfText(pdf);
        const kf = keyFigureValues(html.get(`${s.label}-${lang}`)!);
        const f = new ReportFormat(lang);
        const notScored = kf.get('coherenceSec.notScored')!;
        const row = `${lang === 'nl' ? 'Tijd niet beoordeeld' : 'Time not scored'} ${f.duration(notScored)} (${f.pct((100 * notScored) / kf.get('analyzedSec')!, 0)})`;
        assert.ok(text.includes(norm(row).replace(/ %/, '%')) || text.includes(norm(row)), `${s.label} ${lang}: "${row}" in the PDF`);
        assert.match(text, lang === 'nl' ? /niet beoordeeld \d+ ?%/ : /not scored \d+ ?%/, 'the level bar has its not-scored part');
        if (s.label === 'restless') {
          assert.match(text, lang === 'nl' ? /RMSSD niet getoond te veel onbruikbaar signaal/ : /RMSSD withheld too much unusable signal/);
        } else {
          assert.ok(text.includes(lang === 'nl' ? 'VLF-vermogen: meting te kort voor deze waarde' : 'VLF power: recording too short for this value'));
          assert.match(text, lang === 'nl' ? /geen signaal/ : /no signal/, 'the clip-off is labelled in the tachogram');
          assert.match(text, lang === 'nl' ? /1:30 2:00 0:30 min geen contact/ : /1:30 2:00 0:30 min no contact/);
        }
      }
    }
  });
});
