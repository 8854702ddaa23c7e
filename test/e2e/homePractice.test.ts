// End-to-end: the Home practice card of the client page in Debian Chromium against `cadans web`.
// A bad rate is refused in Dutch with nothing stored; a valid prescription appears in the list;
// its handout downloads as a one-page PDF and its audio pacer as a WAV of exactly the prescribed breaths.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
});
