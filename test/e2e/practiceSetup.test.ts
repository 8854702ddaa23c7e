// End-to-end: the practice database set from the app (issue 17: "CADANS_PRACTICE_DB … or the same
// in the app's settings") in Chromium against `cadans web` with practice mode off. The panel beside
// the "practice mode off" badge refuses an address with a password and one that is not a
// PostgreSQL URL, in Dutch and in English, and keeps a good one for the next start; a `cadans`
// command on the same database then uses it (and CADANS_PRACTICE_DB still goes first).
// Screenshot: test-artifacts/practice-setup-nl.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { runCli } from '../support/runCli.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const GOOD = 'postgres://anna@127.0.0.1:1/cadans';

describe('Practice database set in the app (cadans web)', { skip: skip ?? false, timeout: 90_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 900 });
  let page: Page;
  before(() => {
    page = e2e.page;
  });

  async function saveAddress(url: string): Promise<void> {
    await page.getByTestId('practice-db-input').fill(url);
    await page.getByTestId('practice-db-save').click();
    await waitFor('an answer', async () => (await page.getByTestId('practice-db-error').count()) + (await page.getByTestId('practice-db-saved').count()) > 0, 10_000);
  }

  test('Dutch: a password or a wrong address refused, a good one kept for the next start', async () => {
    await page.goto(e2e.host.url);
    await page.getByTestId('lang-nl').click();
    await waitFor('practice mode off', async () => (await page.getByTestId('practice-state').getAttribute('data-connection')) === 'off', 10_000);
    await page.getByTestId('practice-setup').click();
    await page.getByTestId('practice-setup-panel').waitFor();
    await saveAddress('postgres://anna:geheim@praktijk/cadans');
    const noPassword = (await page.getByTestId('practice-db-error').textContent()) ?? '';
    assert.match(noPassword, /geen wachtwoord/);
    assert.match(noPassword, /\.pgpass/);
    await saveAddress('mysql://anna@praktijk/cadans');
    assert.match((await page.getByTestId('practice-db-error').textContent()) ?? '', /moet de vorm postgres:\/\/gebruiker@server:poort\/database hebben/);
    assert.equal(JSON.parse(readFileSync(e2e.host.dbPath + '.settings.json', 'utf8')).practiceDb ?? null, null, 'nothing kept from a refused address');

    await saveAddress(GOOD);
    assert.equal(await page.getByTestId('practice-db-error').count(), 0);
    assert.equal(await page.getByTestId('practice-db-saved').getAttribute('data-outcome'), 'practice.setup.restart');
    assert.match((await page.getByTestId('practice-db-saved').textContent()) ?? '', /na een herstart/);
    await page.screenshot({ path: artifactPath('practice-setup-nl.png') });
    assert.equal(JSON.parse(readFileSync(e2e.host.dbPath + '.settings.json', 'utf8')).practiceDb, GOOD);
    // This host started without it: still off until a restart.
    assert.equal(await page.getByTestId('practice-state').getAttribute('data-connection'), 'off');
  });

  test('a cadans command on that database uses the address; CADANS_PRACTICE_DB goes first', async () => {
    const fromSetting = await runCli(['practice', 'status', '--json', '--db', e2e.host.dbPath], { env: { CADANS_PRACTICE_DB: '' } });
    assert.equal(fromSetting.code, 0, fromSetting.stderr);
    const s = JSON.parse(fromSetting.stdout) as { server: string; reachable: boolean; problemReason: string };
    assert.equal(s.server, GOOD);
    assert.equal(s.reachable, false);
    assert.equal(s.problemReason, 'connection-refused');
    const own = await runCli(['practice', 'status', '--json', '--db', e2e.host.dbPath], { env: { CADANS_PRACTICE_DB: 'postgres://bram@127.0.0.1:2/elders' } });
    assert.equal((JSON.parse(own.stdout) as { server: string }).server, 'postgres://bram@127.0.0.1:2/elders');
  });

  test('English: the refusal reads in English; the panel opens with the kept address', async () => {
    await page.getByTestId('lang-en').click();
    await waitFor('English', async () => (await page.getByTestId('practice-setup').textContent()) === 'Practice database…', 5000);
    await page.getByTestId('practice-db-close').click();
    await page.getByTestId('practice-setup').click();
    assert.equal(await page.getByTestId('practice-db-input').inputValue(), GOOD);
    await saveAddress('postgres://anna:secret@praktijk/cadans');
    assert.match((await page.getByTestId('practice-db-error').textContent()) ?? '', /Do not put a password/);
    assert.deepEqual(e2e.pageErrors, []);
  });
});
