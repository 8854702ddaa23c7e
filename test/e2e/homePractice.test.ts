// End-to-end: the Home practice card of the client page in Debian Chromium against `cadans web`.
// A bad rate is refused in Dutch with nothing stored; a valid prescription appears in the list;
// its handout downloads as a one-page PDF and its audio pacer as a WAV of exactly the prescribed breaths.
// Then an emWave Pro export (the hand-made fixture, its start moved to today) is imported as home
// practice: it is in the session list and in the practice log against the prescription, in Dutch
// and in English; a corrupt Inner Balance export is refused in Dutch with nothing stored.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localIsoDate } from '../../shared/domain/dates.js';
import { repoRoot } from '../support/paths.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('Home practice card in Chromium (cadans web)', { skip: skip ?? false, timeout: 120_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1000 });

  test('refused in Dutch, then prescribed; handout PDF and audio WAV download', async () => {
    const page = e2e.page;
    await page.goto(e2e.host.url);
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Joost Visser');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('nav-record').click();
    await page.getByTestId('client-record').waitFor();

    const card = page.getByTestId('prescription-card');
    await card.getByText('Nog geen thuisoefening voorgeschreven.').waitFor();
    await card.getByTestId('new-prescription').click();
    const form = card.getByTestId('prescription-form');
    await form.locator('input[name="rx-rate"]').fill('20');
    await form.getByTestId('prescription-save').click();
    const issues = card.getByTestId('prescription-issues');
    await issues.waitFor();
    assert.match((await issues.textContent()) ?? '', /het tempo moet een aantal ademhalingen per minuut van 3 tot 12 zijn/);
    assert.equal(await card.getByTestId('prescription-row').count(), 0, 'nothing stored');

    await form.locator('input[name="rx-rate"]').fill('5,5');
    await form.locator('input[name="rx-ratio"]').fill('4:6');
    await form.locator('input[name="rx-minutes"]').fill('2');
    await form.getByTestId('prescription-save').click();
    const row = card.getByTestId('prescription-row');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /5,5\/min · 4:6 · 2 min · 2× per dag/);
    await page.screenshot({ path: artifactPath('home-practice.png') });

    const [pdf] = await Promise.all([page.waitForEvent('download'), row.getByTestId('prescription-handout').click()]);
    const pdfPath = (await pdf.path())!;
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }), /^Pages:\s+1$/m);

    const [wav] = await Promise.all([page.waitForEvent('download'), row.getByTestId('prescription-audio').click()]);
    const bytes = readFileSync((await wav.path())!);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF');
    // 2 min at 5.5/min: 11 breaths of 60/5.5 s.
    assert.equal(bytes.readUInt32LE(40), Math.round(11 * (60 / 5.5) * 22050) * 2);
    assert.deepEqual(e2e.pageErrors, []);
  });

  test('an emWave export imported as home practice: in the session list and the practice log, Dutch and English', async () => {
    const page = e2e.page;
    const dir = mkdtempSync(join(tmpdir(), 'cadans-home-e2e-'));
    // The fixture's session started two hours ago (local time), so it is today's practice unless that was before midnight.
    const start = new Date(Date.now() - 2 * 3600_000);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const stamp = `${localIsoDate(start)} ${pad(start.getHours())}:${pad(start.getMinutes())}:00`;
    const fixture = readFileSync(join(repoRoot, 'test', 'fixtures', 'heartmath', 'emwave-pro.txt'), 'latin1');
    const file = join(dir, 'emwave-ochtend.txt');
    writeFileSync(file, fixture.replace('2026-11-20 08:15:00', stamp), 'latin1');

    await page.getByTestId('tab-sessions').click();
    await page.locator('[data-testid="tab-sessions"][aria-selected="true"]').waitFor();
    const log = page.getByTestId('practice-log');
    await log.getByTestId('practice-week').first().waitFor();
    await page.getByTestId('rr-source').selectOption('emwave');
    assert.equal(await page.getByTestId('rr-type').inputValue(), 'home');
    await page.getByTestId('rr-file').setInputFiles(file);
    await page.getByTestId('rr-import-submit').click();
    const result = page.getByTestId('rr-import-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /201 intervallen uit emwave-ochtend\.txt geïmporteerd/);
    assert.match((await result.textContent()) ?? '', /Coherentiescores van HeartMath bewaard: 36 \(gemiddeld 4,5\)/);
    const row = page.getByTestId('record-session-row').first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Thuisoefening.*emWave.*3:00/);

    const day = log.locator(`[data-testid="practice-day"][data-date="${localIsoDate(start)}"]`);
    await page.waitForFunction((d) => /^1/.test(document.querySelector(`[data-testid="practice-day"][data-date="${d}"]`)?.textContent ?? ''), localIsoDate(start));
    const sameDay = localIsoDate(start) === localIsoDate(new Date());
    // Today the prescription (2 × a day) is in force: one of two done, 3 minutes.
    assert.match((await day.textContent()) ?? '', sameDay ? /^1\/23 min$/ : /^13 min$/);
    if (sameDay) {
      assert.match((await log.getByTestId('practice-current').textContent()) ?? '', /Voorschrift nu: 2× per dag, 2 min/);
      assert.match((await log.getByTestId('practice-week-total').first().textContent()) ?? '', /^1\/\d+× · 3\/\d+ min$/);
    }
    await page.screenshot({ path: artifactPath('home-practice-log-nl.png'), fullPage: true });

    // The imported session as a zip for a colleague: listed by unzip, no CSV (no raw signal).
    const [zip] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId('export-zip').click()]);
    assert.match(zip.suggestedFilename(), /^cadans-sessie-\d+\.zip$/);
    const listing = execFileSync('unzip', ['-l', (await zip.path())!], { encoding: 'utf8' });
    assert.match(listing, /-rr\.txt/);
    assert.match(listing, /-report\.pdf/);
    assert.doesNotMatch(listing, /-signal\.csv/);

    // A corrupt Inner Balance export: refused in Dutch, nothing stored.
    await page.getByTestId('rr-source').selectOption('inner-balance');
    await page.getByTestId('rr-file').setInputFiles(join(repoRoot, 'test', 'fixtures', 'heartmath', 'corrupt-inner-balance.csv'));
    await page.getByTestId('rr-import-submit').click();
    await page.waitForFunction(() => /HeartMath-export/.test(document.querySelector('[data-testid="rr-import-result"]')?.textContent ?? ''));
    assert.match(
      (await result.textContent()) ?? '',
      /Dit bestand kan niet als HeartMath-export worden gelezen \(er is geen kolom met IBI-waarden \(rawIBI of IBI\) gevonden\)\. Er is niets opgeslagen\./,
    );
    assert.equal(await page.getByTestId('record-session-row').count(), 1, 'nothing was stored');

    await page.getByTestId('lang-en').click();
    await log.getByText('Home practice log').waitFor();
    assert.match((await page.getByTestId('record-session-row').first().textContent()) ?? '', /Home practice.*emWave/);
    assert.match((await day.textContent()) ?? '', sameDay ? /^1\/23 min$/ : /^13 min$/);
    if (sameDay) assert.match((await log.getByTestId('practice-current').textContent()) ?? '', /Prescription now: 2× a day, 2 min/);
    await page.screenshot({ path: artifactPath('home-practice-log-en.png'), fullPage: true });
    await page.getByTestId('lang-nl').click();
    assert.deepEqual(e2e.pageErrors, []);
  });
});
