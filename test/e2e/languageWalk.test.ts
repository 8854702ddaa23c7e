// End-to-end: no English in the Dutch UI or reports, and no Dutch in the English ones. A session is
// recorded with the simulator (pacer, marker), then every screen — console with sensor panel and
// live session, client display, clients, client record with all its tabs, session and progress
// reports, review, resonance — is walked in Dutch and in English; the visible text of each is
// checked against the words only the other language's catalogues use (test/support/languageWords.ts).
// Screenshots go to test-artifacts/lang-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { foreignWords, languageWords, type LanguageWords } from '../support/languageWords.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const SIM_SPEC = 'sim:speed=20,seed=7,compliance=1';
const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

/** The visible text of a page or frame (inputs' placeholders included), every element counted. */
async function visibleText(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const placeholders = [...document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')].map((e) => e.placeholder);
    return document.body.innerText + '\n' + placeholders.join('\n');
  });
}

describe('Language walk in Chromium: every screen and report in nl and en', { skip: skip ?? false, timeout: 300_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1000 });
  let page: Page;
  let host: WebHostProcess;
  let words: LanguageWords;
  before(async () => {
    page = e2e.page;
    host = e2e.host;
    words = await languageWords();
  });

  test('the word lists are built from the catalogues', () => {
    for (const w of ['the', 'session', 'and']) assert.ok(words.onlyEn.has(w), `'${w}' is English only`);
    for (const w of ['sessie', 'het', 'geen']) assert.ok(words.onlyNl.has(w), `'${w}' is Dutch only`);
    for (const w of ['cadans', 'pulsesensor', 'status']) assert.ok(!words.onlyEn.has(w) && !words.onlyNl.has(w), `'${w}' is in neither list`);
  });

  test('a session to show: client, simulator, pacer, marker, stop', async () => {
    await page.goto(host.url);
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Anna Jansen');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('sensor-spec').fill(SIM_SPEC);
    await page.getByTestId('connect').click();
    await page.locator('[data-testid="channel"][data-state="connected"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('pacer-rate').fill('6');
    await page.getByTestId('pacer-duration').fill('0');
    await page.getByTestId('start-session').click();
    await page.getByTestId('stop-session').waitFor();
    await page.getByTestId('marker-note').fill('M1');
    await page.getByTestId('add-marker').click();
    await page.getByTestId('markers').getByText('M1').waitFor();
    await new Promise((r) => setTimeout(r, 6000));
  });

  for (const lang of ['nl', 'en'] as const) {
    test(`every screen in ${lang} has no words of the other language`, async () => {
      const foreign = lang === 'nl' ? words.onlyEn : words.onlyNl;
      const problems: string[] = [];
      const check = async (screen: string, target: Page | Frame = page): Promise<void> => {
        await page.waitForTimeout(400);
        if (target === page) await page.screenshot({ path: artifactPath(`lang-${lang}-${screen}.png`), fullPage: true });
        for (const hit of foreignWords(await visibleText(target), foreign)) problems.push(`${screen}: ${hit}`);
      };

      await page.goto(host.url + '#/live');
      await page.getByTestId(`lang-${lang}`).click();
      await waitFor(`the UI in ${lang}`, async () => (await page.evaluate(() => document.documentElement.lang)) === lang, 5000);

      if (lang === 'nl') {
        // The live session (still recording) with its sensor panel, then the client display.
        await check('live-session');
        const display = await page.context().newPage();
        await display.goto(host.url.replace('#token=', '#/display?token='));
        await display.getByTestId('client-display').waitFor();
        await display.waitForTimeout(1500);
        await display.screenshot({ path: artifactPath(`lang-${lang}-client-display.png`) });
        for (const hit of foreignWords(await visibleText(display), foreign)) problems.push(`client-display: ${hit}`);
        await display.close();
        await page.getByTestId('stop-session').click();
        await page.getByTestId('session-summary').waitFor({ timeout: 30_000 });
      }
      await check('live-console');

      await page.getByTestId('nav-resonance').click();
      await page.getByTestId('resonance-screen').waitFor();
      await check('resonance');

      await page.getByTestId('nav-clients').click();
      await page.getByTestId('session-table').waitFor();
      await page.getByTestId('session-summary').waitFor({ timeout: 30_000 });
      await check('clients');

      await page.getByTestId('open-review').first().click();
      await page.getByTestId('review').waitFor();
      await page.getByTestId('summary-numbers').waitFor({ timeout: 30_000 });
      await check('review');

      await page.getByTestId('nav-record').click();
      await page.getByTestId('client-record').waitFor();
      for (const tab of ['overview', 'questionnaires', 'running', 'sessions', 'reports']) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.locator(`[data-testid="tab-${tab}"][aria-selected="true"]`).waitFor();
        await check(`record-${tab}`);
      }

      await page.getByTestId('open-progress-report').click();
      const progress = page.locator('[data-testid="progress-report"] iframe');
      await progress.waitFor();
      const progressFrame = (await (await progress.elementHandle())!.contentFrame())!;
      await progressFrame.locator('body[data-report]').waitFor();
      await check('record-progress-report');
      await check('progress-report-document', progressFrame);

      await page.getByTestId('tab-sessions').click();
      await page.getByTestId('open-session-report').first().click();
      const session = page.locator('[data-testid="session-report"] iframe');
      await session.waitFor();
      const sessionFrame = (await (await session.elementHandle())!.contentFrame())!;
      await sessionFrame.locator('svg.chart').first().waitFor({ timeout: 60_000 });
      await check('record-session-report');
      await check('session-report-document', sessionFrame);

      assert.deepEqual(problems, [], `words of the other language on the ${lang} screens:\n${problems.join('\n')}`);
    });
  }
});
