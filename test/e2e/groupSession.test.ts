// End-to-end: a group session in Chromium, in Dutch and then in English (issue 14). Three
// simulators start streaming (one with its ear clip off) and are offered on the group set-up as new
// participants; clients are created there, given those sensors, and the group starts with one shared
// pacer. The therapist console shows a row per client with their own live heart rate, a marker for
// all and one for a single client, and the clip-off only on that client's row. The group display at
// 1920×1080 shows the pacer, a tile per client (initials, or the nickname Bas chose in English; big type), the group coherence ring, and
// the ear-clip hint on the one tile only (screenshots: test-artifacts/group-display-*.png). In
// English the page is opened afresh: the sensors each client used are remembered and filled in, and
// the third sensor is recognised as its client; names and the ring are the therapist's choice.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { foreignWords, languageWords, type LanguageWords } from '../support/languageWords.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { uiNumber, useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const SPECS = ['sim:speed=10,seed=1,compliance=1', 'sim:speed=10,seed=2,compliance=1', 'sim:speed=10,seed=3,compliance=1,clipoff=5-3000'];
const NAMES = ['Anna de Vries', 'Bas Jansen', 'Cor Smit'];

let words: LanguageWords;

/** Words of the other language on the page (the clients' names left out: "de" in "Anna de Vries" is a name here). */
async function otherLanguage(page: Page, lang: 'nl' | 'en'): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const n of NAMES) text = text.split(n).join(' ');
  return foreignWords(text, lang === 'nl' ? words.onlyEn : words.onlyNl);
}

async function fontPx(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** Every member row shows a live heart rate (its own sensor's beats reach its own buffers). */
async function waitForHeartRates(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i === 2) continue; // the clip-off client has no beats
    await waitFor(`a heart rate in row ${i}`, async () => {
      const v = uiNumber(await page.getByTestId(`member-hr-${i}`).textContent());
      return v > 30 && v < 200;
    }, 30_000);
  }
}

async function markerCounts(page: Page, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number(await page.getByTestId(`member-markers-${i}`).textContent()));
  return out;
}

/** The rows given have no ear-clip / signal hint (within 20 s), else the hints shown. */
async function noHints(page: Page, rows: number[], prefix = 'member-hint'): Promise<void> {
  const shown = async (): Promise<string[]> => {
    const out: string[] = [];
    for (const i of rows) {
      // (allTextContents does not wait: a hint that went away between a count and a textContent
      // made textContent wait its 30 s for it and fail the test.)
      for (const text of await page.getByTestId(`${prefix}-${i}`).allTextContents()) out.push(`row ${i}: ${text}`);
    }
    return out;
  };
  const t0 = Date.now();
  while (Date.now() - t0 < 20_000) {
    if ((await shown()).length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(await shown(), [], 'a hint on a row whose sensor is fine');
}

/** The group display in a second page of the same browser (as the second screen). */
async function checkDisplay(page: Page, url: string, lang: 'nl' | 'en', expected: string): Promise<void> {
  const display = await page.context().newPage();
  try {
    await display.setViewportSize({ width: 1920, height: 1080 });
    await display.goto(url.replace('#token=', '#/display?token='));
    await display.getByTestId('group-display').waitFor();
    await waitFor('three tiles', async () => (await display.getByTestId('gd-tile').count()) === 3, 10_000);
    const labels = async (): Promise<string> => (await display.getByTestId('gd-tile').evaluateAll((els) => els.map((e) => e.querySelector('.gd-label')?.textContent))).join();
    await waitFor('initials (or nicknames) on the tiles', async () => (await labels()) === expected, 10_000).catch(async (e: Error) => assert.fail(`${e.message}: ${await labels()}`));
    const body = await display.evaluate(() => document.body.innerText);
    for (const name of NAMES) assert.ok(!body.includes(name), `no name on the group display (${name})`);
    assert.ok((await fontPx(display, 'gd-label-0')) >= 80, 'initials legible at 4 m');
    await display.getByTestId('gd-ring').waitFor();
    // The clip-off shows on its own tile only, with the ear-clip hint.
    await display.getByTestId('gd-hint-2').waitFor({ timeout: 20_000 });
    assert.match((await display.getByTestId('gd-hint-2').textContent()) ?? '', lang === 'nl' ? /oorclip/i : /ear clip/i);
    assert.ok((await fontPx(display, 'gd-hint-2')) >= 40, 'the hint is legible at 4 m');
    await noHints(display, [0, 1], 'gd-hint');
    // The trouble colour is the only one the clip-off tile shows (its colours are cross-faded layers, group.css).
    const shownColours = (i: number): Promise<string[]> =>
      display.locator(`[data-testid="gd-tile"][data-index="${i}"] .gd-bg`).evaluateAll((els) => els.filter((e) => getComputedStyle(e).opacity !== '0').map((e) => `${e.className}:${getComputedStyle(e).opacity}`));
    await waitFor('the clip-off tile in its trouble colour only', async () => (await shownColours(2)).join() === 'gd-bg gd-bg-trouble:1', 10_000).catch(async (e: Error) => assert.fail(`${e.message}: ${(await shownColours(2)).join()}`));
    // Each tile's own wave is drawn (a canvas per tile).
    await waitFor('a wave in every tile', async () => (await display.locator('[data-testid="gd-tile"] canvas').count()) >= 3, 10_000);
    const vp = { w: 1920, h: 1080 };
    for (const box of await display.getByTestId('gd-tile').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      assert.ok(box.x >= 0 && box.y >= 0 && box.right <= vp.w && box.bottom <= vp.h, 'every tile on screen');
    }
    assert.deepEqual(await otherLanguage(display, lang), [], `the group display in ${lang} only`);
    await new Promise((r) => setTimeout(r, 1500)); // a few beats on the waves
    await display.screenshot({ path: artifactPath(`group-display-1920x1080-${lang}.png`) });
  } finally {
    await display.close();
  }
}

describe('group session: set-up, console and group display, in nl and en', { skip: skip ?? false, timeout: 240_000 }, () => {
  const e2e = useWebHostPage({ width: 1920, height: 1080 });
  let page: Page;
  before(async () => {
    page = e2e.page;
    words = await languageWords();
  });

  test('Dutch: new participants from streaming sensors, clients created in the set-up, a group of three', async () => {
    await page.goto(e2e.host.url);
    await page.getByTestId('lang-nl').click();
    for (const spec of SPECS) {
      await page.getByTestId('sensor-spec').fill(spec);
      await page.getByTestId('add-sensor').click();
    }
    await waitFor('three sensors', async () => (await page.locator('[data-testid="channel"][data-state="connected"]').count()) === 3, 20_000);
    await page.getByTestId('nav-group').click();
    await page.getByTestId('group-setup').waitFor();
    assert.equal(await page.getByTestId('group-problem').getAttribute('data-problem'), 'incomplete');
    assert.match((await page.getByTestId('group-problem').textContent()) ?? '', /Kies voor iedere deelnemer/);
    await waitFor('three new participants', async () => (await page.getByTestId('group-newcomer').count()) === 3, 10_000);
    assert.match((await page.getByTestId('group-newcomer').first().textContent()) ?? '', /nieuwe deelnemer/);

    for (const name of NAMES) {
      await page.getByTestId('group-new-client-name').fill(name);
      await page.getByTestId('group-new-client').click();
      await waitFor(`${name} in the set-up`, async () => (await page.locator('[data-testid^="group-client-"] option:checked').allTextContents()).includes(name), 10_000);
    }
    assert.equal(await page.getByTestId('group-row').count(), 3, 'the third client got a row of their own');
    // One click per newcomer, each waited for: a click before the list re-renders would land on the
    // newcomer just taken (CI once saw one left over).
    for (let left = 3; left > 0; left--) {
      await page.getByTestId('group-newcomer-add').first().click();
      await waitFor(`${left - 1} newcomers left`, async () => (await page.getByTestId('group-newcomer').count()) === left - 1, 10_000);
    }
    assert.equal(await page.getByTestId('group-newcomer').count(), 0, 'every streaming sensor has a participant');
    await page.getByTestId('pacer-rate').fill('6');
    await page.getByTestId('pacer-duration').fill('0');
    await waitFor('the set-up to be complete', async () => (await page.getByTestId('group-problem').count()) === 0, 10_000);
    assert.equal(await page.getByTestId('group-start').textContent(), 'Groepssessie starten (3 deelnemers)');
    await page.screenshot({ path: artifactPath('group-setup-nl.png') });
    assert.deepEqual(await otherLanguage(page, 'nl'), [], 'the set-up in Dutch only');
    await page.getByTestId('group-start').click();

    await page.getByTestId('group-console').waitFor();
    assert.equal(await page.getByTestId('member-row').count(), 3);
    assert.deepEqual(await page.locator('.member-name').allTextContents(), NAMES);
    await waitForHeartRates(page, 3);
    // A marker for all, then one for Bas alone.
    await page.getByTestId('marker-note').fill('Allen');
    await page.getByTestId('group-marker-all').click();
    await waitFor('a marker in every row', async () => (await markerCounts(page, 3)).every((n) => n === 1), 5000);
    await page.getByTestId('marker-note').fill('Alleen Bas');
    await page.getByTestId('member-marker-1').click();
    await waitFor('a second marker for Bas only', async () => (await markerCounts(page, 3)).join() === '1,2,1', 5000);
    // Cor's clip is off: only his row says so.
    await page.getByTestId('member-hint-2').waitFor({ timeout: 20_000 });
    assert.match((await page.getByTestId('member-hint-2').textContent()) ?? '', /oorclip/i);
    // The others' rows carry no hint (waited for: with both cores busy a sensor's first quality
    // windows can dip for a moment; CI once saw a hint on row 0 that the next window cleared).
    await noHints(page, [0, 1]);
    await page.screenshot({ path: artifactPath('group-console-nl.png') });
    assert.deepEqual(await otherLanguage(page, 'nl'), [], 'the console in Dutch only');

    await checkDisplay(page, e2e.host.url, 'nl', 'AV,BJ,CS');

    await page.getByTestId('group-pause').click();
    await waitFor('paused', async () => (await page.getByTestId('session-phase').textContent()) === 'Gepauzeerd', 5000);
    await page.getByTestId('group-resume').click();
    await page.getByTestId('group-stop').click();
    await page.getByTestId('group-saved').waitFor({ timeout: 20_000 });
    assert.deepEqual(e2e.pageErrors, []);
  });

  test('English: remembered sensors filled in, the third recognised, the console and display in English', async () => {
    await page.getByTestId('lang-en').click();
    await waitFor('English', async () => (await page.getByTestId('nav-live').textContent())?.trim() === 'Live session', 5000);
    await page.goto('about:blank'); // a fresh page: nothing of the set-up kept in it
    await page.goto(e2e.host.url);
    await page.getByTestId('nav-group').click();
    await page.getByTestId('group-setup').waitFor();
    await page.getByTestId('group-client-0').selectOption({ label: NAMES[0]! });
    await page.getByTestId('group-remembered-0').waitFor();
    assert.equal(await page.getByTestId('group-remembered-0').textContent(), 'remembered');
    assert.equal(await page.getByTestId('group-sensor-0').inputValue(), SPECS[0]);
    await page.getByTestId('group-client-1').selectOption({ label: NAMES[1]! });
    await page.getByTestId('group-remembered-1').waitFor();
    assert.equal(await page.getByTestId('group-sensor-1').inputValue(), SPECS[1]);
    // The third sensor streams and is recognised as Cor's.
    await waitFor('Cor recognised', async () => /recognised as Cor Smit/.test((await page.getByTestId('group-newcomer').first().textContent()) ?? ''), 10_000);
    await page.getByTestId('group-newcomer-add').click();
    assert.equal(await page.getByTestId('group-row').count(), 3);
    await page.getByTestId('group-sensor-1').selectOption(SPECS[0]!); // the same sensor twice is refused with a reason
    assert.match((await page.getByTestId('group-problem').textContent()) ?? '', /same sensor/);
    await page.getByTestId('group-sensor-1').selectOption(SPECS[1]!);
    await waitFor('the set-up to be complete', async () => (await page.getByTestId('group-problem').count()) === 0, 10_000);
    // Bas chooses a nickname for the group display: too long is refused with a reason, then stored.
    const nick = page.getByTestId('group-nickname-1');
    await nick.fill('Bassie the breathing champion');
    await nick.press('Enter');
    await page.getByTestId('group-nickname-error-1').waitFor();
    assert.match((await page.getByTestId('group-nickname-error-1').textContent()) ?? '', /Nickname must be at most 20 characters/);
    await nick.fill('Bassie');
    await nick.press('Enter');
    await waitFor('the nickname stored', async () => (await page.getByTestId('group-nickname-error-1').count()) === 0 && (await nick.isEnabled()), 10_000);
    assert.deepEqual(await otherLanguage(page, 'en'), [], 'the set-up in English only');
    await page.getByTestId('group-start').click();

    await page.getByTestId('group-console').waitFor();
    const head = await page.locator('.member-table thead').innerText();
    for (const w of ['Client', 'Signal quality', 'Coherence', 'Phase', 'Markers']) assert.ok(head.toLowerCase().includes(w.toLowerCase()), `column ${w}`);
    assert.equal(await page.getByTestId('group-stop').textContent(), 'Stop (all)');
    await waitForHeartRates(page, 3);
    await page.getByTestId('member-hint-2').waitFor({ timeout: 20_000 });
    assert.match((await page.getByTestId('member-hint-2').textContent()) ?? '', /ear clip/i);
    await page.screenshot({ path: artifactPath('group-console-en.png') });
    assert.deepEqual(await otherLanguage(page, 'en'), [], 'the console in English only');
    await checkDisplay(page, e2e.host.url, 'en', 'AV,Bassie,CS'); // Bas chose a nickname
    // The therapist shows names and hides the ring: the display follows (settings are the core's).
    const names = page.getByTestId('group-names-toggle');
    const ring = page.getByTestId('group-ring-toggle');
    await names.click();
    await waitFor('names on', async () => names.isChecked(), 5000);
    await ring.click();
    await waitFor('ring off', async () => !(await ring.isChecked()), 5000);
    const display = await page.context().newPage();
    try {
      await display.goto(e2e.host.url.replace('#token=', '#/display?token='));
      const labels = async (): Promise<string> => (await display.locator('.gd-label').allTextContents()).join();
      await waitFor('full names on the tiles', async () => (await labels()) === NAMES.join(), 10_000);
      assert.equal(await display.getByTestId('gd-ring').count(), 0, 'no ring');
    } finally {
      await display.close();
    }
    await names.click();
    await ring.click();
    await waitFor('names off, ring on', async () => !(await names.isChecked()) && (await ring.isChecked()), 5000);
    await page.getByTestId('group-stop').click();
    await page.getByTestId('group-saved').waitFor({ timeout: 20_000 });
    assert.match((await page.getByTestId('group-saved').textContent()) ?? '', /own record/);
    assert.deepEqual(e2e.pageErrors, []);
  });
});
