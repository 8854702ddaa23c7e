import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barChart, stackedBar } from '../../../shared/report/charts/barChart.js';
import { niceDomain, niceTicks, timeTicksSec, dayTicks } from '../../../shared/report/charts/chartScale.js';
import { decimateMinMax, lineChart, seriesRuns } from '../../../shared/report/charts/lineChart.js';
import { spectrumChart } from '../../../shared/report/charts/spectrumChart.js';
import { escapeXml } from '../../../shared/report/charts/svgText.js';

/** The y coordinates of all path points of the data paths (stroke = color). */
function pathYs(svg: string, color: string): number[] {
  const ys: number[] = [];
  for (const m of svg.matchAll(/<path d="([^"]+)" fill="none" stroke="([^"]+)"/g)) {
    if (m[2] !== color) continue;
    for (const p of m[1]!.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)) ys.push(Number(p[2]));
  }
  return ys;
}

describe('chart scales', () => {
  test('nice ticks cover the range with 1/2/2.5/5 steps', () => {
    assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(niceTicks(61.3, 83.9, 4), [65, 70, 75, 80]);
    assert.deepEqual(niceTicks(0, 0.5, 5), [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    assert.deepEqual(niceTicks(5, 5), [5]);
    assert.deepEqual(niceTicks(NaN, 1), []);
    assert.deepEqual(niceDomain(61.3, 83.9, 4), [60, 85]);
  });
  test('time ticks pick a round step in seconds; day ticks in days', () => {
    assert.deepEqual(timeTicksSec(0, 600, 9), [0, 120, 240, 360, 480, 600]);
    assert.deepEqual(timeTicksSec(0, 300, 9), [0, 60, 120, 180, 240, 300]);
    assert.deepEqual(dayTicks(100, 142, 6), [100, 107, 114, 121, 128, 135, 142]);
  });
});

describe('lineChart', () => {
  test('series split into runs at nulls and at x gaps larger than maxGapX', () => {
    const runs = seriesRuns({ x: [0, 1, 2, 3, 10, 11], y: [1, null, 2, 3, 4, NaN], maxGapX: 3 });
    assert.deepEqual(runs, [
      { x: [0], y: [1] },
      { x: [2, 3], y: [2, 3] },
      { x: [10], y: [4] },
    ]);
  });

  test('min/max decimation keeps the extremes of every bucket', () => {
    const n = 10_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 50));
    y[4321] = 9; // a single spike must survive
    y[7777] = -9;
    const d = decimateMinMax(x, y, 200);
    assert.ok(d.x.length <= 400 && d.x.length >= 200, `${d.x.length} points`);
    assert.ok(d.y.includes(9) && d.y.includes(-9));
    for (let i = 1; i < d.x.length; i++) assert.ok(d.x[i]! > d.x[i - 1]!, 'x stays in order');
  });

  test('draws a spike of a long series at the top of the plot', () => {
    const n = 6000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map(() => 70);
    y[3000] = 100;
    const svg = lineChart({ ariaLabel: 'hr', series: [{ x, y, color: '#ff0000' }], yDomain: [60, 100], height: 200 });
    const ys = pathYs(svg, '#ff0000');
    assert.ok(ys.length < 1500, `reduced to ${ys.length} points`);
    assert.equal(Math.min(...ys), 10, 'the spike reaches the top of the plot area (y = 10)');
  });

  test('bands, spans, markers, legend and escaped text', () => {
    const svg = lineChart({
      ariaLabel: 'A <b> & "c"',
      series: [{ x: [0, 10], y: [1, 2], color: '#000000' }],
      yDomain: [0, 4],
      yBands: [
        { from: 0, to: 1, color: '#aa0000', label: 'low' },
        { from: 1, to: 3, color: '#00aa00', label: 'mid' },
        { from: 9, to: 10, color: '#0000aa' }, // outside the domain: not drawn
      ],
      xSpans: [{ from: 2, to: 4, color: '#123456' }],
      markers: [{ x: 5, label: '1' }],
      legend: [{ label: 'HR', color: '#000000', kind: 'line' }],
    });
    assert.match(svg, /^<svg class="chart" viewBox="0 0 720 200" role="img" aria-label="A &lt;b&gt; &amp; &quot;c&quot;"/);
    assert.equal((svg.match(/fill="#aa0000"/g) ?? []).length, 1);
    assert.equal((svg.match(/fill="#00aa00"/g) ?? []).length, 1);
    assert.equal((svg.match(/fill="#0000aa"/g) ?? []).length, 0);
    assert.equal((svg.match(/fill="#123456"/g) ?? []).length, 1);
    assert.match(svg, />1<\/text>/);
    assert.match(svg, />HR<\/text>/);
    assert.doesNotMatch(svg, /https?:|xmlns|url\(/);
  });

  test('an empty chart shows its empty text instead of data', () => {
    const svg = lineChart({ ariaLabel: 'x', series: [{ x: [1, 2], y: [null, null], color: '#000000' }], emptyText: 'Te weinig gegevens' });
    assert.match(svg, /Te weinig gegevens/);
    assert.doesNotMatch(svg, /<path/);
  });

  test('escapeXml escapes markup and quotes', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('barChart, stackedBar, spectrumChart', () => {
  test('bars are scaled on the fixed domain; missing values show a dash', () => {
    const svg = barChart({ ariaLabel: 'distress', categories: ['intake', 'week 3', 'week 6'], values: [32, null, 0], yDomain: [0, 32], height: 170, width: 240 });
    // plot area: top 10, bottom 170 - 20 = 150 → the full-scale bar spans 140 units
    const rects = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#3f7cac"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(rects.length, 2);
    assert.deepEqual(rects[0], [10, 140]);
    assert.equal(rects[1]![1], 1, 'a zero score is a hairline');
    assert.match(svg, />—<\/text>/);
    assert.match(svg, />32<\/text>/);
  });

  test('stacked bar widths follow the shares', () => {
    const svg = stackedBar({ ariaLabel: 'levels', width: 720, parts: [{ value: 30, color: '#aa0000', label: 'low' }, { value: 90, color: '#00aa00', label: 'high' }] });
    const w = (c: string): number => Number(new RegExp(`width="([\\d.]+)" height="22" fill="${c}"`).exec(svg)![1]);
    assert.ok(Math.abs(w('#00aa00') / w('#aa0000') - 3) < 0.01);
    assert.match(stackedBar({ ariaLabel: 'x', parts: [], emptyText: 'leeg' }), /leeg/);
  });

  test('spectrum marks the peak and cuts at maxHz', () => {
    const f = Array.from({ length: 257 }, (_, i) => i / 256);
    const p = f.map((x) => Math.exp(-(((x - 0.1) / 0.01) ** 2)));
    const svg = spectrumChart({ ariaLabel: 's', freqHz: f, power: p, maxHz: 0.5, peak: { freqHz: 0.1, label: 'peak 0.100 Hz' }, bands: [{ from: 0.04, to: 0.15, color: '#e5f2e7', label: 'LF' }] });
    assert.match(svg, /peak 0\.100 Hz/);
    assert.match(svg, />LF</);
    const xs = [...svg.matchAll(/[ML]([\d.]+) [\d.]+/g)].map((m) => Number(m[1]));
    assert.ok(Math.max(...xs) <= 720 - 14 + 0.1, 'nothing beyond the plot');
  });
});
