// End-to-end: the console lock in Debian Chromium against `cadans web`. Locking hides every client
// name from the page (and from a second page on the same core), the records API refuses while
// locked, unlocking brings the client list back. Screenshot: test-artifacts/lock-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage } from './e2eSession.js';
import type { WebHostProcess } from './webHostProcess.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('Console lock in Chromium (cadans web)', { skip: skip ?? false, timeout: 90_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 900 });
  let page: Page;
  let host: WebHostProcess;
  before(() => {
    page = e2e.page;
    host = e2e.host;
  });

  test('lock hides the records on every page, the lock screen shows no client data, unlock brings them back', async () => {
    await page.goto(host.url);
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Joost Verlinden');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    assert.ok((await page.content()).includes('Joost Verlinden'));

    // A second page (another browser tab on the same core): it locks too.
    const other = await page.context().newPage();
    await other.goto(host.url);
    await other.getByTestId('client-select').waitFor();

    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-screen').waitFor();
    await other.getByTestId('lock-screen').waitFor();
    for (const p of [page, other]) {
      const html = await p.content();
      assert.ok(!html.includes('Joost'), 'no client name anywhere in the locked page');
      assert.match(await p.getByTestId('lock-screen').innerText(), /vergrendeld/i);
    }
    await page.screenshot({ path: artifactPath('lock-screen.png') });
    // The API itself refuses the records while locked (not only the page hiding them).
    const refused = await page.evaluate(async () => {
      const api = (window as unknown as { cadans?: { listClients(): Promise<unknown> } }).cadans;
      if (!api) return 'no api on window';
      try {
        await api.listClients();
        return 'answered';
      } catch (e) {
        return String(e);
      }
    });
    assert.ok(refused === 'no api on window' || /locked/.test(refused), refused);

    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('client-select').waitFor();
    await other.getByTestId('client-select').waitFor();
    assert.ok((await page.content()).includes('Joost Verlinden'));
    await other.close();
  });

  test('the idle minutes are a setting that a new page gets', async () => {
    // The select follows the core's lock state: it shows 15 once the core has saved the choice and
    // said so (a navigation before that would cancel the call). A new page shows the default until
    // it has read the lock state. So wait for 15 on both (10 s at most each).
    const shows15 = (p: Page): Promise<string> =>
      p
        .waitForFunction(() => (document.querySelector('[data-testid="lock-after"]') as HTMLSelectElement | null)?.value === '15', null, { timeout: 10_000 })
        .then(() => '15')
        .catch(() => p.getByTestId('lock-after').inputValue());
    await page.getByTestId('lock-after').selectOption('15');
    assert.equal(await shows15(page), '15', 'the core took the choice');
    await page.goto(host.url); // (a reload has no token: it left the address bar)
    await page.getByTestId('lock-after').waitFor();
    assert.equal(await shows15(page), '15', 'a new page gets it');
  });
});
