// End-to-end: a recording in `cadans web` meets a real full disk (its database on a 2-MiB tmpfs
// filled with a filler file). The live screen in Chromium shows the storage notice as a banner in
// Dutch — the data is kept in memory and saved when there is room — and, once there is room again,
// that it was saved; never "internal error". Screenshots: test-artifacts/diskfull-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { mountSmallDisk, type SmallDisk } from '../support/smallDisk.js';
import { artifactPath, browserSkipReason, launchBrowser } from './browser.js';
import { startWebHostProcess, type WebHostProcess } from './webHostProcess.js';

const mounted = mountSmallDisk(2);
const skip = browserSkipReason() ?? ('skipReason' in mounted ? mounted.skipReason : null);
if (skip) console.log(`# ${skip}`);
const disk = mounted as SmallDisk;

describe('Full disk during a recording: the banner in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let host: WebHostProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  before(async () => {
    // The later --db wins: the database on the small disk.
    host = await startWebHostProcess(['--db', join(disk.dir, 'web.sqlite'), '--sensor', 'sim:speed=4,seed=8']);
    browser = await launchBrowser({ width: 1440, height: 1000 });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    disk.free();
    const code = await host?.stop();
    disk.unmount();
    assert.equal(code, 0, `cadans web exits cleanly; stderr: ${host?.output().stderr}`);
  });

  test('disk full → "kept in memory" banner; room again → "saved" banner; the session stops complete', async () => {
    await page.goto(host.url);
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Schijf Vol');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('channel').waitFor();
    await page.getByTestId('start-session').click();
    await page.getByTestId('stop-session').waitFor();
    await page.waitForTimeout(2000);
    disk.fill();

    const banner = page.getByTestId('storage-notice');
    await page.locator('[data-testid="storage-notice"][data-code="disk-full"]').waitFor({ timeout: 30_000 });
    const full = (await banner.textContent()) ?? '';
    assert.match(full, /Opslag van de opname/);
    assert.match(full, /Schijf vol: .* nog niet opgeslagen; wordt in het geheugen bewaard \(tot 30 min\) en opgeslagen zodra er ruimte is/);
    assert.doesNotMatch(full, /internal error|interne fout/i);
    assert.equal(await banner.getAttribute('role'), 'alert');
    await page.screenshot({ path: artifactPath('diskfull-01-kept-in-memory.png'), fullPage: true });

    disk.free();
    await page.locator('[data-testid="storage-notice"][data-code="saved"]').waitFor({ timeout: 60_000 });
    assert.match((await banner.textContent()) ?? '', /Er is weer ruimte: .* die in het geheugen stond is opgeslagen; er is niets verloren\./);
    await page.screenshot({ path: artifactPath('diskfull-02-saved.png'), fullPage: true });

    await page.getByTestId('stop-session').click();
    await page.getByTestId('start-session').waitFor();
    await page.getByTestId('storage-notice-close').click();
    assert.equal(await banner.count(), 0, 'closed by the therapist');
    assert.deepEqual(pageErrors, []);
  });
});
