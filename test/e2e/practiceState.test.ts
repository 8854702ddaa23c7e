// Practice mode in the UI (issue 17): `cadans web` with CADANS_PRACTICE_DB syncs by itself and
// shows the practice database's state in the top bar — online, how many changes wait, the last
// sync, "sync now" — and, with the server stopped, "offline, N waiting"; in Dutch and in English.
// Changes are made by `cadans record` in another process on the web host's database (without
// practice mode, so that process does not sync them itself).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { outboxSize } from '../../main/practice/localSyncState.js';
import { openStorage } from '../../main/storage/storage.js';
import { connectPractice } from '../../native-adapters/pg/practiceConnection.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../support/pgTestServer.js';
import { runCli } from '../support/runCli.js';
import { artifactPath, browserSkipReason, launchBrowser } from './browser.js';
import { waitFor } from './e2eSession.js';
import { startWebHostProcess, type WebHostProcess } from './webHostProcess.js';

const skip = browserSkipReason() ?? pgSkipReason();
if (skip) console.log(`# ${skip}`);

describe('practice mode state in the top bar (cadans web + PostgreSQL)', { skip: skip ?? false, timeout: 240_000 }, () => {
  let pg: PgTestServer;
  let host: WebHostProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    pg = await startPgTestServer();
    const init = await runCli(['practice', 'init'], { env: { CADANS_PRACTICE_DB: pg.url } });
    assert.equal(init.code, 0, init.stderr);
    // Sync only when asked during the test (the first sync at start is automatic).
    host = await startWebHostProcess([], 20_000, { CADANS_PRACTICE_DB: pg.url, CADANS_PRACTICE_SYNC_SEC: '3600', CADANS_WORKSTATION: 'kamer 1' });
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    const code = await host?.stop();
    await pg?.dispose();
    assert.equal(code, 0, `cadans web should exit cleanly; stderr: ${host?.output().stderr}`);
  });

  const badge = () => page.getByTestId('practice-state');
  const attr = async (name: string): Promise<string | null> => badge().getAttribute(name);
  const text = async (): Promise<string> => (await badge().textContent()) ?? '';
  /** A session recorded in another process without practice mode: its changes wait in the outbox. */
  const recordElsewhere = async (seed: number): Promise<void> => {
    const r = await runCli(['record', '--sensor', `sim:speed=100,seed=${seed}`, '--seconds', '10', '--client', 'Anna de Vries', '--db', host.dbPath, '--json'], {
      env: { CADANS_PRACTICE_DB: '' },
      timeoutMs: 60_000,
    });
    assert.equal(r.code, 0, r.stderr);
  };
  /** The web host's outbox, read from its database file. */
  const outbox = (): number => {
    const s = openStorage(host.dbPath, { readonly: true });
    try {
      return outboxSize(s.db);
    } finally {
      s.close();
    }
  };
  /** The badge shows what waits in the outbox now (a count seen while the recording was still being written may have come first). */
  const waitForWaiting = async (): Promise<number> => {
    const n = outbox();
    assert.ok(n > 0, 'the recording queued changes');
    await waitFor(`${n} changes waiting`, async () => Number(await attr('data-waiting')) === n, 15_000);
    return n;
  };
  const serverSessions = async (): Promise<number> => {
    const conn = await connectPractice(pg.url);
    try {
      return Number((await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM sessions'))[0]!.n);
    } finally {
      await conn.close();
    }
  };
  const syncNow = async (): Promise<void> => {
    const button = page.getByTestId('practice-sync');
    await waitFor('the sync button enabled', async () => button.isEnabled(), 10_000);
    await button.click();
  };

  test('nl: online after the start-up sync → changes waiting after a recording → synced; server stopped → offline, N waiting', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-live').waitFor();
    await waitFor('online after the start-up sync', async () => (await attr('data-connection')) === 'online', 20_000);
    assert.match(await text(), /^Praktijk: online · niets wachtend · bijgewerkt /);

    await recordElsewhere(11);
    const waiting = await waitForWaiting();
    assert.match(await text(), new RegExp(`^Praktijk: online · ${waiting} wijzigingen wachtend$`));
    await page.screenshot({ path: artifactPath('practice-01-waiting-nl.png') });

    await syncNow();
    await waitFor('everything sent', async () => (await attr('data-waiting')) === '0' && (await attr('data-connection')) === 'online', 20_000);
    assert.match(await text(), /^Praktijk: online · niets wachtend · bijgewerkt /);
    assert.equal(await serverSessions(), 1, 'the session reached the server');

    await pg.stop();
    await recordElsewhere(12);
    const queued = await waitForWaiting();
    await syncNow();
    await waitFor('offline', async () => (await attr('data-connection')) === 'offline', 20_000);
    assert.equal(await text(), `Praktijk: offline · ${queued} wijzigingen wachtend`);
    assert.match((await attr('title')) ?? '', /niet bereikbaar; alles blijft hier bewaard/);
    // Why, in words; the server's own text only as a technical detail after it.
    assert.match((await attr('title')) ?? '', /: de server weigert de verbinding — draait hij, en klopt de poort in het adres\? \[technisch: .*ECONNREFUSED/);
    await page.screenshot({ path: artifactPath('practice-02-offline-nl.png') });
  });

  test('en: offline with what waits; the server back → sync now → synced, nothing lost', async () => {
    const left = Number(await attr('data-waiting'));
    await page.getByTestId('lang-en').click();
    await waitFor('English', async () => (await text()).startsWith('Practice:'), 10_000);
    assert.equal(await text(), `Practice: offline · ${left} changes waiting`);
    assert.equal(await page.getByTestId('practice-sync').textContent(), 'Sync now');
    await page.screenshot({ path: artifactPath('practice-03-offline-en.png') });

    await pg.start();
    await syncNow();
    await waitFor('online and sent', async () => (await attr('data-connection')) === 'online' && (await attr('data-waiting')) === '0', 20_000);
    assert.match(await text(), /^Practice: online · nothing waiting · synced /);
    assert.equal(await serverSessions(), 2, 'the session recorded while offline reached the server');
    await page.screenshot({ path: artifactPath('practice-04-synced-en.png') });
    assert.deepEqual(pageErrors, []);
  });

  test("nl: the practice owner restricts a client in the record's details and lifts it; a role that is no therapist is refused in Dutch", async () => {
    const conn = await connectPractice(pg.url);
    try {
      await conn.query('CREATE ROLE anna LOGIN IN ROLE cadans_therapist');
    } finally {
      await conn.close();
    }
    const access = async (): Promise<string[]> => {
      const c = await connectPractice(pg.url);
      try {
        return (await c.query<{ r: string }>('SELECT role_name AS r FROM cadans_client_access ORDER BY 1')).map((x) => x.r);
      } finally {
        await c.close();
      }
    };
    const s = openStorage(host.dbPath, { readonly: true });
    const clientId = s.clients.findByName('Anna de Vries')[0]!.id;
    s.close();
    await page.getByTestId('lang-nl').click();
    await waitFor('Dutch', async () => (await text()).startsWith('Praktijk:'), 10_000);
    await page.goto(`${host.url}#/client/${clientId}/overview`);
    const panel = page.getByTestId('details-card').getByTestId('restriction');
    const state = panel.getByTestId('restriction-state');
    await waitFor('visible to everyone', async () => (await state.textContent()) === 'Zichtbaar voor alle therapeuten van de praktijk.', 20_000);
    assert.match((await panel.textContent()) ?? '', /Therapeuten in de praktijk: anna/);

    await panel.getByTestId('restriction-input').fill('anna, bram');
    await panel.getByTestId('restriction-apply').click();
    await panel.getByTestId('restriction-error').getByText("'bram' is geen Cadans-therapeut in de praktijkdatabase.").waitFor();
    assert.deepEqual(await access(), [], 'nothing restricted');

    await panel.getByTestId('restriction-input').fill('anna');
    await panel.getByTestId('restriction-apply').click();
    await waitFor('restricted to anna', async () => (await state.textContent()) === 'Afgeschermd: alleen zichtbaar voor anna.', 20_000);
    await panel.getByTestId('restriction-saved').waitFor();
    assert.deepEqual(await access(), ['anna']);
    await page.screenshot({ path: artifactPath('practice-05-restricted-nl.png') });

    await panel.getByTestId('restriction-lift').click();
    await waitFor('lifted', async () => (await state.textContent()) === 'Zichtbaar voor alle therapeuten van de praktijk.', 20_000);
    assert.deepEqual(await access(), []);
    assert.deepEqual(pageErrors, []);
  });
});
