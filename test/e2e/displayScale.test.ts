// The client display read from 2–3 m: its status line ≥ 48 px and the optional numbers ≥ 64 px at
// 1920×1080, scaled down sensibly at 1280×720 (still large, nothing cut off). Font sizes are
// measured as Chromium computes them; screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

async function fontPx(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** The element lies wholly inside the viewport. */
async function inView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize();
  return !!box && !!vp && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5;
}

describe('client display at 1080p and 720p', { skip: skip ?? false, timeout: 120_000 }, () => {
  const e2e = useWebHostPage({ width: 1920, height: 1080 });
  let page: Page;
  before(() => {
    page = e2e.page;
  });

  test('status ≥ 48 px and numbers ≥ 64 px at 1080p; smaller but ≥ 30 / 42 px at 720p, all on screen', async () => {
    // The therapist turns the numbers on (console), then the display is opened at its URL.
    await page.goto(e2e.host.url);
    await page.getByTestId('nav-live').waitFor();
    // With the heart-rate wave on as well: the fullest display must still fit at 720p.
    const boxes = page.getByTestId('client-display-panel').locator('input[type="checkbox"]');
    // The boxes are controlled by the core's settings (checked once the core's onSettings comes
    // back), so click and wait for that rather than Playwright's check(), which wants the state
    // to change at the click itself.
    const wave = boxes.nth(0);
    const numbers = boxes.nth(1);
    if (!(await wave.isChecked())) await wave.click();
    await waitFor('the wave setting to be saved', async () => wave.isChecked(), 5000);
    if (!(await numbers.isChecked())) await numbers.click();
    await waitFor('the numbers setting to be saved', async () => numbers.isChecked(), 5000);
    await page.goto(e2e.host.url.replace('#token=', '#/display?token='));
    await page.getByTestId('client-display').waitFor();
    await page.getByTestId('client-numbers').waitFor();

    const big = { status: await fontPx(page, 'client-status'), numbers: await fontPx(page, 'client-numbers') };
    assert.ok(big.status >= 48, `status ${big.status} px at 1080p`);
    assert.ok(big.numbers >= 64, `numbers ${big.numbers} px at 1080p`);
    assert.ok(await inView(page, 'client-status'));
    assert.ok(await inView(page, 'client-numbers'));
    await page.screenshot({ path: artifactPath('display-1920x1080.png') });

    await page.setViewportSize({ width: 1280, height: 720 });
    await waitFor('the display to re-lay out', async () => (await fontPx(page, 'client-status')) < big.status, 5000);
    await page.screenshot({ path: artifactPath('display-1280x720.png') });
    const small = { status: await fontPx(page, 'client-status'), numbers: await fontPx(page, 'client-numbers') };
    // Scaled with the screen (2/3 of the height), not clamped to a tiny floor.
    assert.ok(small.status >= 30 && small.status <= big.status, `status ${small.status} px at 720p`);
    assert.ok(small.numbers >= 42 && small.numbers <= big.numbers, `numbers ${small.numbers} px at 720p`);
    assert.ok(small.numbers > small.status, 'the numbers stay the larger text');
    assert.ok(await inView(page, 'client-status'), 'status fully on screen at 720p');
    assert.ok(await inView(page, 'client-numbers'), 'numbers fully on screen at 720p');
    assert.deepEqual(e2e.pageErrors, []);
  });
});
