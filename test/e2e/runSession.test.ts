// End-to-end: a live run session in Debian Chromium against `cadans web` with the simulator, in
// Dutch and in English. Seconds-long blocks (warm-up, run, walk, run, cool-down) are typed in;
// the cue events (`cadans:run-cue`, one per change, plus a Borg prompt after each run block and
// the end) are collected in the page and asserted in order; a Borg rating and the talk test are
// entered after the first run block; after the stop the session is stored and opens in the
// review as a run session. Screenshots go to test-artifacts/ (run-*.png).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const EXPECTED_CUES = ['warmup@0', 'run@1', 'borg@1', 'walk@2', 'run@3', 'borg@3', 'cooldown@4', 'end@4'];

describe('Live run session in Chromium (cadans web + simulator)', { skip: skip ?? false, timeout: 240_000 }, () => {
  const e2e = useWebHostPage();
  let page: Page;
  let host: WebHostProcess;
  before(async () => {
    page = e2e.page;
    host = e2e.host;
    await page.addInitScript(() => {
      const w = window as unknown as { __runCues: string[] };
      w.__runCues = [];
      window.addEventListener('cadans:run-cue', (e) => {
        const c = (e as CustomEvent<{ kind: string; blockIndex: number }>).detail;
        w.__runCues.push(`${c.kind}@${c.blockIndex}`);
      });
    });
  });

  const cues = (): Promise<string[]> => page.evaluate(() => [...(window as unknown as { __runCues: string[] }).__runCues]);

  /** Type the blocks warm-up 3 s, run 6 s, walk 3 s, run 6 s, cool-down 3 s (from the default four rows). */
  async function typeBlocks(): Promise<void> {
    await page.getByTestId('run-block-kind-3').selectOption('run');
    await page.getByTestId('run-add-block').click();
    await page.getByTestId('run-block-kind-4').waitFor();
    await page.getByTestId('run-block-kind-4').selectOption('cooldown');
    for (const [i, sec] of [3, 6, 3, 6, 3].entries()) await page.getByTestId(`run-block-sec-${i}`).fill(String(sec));
  }

  async function runSession(lang: 'nl' | 'en', clientName: string): Promise<void> {
    await page.getByTestId('nav-run').click();
    await page.getByTestId('run-screen').waitFor();
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill(clientName);
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await waitFor('the new client selected', async () => ((await page.getByTestId('client-select').locator('option:checked').textContent()) ?? '').includes(clientName), 10_000);
    if (!(await page.locator('[data-testid="channel"][data-state="connected"]').count())) {
      await page.getByTestId('sensor-spec').fill('sim:hr=70');
      await page.getByTestId('connect').click();
      await page.locator('[data-testid="channel"][data-state="connected"]').waitFor({ timeout: 15_000 });
    }
    await typeBlocks();
    await page.getByTestId('run-hr-rest').fill('60');
    await page.getByTestId('run-hr-max').fill('185');
    await page.evaluate(() => ((window as unknown as { __runCues: string[] }).__runCues.length = 0));
    await page.getByTestId('run-start').click();
    await page.getByTestId('run-stop').waitFor();
    const timer = page.getByTestId('run-timer');
    await waitFor('the warm-up block', async () => (await timer.getAttribute('data-block-kind')) === 'warmup' || (await timer.getAttribute('data-block-index')) !== '0', 10_000);
    // Karvonen 40–60 % of the reserve (185 − 60) above 60: 110–135 /min.
    assert.match((await page.getByTestId('run-target').textContent()) ?? '', /110.135/);
    await page.screenshot({ path: artifactPath(`run-${lang}-01-running.png`), fullPage: true });

    // The Borg prompt after the first run block: rate 13 ("redelijk zwaar" / "somewhat hard"), talk test ticked.
    await page.getByTestId('run-borg').waitFor({ timeout: 20_000 });
    const anchor13 = (await page.getByTestId('borg-13').textContent()) ?? '';
    assert.match(anchor13, lang === 'nl' ? /redelijk zwaar/ : /somewhat hard/);
    assert.match((await page.getByTestId('borg-6').textContent()) ?? '', lang === 'nl' ? /helemaal geen inspanning/ : /no exertion at all/);
    await page.getByTestId('borg-13').click();
    await page.locator('[data-testid="borg-13"][aria-checked="true"]').waitFor();
    await page.getByTestId('run-talk-test').check();
    await page.screenshot({ path: artifactPath(`run-${lang}-02-borg.png`), fullPage: true });
    await page.getByTestId('run-borg-save').click();
    await page.getByTestId('run-borg-list').waitFor();
    assert.match((await page.getByTestId('run-borg-list').textContent()) ?? '', /13/);

    // The second run block's prompt: skipped (stored as not asked).
    await waitFor('the second Borg prompt', async () => (await cues()).includes('borg@3'), 30_000);
    await page.getByTestId('run-borg-skip').click();
    await page.getByTestId('run-borg').waitFor({ state: 'detached' });

    await page.locator('[data-testid="run-timer"][data-phase="finished"]').waitFor({ timeout: 30_000 });
    assert.deepEqual(await cues(), EXPECTED_CUES, 'each change cued once, in order');
    assert.equal(await timer.getAttribute('data-last-cue'), 'end@4');
    assert.equal(await timer.getAttribute('data-cue-count'), String(EXPECTED_CUES.length));

    await page.getByTestId('run-stop').click();
    await page.getByTestId('run-result').waitFor({ timeout: 30_000 });
    assert.match((await page.getByTestId('run-hrr').textContent()) ?? '', lang === 'nl' ? /Hartslagherstel/ : /Heart-rate recovery/);
    await page.screenshot({ path: artifactPath(`run-${lang}-03-result.png`), fullPage: true });
    await page.getByTestId('run-open-review').click();
    await page.getByTestId('review').waitFor();
    const reviewText = (await page.getByTestId('review').textContent()) ?? '';
    assert.ok(reviewText.includes(clientName), 'the review shows the client');
    assert.match(reviewText, lang === 'nl' ? /Lopen\/wandelen/ : /Run\/walk/, 'a run session');
    await page.screenshot({ path: artifactPath(`run-${lang}-04-review.png`), fullPage: true });
  }

  test('Dutch: cues, Borg with anchor words, talk test, stop, stored and reviewed', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-run').waitFor();
    assert.equal((await page.getByTestId('nav-run').textContent())?.trim(), 'Hardlopen');
    await runSession('nl', 'Loes Loper');
    assert.deepEqual(e2e.pageErrors, []);
  });

  test('English: the same session in English', async () => {
    await page.getByTestId('lang-en').click();
    await waitFor('the English UI', async () => (await page.getByTestId('nav-run').textContent())?.trim() === 'Running', 10_000);
    await runSession('en', 'Rob Runner');
    assert.deepEqual(e2e.pageErrors, []);
  });
});
