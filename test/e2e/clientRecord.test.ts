// End-to-end: the client record (client page) in Debian Chromium against `cadans web`.
// A client gets a treatment course and SMART goals; 4DKL, MVI and Nijmegen scores are entered at
// intake, week 3 and week 6; an out-of-range score and a future date give clear messages and
// store nothing; running-log entries over six weeks; the progress report shows the questionnaire
// values and its charts and downloads as PDF; an RR file (made here) is imported as a session, an
// unreadable file is refused, and the session's RR export equals the imported intervals.
// Screenshots go to test-artifacts/record-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

/** Local calendar date `days` from today (negative = in the past), YYYY-MM-DD. */
function isoDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** RR intervals of a calm client breathing at 6/min: 880 ms ± 70 ms at 0.1 Hz. */
function rrSeries(n: number): number[] {
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    const ibi = Math.round(880 + 70 * Math.sin(2 * Math.PI * 0.1 * t));
    out.push(ibi);
    t += ibi / 1000;
  }
  return out;
}

const MOMENTS = [
  { moment: 'intake', day: -42, dkl: [24, 6, 9, 14], mvi: [17, 15, 14, 12, 16], nq: 31 },
  { moment: 'week3', day: -21, dkl: [17, 4, 6, 11], mvi: [14, 13, 12, 10, 13], nq: 22 },
  { moment: 'week6', day: 0, dkl: [9, 2, 3, 7], mvi: [11, 10, 9, 8, 10], nq: 14 },
] as const;
const DKL = ['distress', 'depression', 'anxiety', 'somatisation'];
const MVI = ['generalFatigue', 'physicalFatigue', 'reducedActivity', 'reducedMotivation', 'mentalFatigue'];
const RUNS = [
  { day: -40, run: 1, walk: 2, reps: 6, cont: 2, borg: 14, hr: 142 },
  { day: -33, run: 2, walk: 2, reps: 5, cont: 4, borg: 14, hr: 140 },
  { day: -26, run: 3, walk: 1, reps: 4, cont: 7, borg: 13, hr: 139 },
  { day: -19, run: 5, walk: 1, reps: 3, cont: 10, borg: 13, hr: 137 },
  { day: -12, run: 8, walk: 1, reps: 2, cont: 15, borg: 12, hr: 136 },
  { day: -5, run: 20, walk: 0, reps: 1, cont: 20, borg: 12, hr: 134 },
];

describe('Client record in Chromium (cadans web)', { skip: skip ?? false, timeout: 120_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1000 });
  const pageErrors = e2e.pageErrors;
  let page: Page;
  let host: WebHostProcess;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-e2e-files-'));
    page = e2e.page;
    host = e2e.host;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const tab = async (name: string): Promise<void> => {
    await page.getByTestId(`tab-${name}`).click();
    await page.locator(`[data-testid="tab-${name}"][aria-selected="true"]`).waitFor();
  };

  test('client, course and SMART goals', async () => {
    await page.goto(host.url);
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Marieke Bos');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('nav-record').click();
    await page.getByTestId('client-record').waitFor();
    assert.equal((await page.getByTestId('record-name').textContent())?.trim(), 'Marieke Bos');

    // Details.
    await page.getByTestId('edit-details').click();
    const details = page.getByTestId('details-form');
    await details.locator('input[name="dateOfBirth"]').fill('1984-09-12');
    await details.locator('select[name="complaint"]').selectOption('burn-out');
    await details.locator('input[name="referralSource"]').fill('Huisarts');
    await details.locator('input[name="nickname"]').fill('Mies\tB'); // a control character: refused, nothing stored
    await details.locator('button[type="submit"]').click();
    await page.getByTestId('form-issues').getByText('Roepnaam mag geen stuurtekens bevatten', { exact: false }).waitFor();
    await details.locator('input[name="nickname"]').fill('Mies');
    await details.locator('button[type="submit"]').click();
    await page.getByTestId('details-card').getByText('Wijzigingen opgeslagen.').waitFor();
    await page.getByTestId('details-card').getByText('Mies', { exact: true }).waitFor(); // the nickname for the group display

    // Treatment course: started six weeks ago, final evaluation next week.
    await page.getByTestId('new-course').click();
    const course = page.getByTestId('course-form');
    await course.locator('input[name="startDate"]').fill(isoDay(-42));
    await course.locator('input[name="intakeDate"]').fill(isoDay(-42));
    await course.locator('input[name="midEvaluationDate"]').fill(isoDay(-21));
    await course.locator('input[name="finalEvaluationDate"]').fill(isoDay(7));
    await course.locator('button[type="submit"]').click();
    await page.getByTestId('course').waitFor();
    assert.match((await page.getByTestId('course-chip').textContent()) ?? '', /week 7/);

    // Two SMART goals; one achieved.
    for (const text of ['Over 6 weken 20 minuten aaneengesloten hardlopen', 'Twee keer per dag 10 minuten ademhalingsoefening (6/min)']) {
      await page.getByTestId('new-goal').click();
      await page.locator('textarea[name="goal-text"]').fill(text);
      await page.getByTestId('goal-form').locator('input[data-date-input]').nth(1).fill(isoDay(7));
      await page.getByTestId('goal-form').locator('button[type="submit"]').click();
      await page.getByTestId('goal-form').waitFor({ state: 'detached' });
    }
    await page.getByTestId('goal').nth(1).getByTestId('goal-status').selectOption('achieved');
    await page.locator('[data-testid="goal"][data-status="achieved"]').waitFor();
    await page.screenshot({ path: artifactPath('record-01-overview.png'), fullPage: true });
  });

  test('questionnaires at intake, week 3 and week 6; out-of-range score and future date refused', async () => {
    await tab('questionnaires');
    const form = page.getByTestId('questionnaire-form');
    const enter = async (instrument: string, moment: string, date: string, scores: Record<string, number>): Promise<void> => {
      await page.getByTestId('instrument').getByRole('radio', { name: instrument === '4dkl' ? '4DKL' : instrument === 'mvi' ? 'MVI' : 'Nijmegen vragenlijst' }).click();
      await page.getByTestId('q-moment').selectOption(moment);
      await page.getByTestId('q-date').fill(date);
      for (const [k, v] of Object.entries(scores)) await page.getByTestId(`score-${k}`).fill(String(v));
      await page.getByTestId('q-save').click();
    };
    for (const m of MOMENTS) {
      await enter('4dkl', m.moment, isoDay(m.day), Object.fromEntries(DKL.map((k, i) => [k, m.dkl[i]!])));
      await form.getByTestId('q-saved').waitFor();
      await enter('mvi', m.moment, isoDay(m.day), Object.fromEntries(MVI.map((k, i) => [k, m.mvi[i]!])));
      await form.getByTestId('q-saved').waitFor();
      await enter('nq', m.moment, isoDay(m.day), { total: m.nq });
      await form.getByTestId('q-saved').waitFor();
    }
    const dklValues = async (): Promise<string[]> => page.getByTestId('q-table-4dkl').getByTestId('q-value').allTextContents();
    assert.deepEqual(await dklValues(), ['24', '17', '9', '6', '4', '2', '9', '6', '3', '14', '11', '7'], '4DKL scales × three moments');
    assert.equal(await page.getByTestId('q-table-mvi').getByTestId('q-value').count(), 15);
    assert.deepEqual(await page.getByTestId('q-table-nq').getByTestId('q-value').allTextContents(), ['31', '22', '14']);
    await page.screenshot({ path: artifactPath('record-02-questionnaires.png'), fullPage: true });

    // Out of range: distress 40 (0–32).
    await enter('4dkl', 'final', isoDay(0), { distress: 40, depression: 2, anxiety: 3, somatisation: 7 });
    const issues = form.getByTestId('form-issues');
    await issues.waitFor();
    assert.match((await issues.textContent()) ?? '', /4DKL – Distress moet tussen 0 en 32 liggen \(ingevuld: 40\)/);
    assert.equal(await page.getByTestId('score-distress').getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: artifactPath('record-03-questionnaire-out-of-range.png'), fullPage: true });

    // A date in the future.
    await page.getByTestId('score-distress').fill('8');
    await page.getByTestId('q-date').fill(isoDay(2));
    await page.getByTestId('q-save').click();
    await page.waitForFunction(() => /toekomst/.test(document.querySelector('[data-testid="form-issues"]')?.textContent ?? ''));
    assert.match((await issues.textContent()) ?? '', /Datum mag niet in de toekomst liggen/);
    assert.equal(await form.getByTestId('q-saved').count(), 0);
    assert.equal((await dklValues()).length, 12, 'nothing was stored');
  });

  test('running log over six weeks; Borg outside 6–20 refused', async () => {
    await tab('running');
    for (const [k, r] of RUNS.entries()) {
      await page.getByTestId('run-date').fill(isoDay(r.day));
      const block = page.getByTestId('run-block').first().locator('input');
      await block.nth(0).fill(String(r.run));
      await block.nth(1).fill(String(r.walk));
      await block.nth(2).fill(String(r.reps));
      await page.getByTestId('run-continuous').fill(String(r.cont));
      await page.getByTestId('run-borg').fill(String(r.borg));
      await page.getByTestId('run-hr-avg').fill(String(r.hr));
      await page.getByTestId('run-save').click();
      await page.getByTestId('run-saved').waitFor();
      // The note of the previous save may still be showing: wait for this entry's row itself.
      await waitFor(`running-log row ${k + 1}`, async () => (await page.getByTestId('run-row').count()) === k + 1, 15_000, 100);
    }
    assert.equal(await page.getByTestId('run-row').count(), RUNS.length);
    assert.equal(await page.getByTestId('run-chart').locator('rect').count(), RUNS.length);

    await page.getByTestId('run-borg').fill('25');
    await page.getByTestId('run-save').click();
    await page.getByTestId('running-form').getByTestId('form-issues').waitFor();
    assert.match((await page.getByTestId('running-form').getByTestId('form-issues').textContent()) ?? '', /Borg \(6–20\) moet tussen 6 en 20 liggen \(ingevuld: 25\)/);
    assert.equal(await page.getByTestId('run-row').count(), RUNS.length, 'nothing was stored');
    await page.screenshot({ path: artifactPath('record-04-running-log.png'), fullPage: true });
  });

  test('RR import as a session, an unreadable file refused, RR export equals the file', async () => {
    await tab('sessions');
    const ibi = rrSeries(360);
    const rrFile = join(dir, 'kubios-rr.txt');
    writeFileSync(rrFile, ibi.join('\r\n') + '\r\n');
    await page.getByTestId('rr-file').setInputFiles(rrFile);
    await page.getByTestId('rr-type').selectOption('breathing');
    await page.getByTestId('rr-import-submit').click();
    const result = page.getByTestId('rr-import-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /360 intervallen uit kubios-rr\.txt geïmporteerd/);
    await page.getByTestId('record-session-row').first().waitFor();
    const row = (await page.getByTestId('record-session-row').first().textContent()) ?? '';
    assert.match(row, /Ademhaling/);
    assert.match(row, /RR-bestand/);
    const meanHr = 60_000 / (ibi.reduce((a, b) => a + b, 0) / ibi.length);
    const shownHr = Number(await page.getByTestId('record-session-row').first().locator('td').nth(4).textContent());
    assert.ok(Math.abs(shownHr - meanHr) <= 1, `mean HR of the imported intervals: shown ${shownHr}, expected ≈ ${meanHr.toFixed(1)}`);
    await page.getByTestId('session-summary').getByTestId('summary-numbers').waitFor();
    await page.screenshot({ path: artifactPath('record-05-rr-import.png'), fullPage: true });

    // An unreadable file: clear message, nothing stored.
    const bad = join(dir, 'notities.txt');
    writeFileSync(bad, 'Sessie ging goed.\nVolgende keer ademritme 5,5 per minuut proberen.\n');
    await page.getByTestId('rr-file').setInputFiles(bad);
    await page.getByTestId('rr-import-submit').click();
    await page.waitForFunction(() => /niet als RR-intervallen/.test(document.querySelector('[data-testid="rr-import-result"]')?.textContent ?? ''));
    assert.match((await result.textContent()) ?? '', /Dit bestand kan niet als RR-intervallen worden gelezen \(er is maar 1 interval gevonden; minstens 10 nodig\)\. Er is niets opgeslagen\./);
    assert.equal(await page.getByTestId('record-session-row').count(), 1, 'nothing was stored');
    await page.screenshot({ path: artifactPath('record-06-rr-unreadable.png'), fullPage: true });

    // Export the session's RR intervals (Kubios text) and compare with the file.
    assert.equal(await page.getByTestId('export-csv').isDisabled(), true, 'no raw signal to export as CSV');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-rr').click()]);
    assert.match(download.suggestedFilename(), /^cadans-sessie-\d+-rr\.txt$/);
    const exported = readFileSync((await download.path())!, 'utf8').trim().split('\n').map(Number);
    assert.deepEqual(exported, ibi);

    // Session report preview.
    await page.getByTestId('open-session-report').click();
    const frame = page.frameLocator('[data-testid="session-report"] iframe');
    await frame.locator('svg.chart').first().waitFor();
    assert.ok((await frame.locator('svg.chart').count()) >= 2, 'the session report has its charts');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('record-07-session-report.png'), fullPage: true });
  });

  test('progress report: questionnaire trends, running log, charts; PDF download', async () => {
    await tab('reports');
    await page.getByTestId('open-progress-report').click();
    const frame = page.frameLocator('[data-testid="progress-report"] iframe');
    await frame.locator('table.questionnaire-table').first().waitFor();
    const distress = await frame.locator('td[data-scale="4dkl.distress"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    assert.deepEqual(distress, ['24', '17', '9'], 'distress at intake, week 3, week 6');
    const nq = await frame.locator('td[data-scale="nq.total"]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-moment'), td.textContent]));
    assert.deepEqual(nq, [['intake', '31 (verhoogd)'], ['week3', '22'], ['week6', '14']], 'the Nijmegen cut-off (≥ 23) beside the score');
    assert.ok((await frame.locator('[data-instrument="mvi"] svg').count()) >= 5, 'one chart per MVI scale');
    await frame.locator('[data-chart="running-minutes"] svg').waitFor();
    const minutes = await frame.locator('td[data-key="continuousRunMin"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    assert.deepEqual(minutes, RUNS.map((r) => r.cont), 'continuous running minutes grow to 20');
    // The frame got the report's style sheet (the page's CSP forbids inline <style>): A4-wide body.
    const bodyWidth = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().width);
    assert.ok(bodyWidth > 700 && bodyWidth < 860, `report body is A4 wide on screen (got ${bodyWidth})`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('record-08-progress-report.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('report-pdf').click()]);
    assert.match(download.suggestedFilename(), /^cadans-voortgang-\d+\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 20_000, `a real PDF (${pdf.length} bytes)`);
  });

  test('in English', async () => {
    await page.getByTestId('lang-en').click();
    await page.locator('[data-testid="tab-questionnaires"]', { hasText: 'Questionnaires' }).waitFor();
    await tab('questionnaires');
    await page.getByTestId('instrument').getByRole('radio', { name: '4DKL' }).click();
    await page.getByTestId('score-distress').fill('33');
    await page.getByTestId('q-save').click();
    await page.getByTestId('form-issues').waitFor();
    assert.match((await page.getByTestId('form-issues').textContent()) ?? '', /4DKL – Distress must be between 0 and 32 \(entered: 33\)/);
    await page.screenshot({ path: artifactPath('record-09-english.png'), fullPage: true });
    await page.getByTestId('lang-nl').click();
  });

  test('no errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
