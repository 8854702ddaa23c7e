// End-to-end: the therapist console in Debian Chromium against `cadans web` with the simulator.
// A client is created, the simulator connected (sped up 20×), a session started with a 6/min
// pacer; the HR chart and PPG trace must move, coherence must rise as the simulated client
// follows the pacer, a marker is added, the session stopped and found under the client with its
// summary and review; the language switches between Dutch and English and is remembered.
// Screenshots of every screen go to test-artifacts/.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { uiNumber, useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

// compliance=1: once the pacer runs, the simulated client follows it exactly (no random lapses).
const SIM_SPEC = 'sim:speed=20,seed=7,breathing=15,compliance=1';
const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

async function changes(el: Locator, gapMs: number): Promise<boolean> {
  const a = await el.screenshot();
  await new Promise((r) => setTimeout(r, gapMs));
  const b = await el.screenshot();
  return !a.equals(b);
}

describe('Cadans workstation in Chromium (cadans web + simulator)', { skip: skip ?? false, timeout: 240_000 }, () => {
  const e2e = useWebHostPage();
  const pageErrors = e2e.pageErrors;
  let page: Page;
  let host: WebHostProcess;
  const displayUrl = (): string => host.url.replace('#token=', '#/display?token=');
  before(() => {
    page = e2e.page;
    host = e2e.host;
  });

  test('the URL is the first stdout line, bound to 127.0.0.1 with a token in its fragment', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
    assert.ok(host.output().stdout.includes(displayUrl()), 'the client display URL is printed too');
  });

  test('a full session: client, sensor, pacer, live charts, coherence, marker, stop, summary, review', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-live').waitFor();
    // The token went from the fragment into memory: not in the address bar, no cookie.
    const origin = new URL(host.url).origin;
    assert.equal(page.url(), `${origin}/`);
    assert.equal(await page.evaluate(() => window.location.href), `${origin}/`);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(await page.context().cookies(), []);
    assert.equal((await page.getByTestId('nav-live').textContent())?.trim(), 'Live sessie', 'Dutch is the default language');
    await page.screenshot({ path: artifactPath('01-console-empty.png'), fullPage: true });

    // Create a client.
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Anna de Vries');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    assert.match((await page.getByTestId('client-select').locator('option:checked').textContent()) ?? '', /Anna de Vries/);

    // Connect the simulator.
    await page.getByTestId('sensor-spec').fill(SIM_SPEC);
    await page.getByTestId('connect').click();
    await page.locator('[data-testid="channel"][data-state="connected"]').waitFor({ timeout: 15_000 });
    assert.ok(await page.getByTestId('sim-label').isVisible(), 'the simulator is labelled as such');

    // Spontaneous breathing first: wait for a first coherence value.
    await waitFor('a first coherence value', async () => Number.isFinite(uiNumber(await page.getByTestId('coherence-value').textContent())), 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    const before = uiNumber(await page.getByTestId('coherence-value').textContent());
    console.log(`# coherence before the pacer: ${before}`);
    assert.ok(before < 3, `coherence during fast spontaneous breathing should not be high (got ${before})`);

    // 6/min pacer, open-ended; start the session.
    await page.getByTestId('pacer-rate').fill('6');
    await page.getByTestId('pacer-duration').fill('0');
    await page.getByTestId('start-session').click();
    await page.getByTestId('stop-session').waitFor();
    assert.equal((await page.getByTestId('session-phase').textContent())?.trim(), 'Opname loopt');

    // The charts move.
    assert.ok(await changes(page.getByTestId('tachogram'), 1500), 'the HR tachogram updates');
    assert.ok(await changes(page.getByTestId('ppg-chart'), 500), 'the PPG trace updates');
    await page.screenshot({ path: artifactPath('02-live-session.png'), fullPage: true });

    // Coherence rises as the simulated client follows the pacer.
    let after = NaN;
    await waitFor(
      'high coherence',
      async () => {
        after = uiNumber(await page.getByTestId('coherence-value').textContent());
        return (await page.getByTestId('coherence-level').textContent())?.trim() === 'hoog' && after > before + 1;
      },
      90_000,
    );
    assert.ok(after >= 3, `coherence with the 6/min pacer should reach the high level (got ${after})`);
    assert.ok(Number.isFinite(uiNumber(await page.getByTestId('resp-value').textContent())), 'a breathing rate is shown');
    // Per-beat values (they follow every provisional beat): the newest beat's heart rate, and the
    // HR–pacer phase — the simulated client follows the 6/min pacer, so HR rises on the in-breath.
    const hrNow = uiNumber(await page.getByTestId('hr-now-value').textContent());
    assert.ok(hrNow > 40 && hrNow < 130, `heart rate of the newest beat: ${hrNow}`);
    const degrees = async (): Promise<number> => uiNumber(((await page.getByTestId('phase-value').textContent()) ?? '').replace('°', '').replace('\u2212', '-'));
    await waitFor('the HR–pacer phase', async () => Number.isFinite(await degrees()), 30_000);
    const lag = await degrees();
    console.log(`# HR–pacer phase: ${lag}°`);
    assert.ok(Math.abs(lag) <= 45, `HR lags the pacer by ${lag}°`);
    assert.equal((await page.getByTestId('phase-note').textContent())?.trim(), 'hartslag stijgt bij inademen');
    await page.screenshot({ path: artifactPath('03-coherence-high.png'), fullPage: true });

    // A marker with a note.
    await page.getByTestId('marker-note').fill('Cliënt ontspant zichtbaar');
    await page.getByTestId('add-marker').click();
    await page.getByTestId('markers').getByText('Cliënt ontspant zichtbaar').waitFor();

    // The client display (same browser, second tab): pacer and HR wave, no numbers by default.
    const display = await page.context().newPage();
    await display.goto(displayUrl());
    await display.getByTestId('client-display').waitFor();
    assert.equal(await display.evaluate(() => window.location.href), `${new URL(host.url).origin}/#/display`, 'route kept, token gone');
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(await display.getByTestId('client-numbers').count(), 0, 'no clinical numbers unless enabled');
    assert.ok(await changes(display.getByTestId('pacer-canvas'), 400), 'the pacer animates on the client display');
    await display.screenshot({ path: artifactPath('04-client-display.png') });
    await display.close();

    // Stop: the summary appears.
    await page.getByTestId('stop-session').click();
    await page.getByTestId('session-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('summary-numbers').waitFor({ timeout: 30_000 });
    const summaryText = (await page.getByTestId('summary-numbers').textContent()) ?? '';
    assert.match(summaryText, /Gem\. hartslag\s*\d+/, 'the summary shows a mean heart rate');
    await page.screenshot({ path: artifactPath('05-session-summary.png'), fullPage: true });

    // The session under the client, with its summary, opening into the review.
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('session-table').waitFor();
    const rows = page.getByTestId('session-row');
    assert.equal(await rows.count(), 1);
    const row = (await rows.first().textContent()) ?? '';
    assert.match(row, /afgerond/);
    assert.match(row, /Ademhaling/);
    await page.getByTestId('session-summary').waitFor();
    await page.screenshot({ path: artifactPath('06-client-sessions.png'), fullPage: true });
    await page.getByTestId('open-review').first().click();
    await page.getByTestId('review').waitFor();
    await page.getByTestId('review-tachogram').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    assert.match((await page.getByTestId('review').textContent()) ?? '', /Cliënt ontspant zichtbaar/, 'the marker is in the review');
    await page.screenshot({ path: artifactPath('07-session-review.png'), fullPage: true });
  });

  test('language switches between Dutch and English and is remembered', async () => {
    await page.goto(host.url + '#/live');
    await page.getByTestId('nav-live').waitFor();
    await page.getByTestId('lang-en').click();
    await waitFor('English', async () => (await page.getByTestId('nav-live').textContent())?.trim() === 'Live session', 5000);
    assert.equal((await page.getByTestId('nav-clients').textContent())?.trim(), 'Clients');
    // The per-beat tiles in English too (no pacer runs now: the phase says what it needs).
    assert.equal(await page.getByTestId('phase-tile').locator('.tile-label').textContent(), 'HR–pacer phase');
    await waitFor('the phase note in English', async () => (await page.getByTestId('phase-note').textContent())?.trim() === 'needs the pacer and two breaths', 5000);
    await page.screenshot({ path: artifactPath('08-console-english.png'), fullPage: true });
    // A reload has no token (it is kept in memory only): the page says how to open it again.
    await page.reload();
    const fatal = page.getByTestId('fatal');
    await fatal.waitFor();
    assert.match((await fatal.locator('p[lang="nl"]').textContent()) ?? '', /Open het volledige adres dat `cadans web`/);
    assert.match((await fatal.locator('p[lang="en"]').textContent()) ?? '', /Open the full address that `cadans web`/);
    assert.doesNotMatch(page.url(), /token/);
    // The URL typed into the same tab again (only the fragment changes: no reload) connects.
    await page.goto(host.url);
    await waitFor('English after reload', async () => (await page.getByTestId('nav-live').textContent())?.trim() === 'Live session', 10_000);
    assert.doesNotMatch(await page.evaluate(() => window.location.href), /token/);
    await page.getByTestId('lang-nl').click();
    await waitFor('Dutch', async () => (await page.getByTestId('nav-live').textContent())?.trim() === 'Live sessie', 5000);
    assert.equal((await page.getByTestId('nav-clients').textContent())?.trim(), 'Cliënten');
  });

  test('bad signal: the scores freeze, greyed, with the reason and the ear-clip hint', async () => {
    await page.goto(host.url + '#/live');
    await page.getByTestId('channel').first().waitFor();
    await page.getByTestId('channel').first().getByRole('button').click(); // disconnect
    await waitFor('no sensor', async () => (await page.getByTestId('channel').count()) === 0, 10_000);
    // The clip comes off after 80 s of signal (4 s at 20×) and goes back on at 110 s.
    await page.getByTestId('sensor-spec').fill('sim:speed=20,seed=11,clipoff=80-110');
    await page.getByTestId('connect').click();
    await waitFor('scores', async () => Number.isFinite(uiNumber(await page.getByTestId('coherence-value').textContent())), 30_000);
    assert.equal(await page.getByTestId('metrics').getAttribute('data-frozen'), 'no');
    const good = await page.getByTestId('hr-value').textContent();
    await waitFor('frozen scores', async () => (await page.getByTestId('metrics').getAttribute('data-frozen')) === 'yes', 30_000);
    await page.getByTestId('quality-hint').waitFor();
    assert.match((await page.getByTestId('quality-hint').textContent()) ?? '', /oorclip/i);
    assert.match((await page.getByTestId('frozen-reason').textContent()) ?? '', /Scores bevroren/);
    // Frozen at the last trusted value: a plausible heart rate that does not move while the signal is bad.
    const frozenHr = await page.getByTestId('hr-value').textContent();
    assert.ok(Math.abs(uiNumber(frozenHr) - 72) < 12, `frozen HR ${frozenHr} (before the clip came off: ${good})`);
    await page.waitForTimeout(1500);
    assert.equal(await page.getByTestId('metrics').getAttribute('data-frozen'), 'yes');
    assert.equal(await page.getByTestId('hr-value').textContent(), frozenHr, 'the last trusted value is kept, not a number from noise');
    await page.screenshot({ path: artifactPath('09-bad-signal-frozen.png'), fullPage: true });
    await waitFor('scores back', async () => (await page.getByTestId('metrics').getAttribute('data-frozen')) === 'no', 40_000);
  });

  test('no errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
