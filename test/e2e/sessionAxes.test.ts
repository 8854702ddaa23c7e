// Time axes in SESSION time (issue 13, item 6): before a session the live charts count back from
// now; once it runs, 0:00 is the session start — on the tachogram, the PPG trace and the coherence
// trend alike, as the marker list and the review use. The review's spectrum says which window it
// shows and, when it is empty, why. (The charts draw on canvas; each time axis states its title
// and tick labels as data attributes.) Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const SESSION = 'sessietijd (min:s, 0:00 = start)';
const RELATIVE = 'tijd tot nu (min:s)';

/** Seconds of an m:ss label ('−0:30' → −30). */
const secOf = (label: string): number => {
  const neg = label.startsWith('−');
  const [m, s] = label.replace('−', '').split(':').map(Number);
  return (neg ? -1 : 1) * (m! * 60 + s!);
};

async function axisOf(chart: Locator): Promise<{ title: string; ticks: string[] }> {
  const root = chart.locator('.uplot');
  return { title: (await root.getAttribute('data-x-title')) ?? '', ticks: ((await root.getAttribute('data-x-ticks')) ?? '').split(' ').filter(Boolean) };
}

describe('session time on every time axis', { skip: skip ?? false, timeout: 180_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 900 });
  let page: Page;
  before(() => {
    page = e2e.page;
  });

  test('relative before the session, 0:00 at its start during it, and in the review', async () => {
    await page.goto(e2e.host.url);
    await page.getByTestId('nav-live').waitFor();
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Bram');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('sensor-spec').fill('sim:speed=20,seed=3');
    await page.getByTestId('connect').click();
    await page.locator('[data-testid="channel"][data-state="connected"]').waitFor({ timeout: 15_000 });

    // No session yet: the axis counts back from now.
    const tacho = page.getByTestId('tachogram');
    await waitFor('relative ticks', async () => (await axisOf(tacho)).ticks.length >= 2, 15_000);
    const rel = await axisOf(tacho);
    assert.equal(rel.title, RELATIVE);
    assert.equal(rel.ticks[rel.ticks.length - 1], '0:00', `ticks ${rel.ticks.join(' ')}`);
    assert.ok(rel.ticks.slice(0, -1).every((l) => l.startsWith('−')), `ticks ${rel.ticks.join(' ')}`);

    // Start the session after ≥ 60 s of signal on the channel clock (20× speed: ~3 s).
    await new Promise((r) => setTimeout(r, 3500));
    await page.getByTestId('pacer-rate').fill('6');
    await page.getByTestId('pacer-duration').fill('0');
    await page.getByTestId('start-session').click();
    await page.getByTestId('stop-session').waitFor();
    await page.getByTestId('marker-note').fill('start oefening');
    await page.getByTestId('add-marker').click();
    await page.getByTestId('markers').getByText('start oefening').waitFor();
    const markerSec = secOf(((await page.getByTestId('markers').locator('.mono').first().textContent()) ?? '').trim());

    for (const id of ['tachogram', 'ppg-chart', 'coherence-trend']) {
      const chart = page.getByTestId(id);
      await waitFor(`${id} in session time`, async () => (await axisOf(chart)).title === SESSION, 10_000);
    }
    // The session's start (0:00) is on the tachogram (pre-session beats are before it), the ticks are
    // round session times, and the marker's time lies within them.
    await waitFor('0:00 on the tachogram', async () => (await axisOf(tacho)).ticks.includes('0:00'), 10_000);
    const during = (await axisOf(tacho)).ticks.map(secOf);
    const step = during[1]! - during[0]!;
    assert.ok(step > 0 && during.every((v) => v % step === 0), `round session times: ${during.join(' ')}`);
    assert.ok(markerSec >= 0 && markerSec <= during[during.length - 1]! + step, `marker at ${markerSec} s`);
    await page.screenshot({ path: artifactPath('axes-01-live-session.png'), fullPage: true });

    // A short session (< 64 s): the review's spectrum names its window and why it is empty.
    await page.getByTestId('stop-session').click();
    await page.getByTestId('session-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('open-review').first().click();
    await page.getByTestId('review').waitFor();
    const reviewTacho = page.getByTestId('review-tachogram');
    await waitFor('review axis', async () => (await axisOf(reviewTacho)).ticks.length >= 2, 15_000);
    const rev = await axisOf(reviewTacho);
    assert.equal(rev.title, SESSION);
    assert.equal(rev.ticks[0], '0:00');
    const card = page.getByTestId('review-spectrum-card');
    assert.match((await card.textContent()) ?? '', /Spectrum van 0:00 tot \d:\d\d \(venster van 64 s\)/);
    assert.match((await card.textContent()) ?? '', /Geen spectrum: het venster van 64 s is pas vol vanaf 1:04/);
    await page.screenshot({ path: artifactPath('axes-02-review.png'), fullPage: true });
    assert.deepEqual(e2e.pageErrors, []);
  });
});
