// End-to-end: the guided resonance-frequency assessment in Debian Chromium against `cadans web`
// with the simulator set to a known resonance (5.5 breaths/min) and sped up. A shortened stepped
// protocol (6.5, 5.5, 4.5 breaths/min; 40 s of signal per step, 10 s settling) runs from the
// resonance screen: the step indicator must advance, the table fill in step by step, and the
// recommendation come out at 5.5 (or flagged too close to call with 5.5 among the top two).
// The therapist overrides it; the session is in the client's history as a resonance session;
// and the client's next breathing session starts with the pacer preset to the chosen rate.
// Screenshots go to test-artifacts/ (resonance-*.png).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { uiNumber, useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const RESONANCE_BPM = 5.5;
// compliance=1: the simulated client breathes exactly with the pacer (lapses are covered by the resonance unit tests).
const SIM_SPEC = `sim:resonance=${RESONANCE_BPM},speed=8,seed=3,compliance=1`;
const OVERRIDE_BPM = 5;
const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('Resonance assessment in Chromium (cadans web + simulator)', { skip: skip ?? false, timeout: 180_000 }, () => {
  const e2e = useWebHostPage();
  const pageErrors = e2e.pageErrors;
  let page: Page;
  let host: WebHostProcess;
  before(() => {
    page = e2e.page;
    host = e2e.host;
  });

  test('guided stepped protocol: live steps, table, recommendation, override, history, pacer preset', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-resonance').waitFor();
    assert.equal((await page.getByTestId('nav-resonance').textContent())?.trim(), 'Resonantiemeting');

    // Client and sensor, from the resonance screen itself.
    await page.getByTestId('nav-resonance').click();
    await page.getByTestId('resonance-screen').waitFor();
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Rosa Resonantie');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('sensor-spec').fill(SIM_SPEC);
    await page.getByTestId('connect').click();
    await page.locator('[data-testid="channel"][data-state="connected"]').waitFor({ timeout: 15_000 });

    // A shortened protocol.
    await page.getByTestId('resonance-rates').fill('6,5 5,5 4,5');
    await page.getByTestId('resonance-step-sec').fill('40');
    await page.getByTestId('resonance-settle-sec').fill('10');
    assert.equal(await page.getByTestId('resonance-row').count(), 3, 'the table lists the planned steps before the start');
    await page.screenshot({ path: artifactPath('resonance-01-setup.png'), fullPage: true });
    await page.getByTestId('resonance-start').click();
    await page.getByTestId('resonance-stop').waitFor();

    // The step indicator advances through the steps; the table fills in as they finish.
    const step = page.getByTestId('resonance-step');
    const doneRows = page.locator('[data-testid="resonance-row"][data-state="done"]');
    const seenSteps = new Set<string>();
    const doneCounts: number[] = [];
    let settlingSeen = false;
    let midShot = false;
    await waitFor(
      'the recommendation',
      async () => {
        const kind = await step.getAttribute('data-kind');
        const stepId = kind === 'step' ? await step.getAttribute('data-step') : null;
        if (stepId) seenSteps.add(stepId); // (absent for a moment while the indicator re-renders)
        if ((await step.getAttribute('data-settling')) === 'yes') settlingSeen = true;
        const n = await doneRows.count();
        if (doneCounts.at(-1) !== n) doneCounts.push(n);
        if (!midShot && n === 1 && kind === 'step') {
          midShot = true;
          await page.screenshot({ path: artifactPath('resonance-02-running.png'), fullPage: true });
        }
        return (await page.getByTestId('resonance-result-card').count()) > 0;
      },
      60_000,
      150,
    );
    console.log(`# steps seen: ${[...seenSteps].join(',')}; rows done over time: ${doneCounts.join(' → ')}`);
    assert.deepEqual([...seenSteps].sort(), ['0', '1', '2'], 'the indicator showed every step');
    assert.ok(settlingSeen, 'the settling part of a step is shown');
    assert.ok(doneCounts.includes(1) && doneCounts.includes(2), `the table filled in step by step (${doneCounts.join(' → ')})`);
    assert.equal(await doneRows.count(), 3, 'every step has its row at the end');

    // The recommendation: 5.5, or too close to call with 5.5 among the top two.
    const rec = page.getByTestId('resonance-recommended');
    const recRate = Number(await rec.getAttribute('data-rate'));
    const ranking = ((await page.getByTestId('resonance-ranking').textContent()) ?? '').replace(/^[^:]*:/, '');
    const topTwo = ranking
      .split('·')
      .slice(0, 2)
      .map((part) => uiNumber(part.replace(/^\s*\d+\.\s*/, '').replace(/\(.*$/, '')));
    const flags = (await page.getByTestId('resonance-flags').textContent()) ?? '';
    console.log(`# recommended ${recRate}; ranking ${ranking.trim()}; flags '${flags}'`);
    if (recRate !== RESONANCE_BPM) {
      assert.ok(await page.getByTestId('resonance-flag-too-close-to-call').count(), `recommended ${recRate}, not ${RESONANCE_BPM}, without the too-close flag`);
      assert.ok(topTwo.includes(RESONANCE_BPM), `${RESONANCE_BPM} is among the top two (${topTwo})`);
    }
    assert.match((await page.getByTestId('resonance-reason').textContent()) ?? '', /ademhalingen\/min/, 'the reason is in Dutch');
    assert.equal(await page.locator('tr.res-best').getAttribute('data-rate'), String(recRate), 'the recommended step is highlighted');
    assert.match((await page.getByTestId('resonance-result').textContent()) ?? '', /standaard voor de volgende ademhalingssessie van Rosa Resonantie/);
    await page.screenshot({ path: artifactPath('resonance-03-recommendation.png'), fullPage: true });

    // Per step, the heart rate over the pacer; every column with its unit.
    const stepCharts = page.getByTestId('resonance-step-card').getByTestId('resonance-step-chart');
    await waitFor('the per-step charts', async () => (await stepCharts.count()) === 3, 10_000);
    const chartRates = await stepCharts.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rate'))));
    assert.deepEqual(chartRates, [6.5, 5.5, 4.5]);
    for (const n of await stepCharts.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-beats'))))) assert.ok(n >= 20, `beats in a step chart: ${n}`);
    const units = await page.getByTestId('resonance-table').locator('th').evaluateAll((els) => els.map((e) => e.querySelector('.unit')?.textContent ?? ''));
    assert.ok(units.includes('ms²') && units.includes('slagen/min') && units.includes('°') && units.includes('%'), `units ${units.join('|')}`);
    await page.getByTestId('resonance-step-card').screenshot({ path: artifactPath('resonance-03b-step-charts.png') });

    // The override box speaks Dutch (5,5), takes 5,5 or 5.5, and says what is wrong otherwise.
    const box = page.getByTestId('resonance-override-rate');
    const shownRate = await box.inputValue();
    assert.match(shownRate, /^\d+,\d+$/, `Dutch number format in the override box: '${shownRate}'`);
    assert.equal(uiNumber(shownRate), recRate);
    await box.fill('vijf');
    await page.getByTestId('resonance-override-invalid').waitFor();
    assert.ok(await page.getByTestId('resonance-override-save').isDisabled());

    // The therapist overrides the rate (typed with a decimal point: accepted too).
    await page.getByTestId('resonance-override-rate').fill(`${OVERRIDE_BPM}.0`);
    await page.getByTestId('resonance-override-note').fill('Cliënt vindt 5 prettiger');
    await page.getByTestId('resonance-override-save').click();
    await page.getByTestId('resonance-overridden').waitFor();
    assert.equal(Number(await rec.getAttribute('data-rate')), OVERRIDE_BPM);
    assert.match((await page.getByTestId('resonance-overridden').textContent()) ?? '', /Gekozen door therapeut: 5,0 per minuut/);
    await page.screenshot({ path: artifactPath('resonance-04-override.png'), fullPage: true });

    // The reason follows the UI language.
    await page.getByTestId('lang-en').click();
    await waitFor('the English reason', async () => /breaths\/min meets the criteria best/.test((await page.getByTestId('resonance-reason').textContent()) ?? ''), 5000);
    assert.match((await page.getByTestId('resonance-overridden').textContent()) ?? '', /Chosen by the therapist: 5\.0 per minute/);
    await page.screenshot({ path: artifactPath('resonance-04b-english.png'), fullPage: true });
    await page.getByTestId('lang-nl').click();
    await waitFor('Dutch again', async () => /ademhalingen\/min/.test((await page.getByTestId('resonance-reason').textContent()) ?? ''), 5000);

    // The client's history: a resonance session with its assessment.
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('session-table').waitFor();
    const rows = page.getByTestId('session-row');
    assert.equal(await rows.count(), 1);
    const row = (await rows.first().textContent()) ?? '';
    assert.match(row, /Resonantiemeting/);
    assert.match(row, /afgerond/);
    await page.getByTestId('resonance-session').waitFor();
    assert.match((await page.getByTestId('resonance-session').textContent()) ?? '', /Standaardtempo van de cliënt/);
    assert.equal(await page.getByTestId('resonance-session').locator('[data-testid="resonance-row"]').count(), 3);
    assert.equal(await page.getByTestId('resonance-session').getByTestId('resonance-step-chart').count(), 3, 'the per-step charts in the history');
    await page.screenshot({ path: artifactPath('resonance-05-history.png'), fullPage: true });

    // The next breathing session: the pacer form is preset to the chosen rate and says so.
    await page.getByTestId('nav-live').click();
    await page.getByTestId('resonance-preset').waitFor();
    await waitFor('the preset rate', async () => uiNumber(await page.getByTestId('pacer-rate').inputValue()) === OVERRIDE_BPM, 5000);
    assert.equal(await page.getByTestId('resonance-preset').getAttribute('data-in-use'), 'yes');
    assert.match((await page.getByTestId('resonance-preset').textContent()) ?? '', /Ingesteld op 5,0\/min uit de resonantiemeting/);
    await page.screenshot({ path: artifactPath('resonance-06-console-preset.png'), fullPage: true });
    await page.getByTestId('start-session').click();
    await page.getByTestId('stop-session').waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    await page.getByTestId('stop-session').click();
    await page.getByTestId('summary-numbers').waitFor({ timeout: 30_000 });
    assert.match((await page.getByTestId('summary-numbers').textContent()) ?? '', /5,0\/min/, 'the breathing session ran at the preset rate');
  });

  test('no errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
