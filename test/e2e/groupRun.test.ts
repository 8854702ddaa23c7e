// End-to-end: a group run in Debian Chromium against `cadans web` with two simulators, in Dutch and
// in English (issue 15 "works for a group too"). On #/grouprun two clients are created, each given
// their own simulator, resting HR and HRmax; seconds-long blocks are typed in for the group; the
// console shows one timer and a row per runner with their own target zone and live heart rate. The
// cue events (`cadans:run-cue`) come once per change for the whole group, in order; the Borg prompt
// after each run block is answered for each runner in turn (rated after the first run block, skipped
// after the second); after the stop each runner has a result and their own stored run session.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { uiNumber, useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const EXPECTED_CUES = ['warmup@0', 'run@1', 'borg@1', 'walk@2', 'run@3', 'borg@3', 'cooldown@4', 'end@4'];

describe('Group run in Chromium (cadans web + two simulators)', { skip: skip ?? false, timeout: 240_000 }, () => {
  const e2e = useWebHostPage({ width: 1600, height: 1000 });
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

  /** The group display (a second page, 1920×1080): the group's timer in place of the pacer, a tile per runner. */
  async function checkDisplay(page: Page, url: string): Promise<void> {
    const display = await page.context().newPage();
    try {
      await display.setViewportSize({ width: 1920, height: 1080 });
      await display.goto(url.replace('#token=', '#/display?token='));
      await display.getByTestId('group-display').waitFor();
      await display.locator('[data-testid="gd-run-timer"] [data-testid="run-timer"]').waitFor({ timeout: 10_000 });
      await waitFor('two tiles', async () => (await display.getByTestId('gd-tile').count()) === 2, 10_000);
      assert.equal(await display.locator('.gd-pacer').count(), 0, 'no pacer in a group run');
      const px = await display.getByTestId('run-timer-left').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(px >= 150, `the time left legible at 4 m (${px} px)`);
      await display.screenshot({ path: artifactPath('grouprun-display-1920x1080-nl.png') });
    } finally {
      await display.close();
    }
  }

  const cues = (): Promise<string[]> => page.evaluate(() => [...(window as unknown as { __runCues: string[] }).__runCues]);
  /** The open Borg prompt's title ('' when none): read without waiting (the prompt may close between two reads). */
  const borgTitle = (): Promise<string> => page.evaluate(() => document.querySelector('[data-testid="run-borg"] h2')?.textContent ?? '');

  /** Rate (or skip) the open Borg prompt of `name`, then wait for it to close. */
  async function answer(name: string, borg: number | null): Promise<void> {
    await waitFor(`the Borg prompt of ${name}`, async () => (await page.getByTestId('run-borg').count()) > 0 && (await borgTitle()).includes(name), 20_000);
    if (borg === null) await page.getByTestId('run-borg-skip').click();
    else {
      await page.getByTestId(`borg-${borg}`).click();
      await page.locator(`[data-testid="borg-${borg}"][aria-checked="true"]`).waitFor();
      await page.getByTestId('run-talk-test').check();
      await page.getByTestId('run-borg-save').click();
    }
    await waitFor(`the prompt of ${name} answered`, async () => (await page.getByTestId('run-borg').count()) === 0 || !(await borgTitle()).includes(name), 10_000);
  }

  async function groupRun(lang: 'nl' | 'en', names: [string, string], specs: [string, string]): Promise<void> {
    // One sensor at a time, each waited for (a second add while the first re-renders the panel can be lost).
    for (const [i, spec] of specs.entries()) {
      await page.getByTestId('sensor-spec').fill(spec);
      await page.getByTestId('add-sensor').click();
      await waitFor(`sensor ${i + 1} added`, async () => (await page.locator('[data-testid="channel"]').count()) >= i + 1, 20_000);
    }
    await waitFor('both sensors connected', async () => {
      const states = await page.locator('[data-testid="channel"][data-state="connected"]').allTextContents();
      return states.length >= 2;
    }, 20_000);
    await page.getByTestId('nav-run').click();
    await page.getByTestId('run-to-group').click();
    await page.getByTestId('grouprun-setup').waitFor();
    for (const [i, name] of names.entries()) {
      await page.getByTestId('group-new-client-name').fill(name);
      await page.getByTestId('group-new-client').click();
      await waitFor(`${name} in row ${i}`, async () => ((await page.getByTestId(`group-client-${i}`).locator('option:checked').textContent()) ?? '') === name, 10_000);
      const value = await page.getByTestId(`group-sensor-${i}`).evaluate((el, key) => [...(el as HTMLSelectElement).options].map((o) => o.value).find((v) => v.includes(key)) ?? '', specs[i]!.split(',')[0]!.slice(4));
      await page.getByTestId(`group-sensor-${i}`).selectOption(value);
      await page.locator(`[data-testid="group-sensor-${i}"]`).evaluate((el) => (el as HTMLSelectElement).value).then((v) => assert.ok(v.includes('hr='), `row ${i}: sensor ${v}`));
    }
    await page.getByTestId('grouprun-hr-rest-0').fill('60');
    await page.getByTestId('grouprun-hr-max-0').fill('185');
    await page.getByTestId('grouprun-hr-rest-1').fill('65');
    await page.getByTestId('grouprun-hr-max-1').fill('190');
    // Blocks warm-up 3 s, run 6 s, walk 3 s, run 6 s, cool-down 3 s (from the default four rows).
    await page.getByTestId('run-block-kind-3').selectOption('run');
    await page.getByTestId('run-add-block').click();
    await page.getByTestId('run-block-kind-4').waitFor();
    await page.getByTestId('run-block-kind-4').selectOption('cooldown');
    for (const [i, sec] of [3, 6, 3, 6, 3].entries()) await page.getByTestId(`run-block-sec-${i}`).fill(String(sec));
    await waitFor('the set-up to be complete', async () => (await page.getByTestId('group-problem').count()) === 0, 15_000);
    assert.equal(await page.getByTestId('grouprun-start').textContent(), lang === 'nl' ? 'Groepsrun starten (2 lopers)' : 'Start the group run (2 runners)');
    await page.screenshot({ path: artifactPath(`grouprun-${lang}-01-setup.png`), fullPage: true });

    await page.evaluate(() => ((window as unknown as { __runCues: string[] }).__runCues.length = 0));
    await page.getByTestId('grouprun-start').click();
    await page.getByTestId('grouprun-console').waitFor();
    assert.equal(await page.getByTestId('runner-row').count(), 2);
    assert.deepEqual(await page.locator('[data-testid="runner-row"] .member-name').allTextContents(), names);
    // Each runner's own Karvonen target (40–60 % of their reserve above their resting HR).
    assert.match((await page.getByTestId('runner-target-0').textContent()) ?? '', /110.135/);
    assert.match((await page.getByTestId('runner-target-1').textContent()) ?? '', /115.140/);
    for (const i of [0, 1]) {
      await waitFor(`a heart rate for runner ${i}`, async () => {
        const v = uiNumber(await page.getByTestId(`runner-hr-${i}`).textContent());
        return v > 30 && v < 200;
      }, 20_000);
    }
    await page.screenshot({ path: artifactPath(`grouprun-${lang}-02-console.png`), fullPage: true });
    if (lang === 'nl') await checkDisplay(page, host.url);

    // After the first run block: a Borg prompt per runner, one after the other.
    await answer(names[0], 13);
    await answer(names[1], 11);
    await waitFor('both ratings in the rows', async () => ((await page.getByTestId('runner-borg-0').textContent()) ?? '').startsWith('13') && ((await page.getByTestId('runner-borg-1').textContent()) ?? '').startsWith('11'), 10_000);
    // After the second: skipped for both.
    await waitFor('the second Borg prompt', async () => (await cues()).includes('borg@3'), 30_000);
    await answer(names[0], null);
    await answer(names[1], null);
    await page.locator('[data-testid="run-timer"][data-phase="finished"]').waitFor({ timeout: 30_000 });
    assert.deepEqual(await cues(), EXPECTED_CUES, 'each change cued once for the group, in order');
    assert.equal(await page.getByTestId('run-timer').getAttribute('data-last-cue'), 'end@4');

    await page.getByTestId('grouprun-stop').click();
    await page.getByTestId('grouprun-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('grouprun-result-row').count(), 2, 'a result per runner');
    assert.match((await page.getByTestId('grouprun-result').textContent()) ?? '', lang === 'nl' ? /Hartslagherstel/ : /Heart-rate recovery/);
    await page.screenshot({ path: artifactPath(`grouprun-${lang}-03-result.png`), fullPage: true });
    // The second runner's own stored run session.
    await page.getByTestId('grouprun-open-review').nth(1).click();
    await page.getByTestId('review').waitFor();
    const reviewText = (await page.getByTestId('review').textContent()) ?? '';
    assert.ok(reviewText.includes(names[1]), 'the review shows the second runner');
    assert.ok(!reviewText.includes(names[0]), 'and not the first');
    assert.match(reviewText, lang === 'nl' ? /Lopen\/wandelen/ : /Run\/walk/, 'a run session');
  }

  test('Dutch: set-up, one timer and its cues, Borg for each runner, stop, a session each', async () => {
    await page.goto(host.url);
    await page.getByTestId('lang-nl').click();
    await groupRun('nl', ['Anna Loper', 'Bas Renner'], ['sim:hr=62,seed=11', 'sim:hr=80,seed=12']);
    assert.deepEqual(e2e.pageErrors, []);
  });

  test('English: the same group run in English', async () => {
    // A fresh page: the set-up's rows start empty again.
    await page.goto('about:blank');
    await page.goto(host.url);
    await page.getByTestId('lang-en').click();
    await waitFor('the English UI', async () => (await page.getByTestId('nav-run').textContent())?.trim() === 'Running', 10_000);
    await groupRun('en', ['Cas Runner', 'Dora Jogger'], ['sim:hr=64,seed=13', 'sim:hr=78,seed=14']);
    assert.deepEqual(e2e.pageErrors, []);
  });
});
