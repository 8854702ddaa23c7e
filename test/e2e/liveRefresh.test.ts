// Lists refresh themselves through the change feed (`onRecordsChanged`), without a reload: a
// session recorded by `cadans record` in ANOTHER process on the web host's database appears in
// the open client list (with its session count) and in the open client page's session history.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { runCli } from '../support/runCli.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('client and session lists follow the database (cadans web + cadans record)', { skip: skip ?? false, timeout: 180_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 900 });
  let page: Page;
  before(() => {
    page = e2e.page;
  });

  const record = async (): Promise<number> => {
    const r = await runCli(['record', '--sensor', 'sim:speed=50', '--seconds', '30', '--client', 'Anna de Vries', '--db', e2e.host.dbPath, '--json'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { sessionId: number }).sessionId;
  };

  test('a CLI-recorded session appears in the open client list and client page without reload', async () => {
    await page.goto(e2e.host.url);
    await page.getByTestId('nav-live').waitFor();
    await page.evaluate(() => ((window as unknown as { cadansTestMark: number }).cadansTestMark = 42));
    await page.evaluate(() => (window.location.hash = '#/clients'));
    const list = page.getByTestId('client-list');
    await list.waitFor({ state: 'attached' });
    assert.equal(await list.locator('li').count(), 0);

    // Recorded in another process: the client (new) and its session show up by themselves.
    const first = await record();
    await waitFor('the new client in the list', async () => /Anna de Vries/.test((await list.textContent()) ?? ''), 10_000);
    await waitFor('its session count', async () => /1 sessie(?!s)/.test((await list.textContent()) ?? ''), 10_000);
    await page.getByTestId('session-table').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifactPath('refresh-01-clients.png'), fullPage: true });

    // The client page (record, sessions tab) is open while the next session is recorded.
    const clientId = Number(/\/clients\/(\d+)/.exec(await page.evaluate(() => window.location.hash))?.[1] ?? 1);
    await page.evaluate((id) => (window.location.hash = `#/client/${id}/sessions`), clientId);
    const rows = page.getByTestId('record-session-row');
    await waitFor('the first session in the history', async () => (await rows.count()) === 1, 10_000);
    assert.equal(await rows.first().getAttribute('data-session-id'), String(first));
    const second = await record();
    await waitFor('the second session in the open client page', async () => (await rows.count()) === 2, 10_000);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-session-id')));
    assert.deepEqual([...ids].sort(), [String(first), String(second)].sort());
    await page.screenshot({ path: artifactPath('refresh-02-client-page.png'), fullPage: true });

    // And the client list counts it too; the page was never reloaded.
    await page.evaluate(() => (window.location.hash = '#/clients'));
    await waitFor('two sessions in the list', async () => /2 sessies/.test((await list.textContent()) ?? ''), 10_000);
    assert.equal(await page.evaluate(() => (window as unknown as { cadansTestMark?: number }).cadansTestMark), 42, 'no reload');
    assert.deepEqual(e2e.pageErrors, []);
  });
});
