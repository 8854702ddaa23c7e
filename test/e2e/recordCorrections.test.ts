// End-to-end: corrections of the client record in Debian Chromium against `cadans web`.
// A 4DKL intake is entered, entered again for the same moment (the page asks "replace or keep
// both"; replaced), a Nijmegen questionnaire is typed in per item (total and cut-off computed on
// the page), the 4DKL result is corrected and the Nijmegen result deleted after a confirmation;
// the progress report then shows the corrected values and no deleted ones. A goal and a running-log
// entry are corrected and deleted the same way. Screenshots go to test-artifacts/corrections-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

/** Local calendar date `days` from today (negative = in the past), YYYY-MM-DD. */
function isoDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// Nijmegen answers per item; total 0+1+2+3+4 repeated three times + 4 = 34 (≥ 23: elevated).
const NQ_ITEMS = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 4];

describe('Record corrections in Chromium (cadans web)', { skip: skip ?? false, timeout: 120_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1000 });
  let page: Page;

  const tab = async (name: string): Promise<void> => {
    await page.getByTestId(`tab-${name}`).click();
    await page.locator(`[data-testid="tab-${name}"][aria-selected="true"]`).waitFor();
  };
  const dklValues = async (): Promise<string[]> => page.getByTestId('q-table-4dkl').locator('[data-testid="q-cell"][data-scale="distress"]').allTextContents();

  test('a client with a 4DKL intake; the same moment again asks "replace or keep both"', async () => {
    page = e2e.page;
    await page.goto(e2e.host.url);
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Joost de Wit');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('nav-record').click();
    await page.getByTestId('client-record').waitFor();
    await tab('questionnaires');

    const form = page.getByTestId('questionnaire-form');
    const enter4dkl = async (date: string, s: [number, number, number, number]): Promise<void> => {
      await page.getByTestId('instrument').getByRole('radio', { name: '4DKL' }).click();
      await page.getByTestId('q-moment').selectOption('intake');
      await page.getByTestId('q-date').fill(date);
      for (const [i, k] of ['distress', 'depression', 'anxiety', 'somatisation'].entries()) await page.getByTestId(`score-${k}`).fill(String(s[i]));
      await page.getByTestId('q-save').click();
    };
    await enter4dkl(isoDay(-14), [24, 6, 9, 14]);
    await form.getByTestId('q-saved').waitFor();
    assert.deepEqual(await dklValues(), ['24sterk verhoogd'], 'the score with its cut-off level (≥ 21)');

    // The same moment again: asked, nothing stored until answered.
    await enter4dkl(isoDay(-13), [20, 5, 8, 12]);
    const question = form.getByTestId('q-conflict');
    await question.waitFor();
    assert.match((await question.textContent()) ?? '', /Voor intake is al een 4DKL opgeslagen .*Vervangen of beide bewaren\?/i);
    assert.equal(await page.getByTestId('q-entry').count(), 1);
    await page.screenshot({ path: artifactPath('corrections-01-replace-or-keep.png'), fullPage: true });
    await form.getByTestId('q-replace').click();
    await form.getByTestId('q-saved').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="q-table-4dkl"] [data-scale="distress"]')?.textContent?.startsWith('20'));
    assert.equal(await page.getByTestId('q-entry').count(), 1, 'replaced, not doubled (no "Verschil" between two intakes)');
    assert.deepEqual(await dklValues(), ['20verhoogd']);
  });

  test('Nijmegen questionnaire typed in per item: total and cut-off computed on the page', async () => {
    await page.getByTestId('instrument').getByRole('radio', { name: 'Nijmegen vragenlijst' }).click();
    await page.getByTestId('q-moment').selectOption('intake');
    await page.getByTestId('q-date').fill(isoDay(-14));
    await page.getByTestId('q-mode').getByRole('radio', { name: 'Per item' }).click();
    // Typed as from the paper form: each digit moves on to the next item.
    await page.getByTestId('item-1').click();
    await page.keyboard.type(NQ_ITEMS.join(''));
    assert.equal(await page.getByTestId('item-16').inputValue(), '4');
    await page.waitForFunction(() => /^34/.test(document.querySelector('[data-testid="computed-total"]')?.textContent ?? ''));
    assert.equal(await page.getByTestId('computed-total').textContent(), '34 (verhoogd)');
    assert.match((await page.getByTestId('q-items-done').textContent()) ?? '', /16 van 16 items ingevuld/);
    await page.screenshot({ path: artifactPath('corrections-02-items.png'), fullPage: true });

    // An answer out of range is named by its item number.
    await page.getByTestId('item-5').fill('7');
    await page.getByTestId('q-save').click();
    const issues = page.getByTestId('questionnaire-form').getByTestId('form-issues');
    await issues.waitFor();
    assert.match((await issues.textContent()) ?? '', /Nijmegen vragenlijst item 5 moet tussen 0 en 4 liggen \(ingevuld: 7\)/);
    await page.getByTestId('item-5').fill('4');
    await page.getByTestId('q-save').click();
    await page.getByTestId('q-saved').waitFor();
    // The results table is read again after the save is confirmed: wait for its row (CI on b634b4d read it first).
    await page.waitForFunction(() => document.querySelector('[data-testid="q-table-nq"] [data-testid="q-cell"]')?.textContent?.startsWith('34'));
    assert.deepEqual(await page.getByTestId('q-table-nq').getByTestId('q-cell').allTextContents(), ['34verhoogd']);
    assert.match((await page.getByTestId('q-table-nq').textContent()) ?? '', /per item ingevoerd/);
  });

  test('the 4DKL result corrected, the Nijmegen result deleted after a confirmation', async () => {
    await page.getByTestId('q-table-4dkl').getByTestId('q-edit').click();
    const card = page.getByTestId('questionnaire-card');
    await card.getByText(/4DKL van intake .* wijzigen/i).waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="score-distress"]') as HTMLInputElement | null)?.value === '20');
    await page.getByTestId('score-distress').fill('8');
    await page.getByTestId('q-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="q-table-4dkl"] [data-scale="distress"]')?.textContent === '8');
    assert.match((await page.getByTestId('q-saved').textContent()) ?? '', /4DKL \(intake, .*\) gewijzigd\./i);

    await page.getByTestId('q-table-nq').getByTestId('q-delete').click();
    const confirm = page.getByTestId('q-table-nq').getByTestId('q-delete-confirm');
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /Echt verwijderen\?/);
    await page.screenshot({ path: artifactPath('corrections-03-delete-confirm.png'), fullPage: true });
    await confirm.getByTestId('q-delete-yes').click();
    await page.getByTestId('q-table-nq').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('q-entry').count(), 1);
    await page.screenshot({ path: artifactPath('corrections-04-after-delete.png'), fullPage: true });
  });

  test('the progress report shows the correction and not the deleted result', async () => {
    await tab('reports');
    await page.getByTestId('open-progress-report').click();
    const frame = page.frameLocator('[data-testid="progress-report"] iframe');
    await frame.locator('table.questionnaire-table').first().waitFor();
    const cells = await frame.locator('td[data-scale^="4dkl."]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-scale'), td.getAttribute('data-value'), td.getAttribute('data-level')]));
    assert.deepEqual(cells, [
      ['4dkl.distress', '8', '0'],
      ['4dkl.depression', '5', '1'],
      ['4dkl.anxiety', '8', '1'],
      ['4dkl.somatisation', '12', '1'],
    ]);
    assert.equal(await frame.locator('[data-instrument="nq"]').count(), 0, 'the deleted Nijmegen result is gone');
    assert.match((await frame.locator('table.questionnaire-table').first().textContent()) ?? '', /Afkappunt.*≥ 11 \/ ≥ 21/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('corrections-05-progress-report.png'), fullPage: true });
  });

  test('a goal and a running-log entry corrected and deleted', async () => {
    await tab('overview');
    await page.getByTestId('new-goal').click();
    await page.locator('textarea[name="goal-text"]').fill('15 minuten hardlopen');
    await page.getByTestId('goal-form').locator('button[type="submit"]').click();
    await page.getByTestId('goal-form').waitFor({ state: 'detached' });
    await page.getByTestId('goal-edit').click();
    await page.locator('textarea[name="goal-text"]').fill('20 minuten hardlopen');
    await page.getByTestId('goal-save').click();
    await page.getByTestId('goal').getByText('20 minuten hardlopen').waitFor();
    await page.getByTestId('goal-delete').click();
    await page.getByTestId('goal-delete-yes').click();
    await page.getByTestId('goal').waitFor({ state: 'detached' });

    await tab('running');
    await page.getByTestId('run-date').fill(isoDay(-3));
    await page.getByTestId('run-continuous').fill('10');
    await page.getByTestId('run-borg').fill('14');
    await page.getByTestId('run-save').click();
    await page.getByTestId('run-row').waitFor();
    await page.getByTestId('run-edit').click();
    await page.getByTestId('running-card').getByText(/wijzigen/).waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="run-borg"]') as HTMLInputElement | null)?.value === '14');
    await page.getByTestId('run-borg').fill('12');
    await page.getByTestId('run-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="run-row"]')?.textContent?.includes('12'));
    assert.match((await page.getByTestId('run-saved').textContent()) ?? '', /gewijzigd/);
    await page.getByTestId('run-delete').click();
    await page.getByTestId('run-delete-yes').click();
    await page.getByTestId('run-row').waitFor({ state: 'detached' });
    assert.deepEqual(e2e.pageErrors, []);
  });
});
