// End-to-end: the resonance screen's protocol form says which rule its settings break, in the
// page's language (the protocol's coded problems, not one generic line): a rate outside 3–12 per
// minute names its step, steps too short for the settling time say how much is left to analyse.
// Screenshot: test-artifacts/resonance-setup-problems.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('Resonance protocol form: the rule broken, in Dutch and English', { skip: skip ?? false, timeout: 120_000 }, () => {
  const e2e = useWebHostPage();
  let page: Page;
  let host: WebHostProcess;
  before(() => {
    page = e2e.page;
    host = e2e.host;
  });
  const problems = async (): Promise<string[]> => (await page.getByTestId('resonance-problem').allTextContents()).map((s) => s.trim());

  test('a rate of 15 and steps too short to analyse', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-resonance').click();
    await page.getByTestId('resonance-screen').waitFor();
    await page.getByTestId('resonance-rates').fill('6 15');
    await waitFor('the rate problem', async () => (await problems()).length === 1, 5000);
    assert.deepEqual(await problems(), ['stap 2: de ademfrequentie moet tussen 3 en 12 per minuut liggen (gegeven: 15)']);
    await page.getByTestId('resonance-rates').fill('6 5');
    await waitFor('the rates accepted', async () => (await page.getByTestId('resonance-total').count()) === 1, 5000);
    await page.getByTestId('resonance-step-sec').fill('30');
    await waitFor('the length problem', async () => (await problems()).length === 1, 5000);
    const [nl] = await problems();
    assert.match(nl!, /^stappen van 30 s met 30 s inlooptijd laten .* s over om te analyseren/);
    await page.screenshot({ path: artifactPath('resonance-setup-problems.png'), fullPage: true });
    await page.getByTestId('lang-en').click();
    await waitFor('English', async () => /^steps of 30 s with 30 s settling leave/.test((await problems())[0] ?? ''), 5000);
    assert.equal(await page.getByTestId('resonance-start').isDisabled(), true);
  });

  test('no errors in the page', () => {
    assert.deepEqual(e2e.pageErrors, []);
  });
});
