// End-to-end: the review of saved sessions in Debian Chromium against `cadans web`. Two sessions
// are recorded into the web host's database with `cadans record` from the simulator: one with a
// 30-s clip-off (90–120 s of 240 s) and a restless one (motion bursts, 12/min). The review shows
// the clip-off as a gap (shaded; in the tachogram's pixels no heart-rate line inside it), the time
// in level over the whole session with the share not scored, and the withheld HRV figures greyed
// with their reason, in Dutch and English. Screenshots go to test-artifacts/review-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { readPng } from '../integration/reports/pdfPages.js';
import { runCli } from '../support/runCli.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { uiNumber, useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const SECONDS = 240;
const CLIP = [90, 120] as const;

/** `cadans record` of a simulator session into `db`; its session id. */
async function record(db: string, spec: string): Promise<number> {
  const r = await runCli(['record', '--sensor', spec, '--seconds', String(SECONDS), '--pacer', '6:4-6', '--client', 'Review Test', '--db', db, '--json'], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).sessionId as number;
}

async function openReview(page: Page, url: string, id: number): Promise<void> {
  await page.goto(`${url}#/review/${id}`);
  await page.getByTestId('review').waitFor();
  await page.getByTestId('summary-numbers').waitFor();
  await page.getByText(/^(hele sessie|whole session)$/).click();
  await page.getByTestId('review-tachogram').locator('canvas').waitFor();
  await page.waitForTimeout(400);
}

/** Pixels of the heart-rate line's colour (#1e6f8f) per screenshot column of the tachogram's plot area. */
async function hrInkByColumn(page: Page): Promise<{ cols: number[]; left: number; width: number }> {
  const chart = page.getByTestId('review-tachogram');
  const over = await chart.locator('.u-over').boundingBox();
  const box = await chart.boundingBox();
  assert.ok(over && box, 'the chart has a plot area');
  const img = readPng(await chart.screenshot());
  const scale = img.width / box.width;
  const cols = new Array<number>(img.width).fill(0);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * img.channels;
      const d = Math.abs(img.pixels[i]! - 0x1e) + Math.abs(img.pixels[i + 1]! - 0x6f) + Math.abs(img.pixels[i + 2]! - 0x8f);
      if (d < 60) cols[x]!++;
    }
  }
  return { cols, left: (over.x - box.x) * scale, width: over.width * scale };
}

describe('Review of saved sessions in Chromium (clip-off and restless)', { skip: skip ?? false, timeout: 180_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1000 });
  const pageErrors = e2e.pageErrors;
  let page: Page;
  let clipId = 0;
  let restlessId = 0;
  before(async () => {
    page = e2e.page;
    clipId = await record(e2e.host.dbPath, `sim:seed=3,clipoff=${CLIP[0]}-${CLIP[1]},speed=100`);
    restlessId = await record(e2e.host.dbPath, 'sim:seed=7,motion=12,speed=100');
  });

  test('the clip-off is a gap: shaded, no heart-rate line inside it; not scored its own share', async () => {
    await openReview(page, e2e.host.url, clipId);
    assert.equal(await page.getByTestId('review-tachogram').getAttribute('data-gaps'), '1');
    assert.equal(await page.getByTestId('review-coherence').getAttribute('data-gaps'), '1');
    const { cols, left, width } = await hrInkByColumn(page);
    const px = (t: number): number => Math.round(left + (t / SECONDS) * width);
    const inside = cols.slice(px(CLIP[0] + 2), px(CLIP[1] - 2)).reduce((a, b) => a + b, 0);
    const before = cols.slice(px(30), px(80)).reduce((a, b) => a + b, 0);
    const after = cols.slice(px(130), px(180)).reduce((a, b) => a + b, 0);
    assert.ok(before > 100 && after > 100, `the line is drawn around the gap (${before}, ${after} px)`);
    assert.equal(inside, 0, 'no heart-rate line is drawn inside the clip-off');
    // Time in level over the whole session: the shares add up to 100 with not scored, which holds
    // the first 64 s and the clip-off with the 64 s after it (about 160 s of 240).
    const levels = ((await page.getByTestId('summary-coherenceLevels').locator('dd').textContent()) ?? '').replace('%', '').split('/').map(uiNumber);
    const notScored = uiNumber(((await page.getByTestId('summary-notScored').locator('dd').textContent()) ?? '').replace('%', ''));
    assert.equal(levels.length, 3);
    assert.ok(Math.abs(levels.reduce((a, b) => a + b, 0) + notScored - 100) <= 2, `${levels.join('/')} + ${notScored}`);
    assert.ok(notScored >= 62 && notScored <= 70, `not scored ${notScored} %`);
    assert.match((await page.getByTestId('summary-notScored').textContent()) ?? '', /Coherentie niet beoordeeld/);
    await page.screenshot({ path: artifactPath('review-01-clipoff.png'), fullPage: true });
  });

  test('the restless session: withheld HRV greyed with the reason (nl, then en), all of it not scored', async () => {
    await openReview(page, e2e.host.url, restlessId);
    const rmssd = page.getByTestId('summary-rmssdMs');
    assert.equal(await rmssd.getAttribute('data-withheld'), 'too-much-unusable');
    assert.match((await rmssd.getAttribute('class')) ?? '', /withheld/);
    assert.match((await rmssd.textContent()) ?? '', /RMSSD\s*–\s*niet getoond: te veel onbruikbaar signaal/);
    assert.doesNotMatch((await rmssd.textContent()) ?? '', /\d/, 'no number for a withheld RMSSD');
    assert.equal(await page.getByTestId('summary-sdnnMs').getAttribute('data-withheld'), 'too-much-unusable');
    assert.equal(uiNumber(((await page.getByTestId('summary-notScored').locator('dd').textContent()) ?? '').replace('%', '')), 100);
    assert.ok(Number(await page.getByTestId('review-tachogram').getAttribute('data-gaps')) >= 0);
    await page.screenshot({ path: artifactPath('review-02-restless-nl.png'), fullPage: true });
    await page.getByTestId('lang-en').click();
    await waitFor('English', async () => /withheld: too much unusable signal/.test((await page.getByTestId('summary-rmssdMs').textContent()) ?? ''), 5000);
    assert.match((await page.getByTestId('summary-notScored').textContent()) ?? '', /Coherence not scored/);
    await page.screenshot({ path: artifactPath('review-03-restless-en.png'), fullPage: true });
    await page.getByTestId('lang-nl').click();
    assert.deepEqual(pageErrors, []);
  });
});
