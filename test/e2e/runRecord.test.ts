// End-to-end: running therapy in the client record, in Debian Chromium against `cadans web`.
// Dutch: a 9-week programme from the template with week 1's first run block edited to 1.5 min;
// its status (current week, the next session) and a correction of week 2; a FIT run (FIT SDK
// Encoder) imported from the page, its figures shown and its running-log draft confirmed with
// Borg; the same file again and a truncated one refused in Dutch with nothing stored; the
// perceived-versus-measured exertion chart; the week schedule PDF in Dutch and in English
// (pdftotext). English: the same page in English, a broken TCX refused in English. Then the
// progress report of a simulated 9-week course (27 imported FIT runs, test/support/runCourse.ts):
// the PDF's text has adherence and the longest run per week, the HRR trend and the exertion
// section; a screenshot of the report page is saved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { openStorage } from '../../main/storage/storage.js';
import { localIsoDate } from '../../shared/domain/dates.js';
import { programmeWeekOf } from '../../shared/running/programmeProgress.js';
import { fitFile, WEEK1 } from '../support/runFiles.js';
import { COURSE_WEEKS, RUNS_PER_WEEK, seedRunCourse } from '../support/runCourse.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The PDF's text, whitespace collapsed (pdftotext breaks lines where the layout does). */
async function pdfText(download: Download, keepAs?: string): Promise<string> {
  const path = (await download.path())!;
  if (keepAs) copyFileSync(path, artifactPath(keepAs));
  assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-');
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('Running therapy in the client record (Chromium, cadans web)', { skip: skip ?? false, timeout: 240_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1100 });
  let page: Page;
  let dir: string;
  // The programme started 8 days before today's local date (the core's "today"): today is in week 2
  // (the run's week comes from its UTC date, as the core counts it).
  const startIso = isoDay(Date.parse(localIsoDate(new Date()) + 'T00:00:00Z') - 8 * DAY_MS);
  const [y, m, d] = startIso.split('-');
  const runStart = new Date(Date.now() - 3600_000);
  const runWeek = programmeWeekOf(startIso, isoDay(runStart.getTime()));
  let clientId = 0;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-run-e2e-'));
    page = e2e.page;
    // The client and her resting HR (a breathing session last month) are in the database before the page opens.
    const storage = openStorage(e2e.host.dbPath, { mustExist: true });
    try {
      clientId = storage.clients.create({ name: 'Sanne Loper', dateOfBirth: '1985-06-01' }).id;
      const at = new Date(Date.now() - 30 * DAY_MS).toISOString();
      const s = storage.sessions.create({ clientId, type: 'breathing', startedAt: at, sensorSpec: 'sim', fsHz: 1 });
      storage.sessions.setSummary(s.id, { meanHrBpm: 64 });
      storage.sessions.setStatus(s.id, 'complete', new Date(Date.parse(at) + 600_000).toISOString());
    } finally {
      storage.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const sessionCount = async (): Promise<number> => {
    const storage = openStorage(e2e.host.dbPath, { mustExist: true });
    try {
      return storage.sessions.listByClient(clientId).filter((s) => s.type === 'run').length;
    } finally {
      storage.close();
    }
  };

  test('Dutch: programme from the template, edited; a FIT run imported and logged; broken files refused; exertion chart; week schedule PDF nl/en', async () => {
    await page.goto(`${e2e.host.url}#/client/${clientId}/running`);
    const card = page.getByTestId('prog-card');
    await card.getByTestId('prog-new').waitFor();
    await card.getByTestId('prog-template-weeks').selectOption('9');
    await card.getByTestId('prog-from-template').click();
    const editor = card.getByTestId('prog-editor');
    await editor.waitFor();
    await editor.getByTestId('prog-start').fill(`${d}-${m}-${y}`);
    // Week 1 of the template: warm-up, 6 × [1 min run, 2 min walk], cool-down; the first run becomes 1.5 min.
    assert.equal(await editor.getByTestId('prog-block').count(), 14);
    await editor.getByTestId('prog-block').nth(1).getByTestId('prog-block-min').fill('1,5');
    await editor.getByTestId('prog-save').click();
    const status = card.getByTestId('prog-status');
    await status.waitFor();
    await card.getByTestId('prog-saved').waitFor();
    assert.equal(await status.getByTestId('prog-week-row').count(), 9);
    assert.match((await status.getByTestId('prog-state').textContent()) ?? '', /Nu in week 2 van 9\./);
    const next = status.getByTestId('prog-next');
    assert.equal(await next.getAttribute('data-week'), '2');
    assert.match((await next.textContent()) ?? '', /Volgende training \(week 2\).*5 min wandelen \(warming-up\).*5 × \[2 min hardlopen, 2 min wandelen\].*5 min wandelen \(cooling-down\)/);
    assert.match((await status.getByTestId('prog-week-row').first().textContent()) ?? '', /^1301,5 min–$/);

    // A correction: week 2 twice instead of three times.
    await status.getByTestId('prog-edit').click();
    await editor.waitFor();
    await editor.getByTestId('prog-week').selectOption('1');
    await page.waitForFunction(() => document.querySelector('[data-testid="prog-blocks"] legend')?.textContent === 'Week 2');
    await editor.getByTestId('prog-per-week').fill('2');
    await editor.getByTestId('prog-save').click();
    await status.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="prog-week-row"]')[1]?.textContent?.startsWith('22'));

    // A FIT run of an hour ago, from the page.
    const fit = join(dir, 'ochtendloop.fit');
    writeFileSync(fit, fitFile(WEEK1, { start: runStart }));
    const imp = page.getByTestId('run-import');
    await imp.getByTestId('run-file').setInputFiles(fit);
    await imp.getByTestId('run-file-name').getByText('ochtendloop.fit').waitFor();
    await imp.getByTestId('run-import-submit').click();
    const result = imp.getByTestId('run-import-result');
    await result.waitFor();
    assert.match((await result.getByTestId('run-import-done').textContent()) ?? '', /FIT-loop van .* ingelezen als sessie \d+: 20:59\./);
    assert.match((await result.getByTestId('run-import-blocks').textContent()) ?? '', /^6 loopblokken, 6 wandelblokken/);
    assert.match((await result.getByTestId('run-import-block-list').textContent()) ?? '', /^(wandelen|hardlopen) \d+:\d\d( · (wandelen|hardlopen) \d+:\d\d){11}$/);
    assert.match((await result.getByTestId('run-import-longest').textContent()) ?? '', /^1,0 min$/);
    assert.match((await result.getByTestId('run-import-hr').textContent()) ?? '', /^1\d\d bpm$/);
    assert.match((await result.getByTestId('run-import-hrr').textContent()) ?? '', /^\d+ bpm$/);
    assert.match((await result.getByTestId('run-import-draft-schedule').textContent()) ?? '', /6× 1 min lopen \/ 2 min wandelen · 1,0 min/);
    await result.getByTestId('run-import-borg').fill('12');
    await result.getByTestId('run-import-confirm').click();
    await result.getByTestId('run-import-logged').waitFor();
    await page.getByTestId('run-row').first().waitFor();
    assert.equal(await sessionCount(), 1);
    // The run counts in its programme week.
    await page.waitForFunction((w) => document.querySelectorAll('[data-testid="prog-week-row"]')[w - 1]?.children[2]?.textContent === '1', runWeek);

    // The same file again, and a truncated one: refused in Dutch next to the picker, nothing stored.
    await imp.getByTestId('run-file').setInputFiles(fit);
    await imp.getByTestId('run-import-submit').click();
    const err = imp.getByTestId('run-import-error');
    await err.waitFor();
    assert.match((await err.textContent()) ?? '', /Deze loop \(ochtendloop\.fit\) is al geïmporteerd als sessie \d+ van deze cliënt; er is niets opnieuw geïmporteerd\./);
    const cut = join(dir, 'afgebroken.fit');
    const bytes = fitFile(WEEK1, { start: new Date(runStart.getTime() - DAY_MS) });
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await imp.getByTestId('run-file').setInputFiles(cut);
    await imp.getByTestId('run-import-submit').click();
    await page.waitForFunction(() => /afgebroken\.fit/.test(document.querySelector('[data-testid="run-import-error"]')?.textContent ?? ''));
    assert.match((await err.textContent()) ?? '', /afgebroken\.fit is afgekapt \(onvolledig gekopieerd of gedownload\); er is niets geïmporteerd\./);
    assert.equal(await sessionCount(), 1, 'nothing stored');

    // Perceived versus measured: Borg 12 ("moderate") against the run's mean HR in the client's zones.
    const ex = page.getByTestId('exertion-card');
    await ex.getByTestId('exertion-scatter').waitFor();
    assert.equal(await ex.getByTestId('exertion-scatter').getAttribute('data-points'), '1');
    assert.equal(await ex.locator('[data-testid="exertion-scatter"] canvas').count(), 1);
    assert.equal(await ex.locator('[data-testid="exertion-course"] canvas').count(), 1);
    assert.match((await ex.getByTestId('exertion-row').textContent()) ?? '', /12.*\d+.*(lichter ervaren dan gemeten|klopt|zwaarder ervaren dan gemeten)/);
    await page.screenshot({ path: artifactPath('run-record-nl.png'), fullPage: true });

    // The week schedule for the client, in Dutch and in English.
    await status.getByTestId('prog-pdf-lang').selectOption('nl');
    const [nlPdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), status.getByTestId('prog-pdf').click()]);
    assert.match(nlPdf.suggestedFilename(), /^cadans-loopschema-\d+\.pdf$/);
    const nl = await pdfText(nlPdf, 'run-schedule-nl.pdf');
    assert.match(nl, /Loopschema/);
    assert.match(nl, /5 min wandelen \(warming-up\)/);
    // Week 1 no longer repeats one pattern (1.5 min, then 5 × 1 min): its blocks one by one.
    assert.match(nl, /1,5 min hardlopen/);
    assert.match(nl, /5 × \[2 min hardlopen, 2 min wandelen\]/);
    assert.match(nl, /20 min hardlopen/);
    assert.match(nl, /Borg 11–13/);
    assert.doesNotMatch(nl, /running/);
    await status.getByTestId('prog-pdf-lang').selectOption('en');
    const [enPdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), status.getByTestId('prog-pdf').click()]);
    const en = await pdfText(enPdf, 'run-schedule-en.pdf');
    assert.match(en, /Running schedule/);
    assert.match(en, /1\.5 min running/);
    assert.match(en, /5 × \[2 min running, 2 min walking\]/);
    assert.match(en, /5 min walking \(cool-down\)/);
    assert.doesNotMatch(en, /hardlopen/);
    assert.deepEqual(e2e.pageErrors, []);
  });

  test('English: status, next session and exertion in English; a broken TCX refused in English', async () => {
    await page.getByTestId('lang-en').click();
    const status = page.getByTestId('prog-status');
    await status.getByText('Now in week 2 of 9.').waitFor();
    assert.match((await status.getByTestId('prog-next').textContent()) ?? '', /Next session \(week 2\).*5 × \[2 min running, 2 min walking\]/);
    await page.getByTestId('exertion-card').getByText('Perceived versus measured exertion').waitFor();
    // The chart is made anew in English (uPlot draws its axis titles once, on the canvas).
    await page.locator('[data-testid="exertion-scatter"][data-x-label="% heart-rate reserve"] canvas').waitFor();
    const tcx = join(dir, 'broken.tcx');
    writeFileSync(tcx, '<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap><Track><Trackpoint><Time>nonsense');
    const imp = page.getByTestId('run-import');
    await imp.getByTestId('run-file').setInputFiles(tcx);
    await imp.getByTestId('run-import-submit').click();
    await page.waitForFunction(() => /broken\.tcx/.test(document.querySelector('[data-testid="run-import-error"]')?.textContent ?? ''));
    const text = (await imp.getByTestId('run-import-error').textContent()) ?? '';
    assert.match(text, /broken\.tcx .*nothing was imported/);
    assert.doesNotMatch(text, /niets/);
    assert.equal(await sessionCount(), 1, 'nothing stored');
    await page.screenshot({ path: artifactPath('run-record-en.png'), fullPage: true });
    await page.getByTestId('lang-nl').click();
    assert.deepEqual(e2e.pageErrors, []);
  });

  test('progress report of a simulated 9-week course: adherence, longest run per week, HRR trend, exertion (PDF and screenshot)', async () => {
    // The course started 62 days ago: today is the last day of week 9.
    const start = isoDay(Date.now() - 62 * DAY_MS);
    const storage = openStorage(e2e.host.dbPath, { mustExist: true });
    let course;
    try {
      course = seedRunCourse(storage, { name: 'Eva Negenweken', startDate: start, now: new Date() });
    } finally {
      storage.close();
    }
    await page.goto(`${e2e.host.url}#/client/${course.clientId}/reports`);
    await page.getByTestId('open-progress-report').click();
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.locator('table.programme-table').waitFor({ timeout: 60_000 });
    const rows = frame.locator('table.programme-table tbody tr');
    assert.equal(await rows.count(), COURSE_WEEKS);
    for (let w = 0; w < COURSE_WEEKS; w++) {
      const cells = await rows.nth(w).locator('td').allTextContents();
      assert.equal(cells[2], String(RUNS_PER_WEEK), `week ${w + 1} planned`);
      assert.equal(cells[3], String(RUNS_PER_WEEK), `week ${w + 1} done`);
    }
    assert.ok((await frame.locator('table.exertion-table tbody tr').count()) >= COURSE_WEEKS * RUNS_PER_WEEK);
    await page.getByTestId('progress-report').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('run-course-report.png'), fullPage: true });

    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId('report-pdf').click()]);
    const text = await pdfText(pdf, 'run-course-report.pdf');
    assert.match(text, /Schema: gepland en gedaan per week/);
    // Adherence and the longest run per week: "week dates planned done planned-longest done-longest".
    for (let w = 0; w < COURSE_WEEKS; w++) {
      const planned = course.weeks[w]!.blocks.filter((b) => b.kind === 'run').reduce((mx, b) => Math.max(mx, b.sec), 0) / 60;
      const done = Math.round((course.longestRunSecByWeek[w]! / 60) * 10) / 10;
      const num = (x: number): string => String(x).replace('.', ',');
      const row = new RegExp(`\\b${w + 1} \\d\\d-\\d\\d-\\d{4} – \\d\\d-\\d\\d-\\d{4} ${RUNS_PER_WEEK} ${RUNS_PER_WEEK} ${num(planned)} min ${num(done)} min`);
      assert.match(text, row, `week ${w + 1}: ${RUNS_PER_WEEK}/${RUNS_PER_WEEK}, longest ${planned} planned, ${done} done`);
    }
    assert.ok(course.longestRunSecByWeek[8]! > course.longestRunSecByWeek[0]! * 10, 'continuous running grew over the course');
    assert.match(text, /Langste aaneengesloten loop \(minuten\)/);
    assert.match(text, /Hartslagherstel na het laatste loopblok \(slagen\/min\)/);
    assert.match(text, /HRR60/);
    assert.match(text, /Ervaren tegenover gemeten inspanning \(hardlooplogboek en live loopsessies\)/);
    assert.deepEqual(e2e.pageErrors, []);
  });
});
