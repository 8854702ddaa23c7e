// End-to-end: the live tachogram in Debian Chromium against `cadans web` with a simulated ear clip
// that comes off for 25 s (sim clipoff, 4× speed). The gap is shaded, the heart-rate line has a
// break there and no line pixels inside it; the client display's calm wave breaks too.
// Screenshot: test-artifacts/live-gap.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason, launchBrowser } from './browser.js';
import { waitFor } from './e2eSession.js';
import { startWebHostProcess, type WebHostProcess } from './webHostProcess.js';
import { readPng } from '../integration/reports/pdfPages.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const CLIP = [30, 55] as const;

describe('Live tachogram across a clip-off (cadans web)', { skip: skip ?? false, timeout: 150_000 }, () => {
  let host: WebHostProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  before(async () => {
    host = await startWebHostProcess(['--sensor', `sim:seed=5,clipoff=${CLIP[0]}-${CLIP[1]},speed=4`]);
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = await browser.context.newPage();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  const gapsPx = async (testId: string, nth = 0): Promise<number[][]> => JSON.parse((await page.getByTestId(testId).nth(nth).getAttribute('data-gaps-px')) ?? '[]') as number[][];

  test('the clip-off is shaded and the heart-rate line is broken there, not drawn across', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-live').click();
    const chart = page.getByTestId('tachogram').first();
    await chart.locator('canvas').waitFor();
    // The gap is reported once the signal is back and the analysis has decided it (look-ahead): wait for it on screen.
    await waitFor('the clip-off shaded in the live tachogram', async () => (await gapsPx('tachogram')).some(([a, b]) => b! - a! > 20), 90_000);
    await waitFor('beats after the clip-off', async () => Number((await chart.getAttribute('data-breaks')) ?? '0') >= 1, 30_000);
    await page.waitForTimeout(500);
    const over = await chart.locator('.u-over').boundingBox();
    const box = await chart.boundingBox();
    assert.ok(over && box);
    const img = readPng(await chart.screenshot());
    // The chart scrolls (4× speed: ~30 px a second): the shaded span read right after the
    // screenshot, and only its middle half counted as inside, the parts well away from it as outside.
    const [[g0, g1]] = (await gapsPx('tachogram')).filter(([a, b]) => b! - a! > 20) as [number, number][];
    const quarter = (g1! - g0!) / 4;
    const x0 = g0! + quarter - 6;
    const x1 = g1! - quarter + 6;
    const scale = img.width / box.width;
    let ink = 0;
    let inkOutside = 0;
    for (let x = 0; x < img.width; x++) {
      const cssX = x / scale - (over.x - box.x);
      const inside = cssX > x0! + 6 && cssX < x1! - 6;
      const outside = cssX > 0 && cssX < over.width && (cssX < g0! - 60 || cssX > g1! + 60);
      if (!inside && !outside) continue;
      const yTop = Math.ceil((over.y - box.y) * scale);
      const yBottom = Math.floor((over.y - box.y + over.height) * scale);
      for (let y = yTop; y < yBottom; y++) {
        const i = (y * img.width + x) * img.channels;
        const d = Math.abs(img.pixels[i]! - 0x1e) + Math.abs(img.pixels[i + 1]! - 0x6f) + Math.abs(img.pixels[i + 2]! - 0x8f);
        if (d < 60) {
          if (inside) ink++;
          else inkOutside++;
        }
      }
    }
    await page.screenshot({ path: artifactPath('live-gap.png') });
    assert.ok(inkOutside > 50, `the line is drawn outside the gap (${inkOutside} px)`);
    assert.equal(ink, 0, `no heart-rate line inside the clip-off (shaded ${g0}–${g1} px)`);
  });
});
