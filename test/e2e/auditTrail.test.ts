// End-to-end: the record's audit trail in Debian Chromium against `cadans web`. A session is
// recorded into the web host's database with `cadans record`; in the review its notes are written
// and corrected; on the client page the session is exported. The client's "Logboek" tab then
// lists these actions newest first in Dutch (viewed, changed, exported, recording started,
// created) with "log intact" and their details in Dutch (stored as English technical text), the CSV export downloads with the same entries, and the change
// history shows the notes before → after; in English the same view reads in English. Screenshots
// go to test-artifacts/audit-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { foreignWords, languageWords } from '../support/languageWords.js';
import { runCli } from '../support/runCli.js';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

interface LogSnapshot {
  actions: (string | null)[];
  texts: string[];
  stored: string[];
  shown: string[];
  count: string;
}

/** The access log as shown, read in one go, once two reads 400 ms apart agree (the list can reload). */
async function settledLog(page: Page): Promise<LogSnapshot> {
  const read = (): Promise<LogSnapshot> =>
    page.getByTestId('access-log').evaluate((card) => {
      const rows = [...card.querySelectorAll('[data-testid="access-log-row"]')];
      const cells = rows.map((r) => r.querySelector('.audit-detail'));
      return {
        actions: rows.map((r) => r.getAttribute('data-action')),
        texts: rows.map((r) => r.textContent ?? ''),
        stored: cells.map((c) => c?.getAttribute('data-stored') ?? ''),
        shown: cells.map((c) => c?.textContent ?? ''),
        count: card.querySelector('[data-testid="access-log-count"]')?.textContent ?? '',
      };
    });
  let last = await read();
  for (let i = 0; i < 25; i++) {
    await new Promise((r) => setTimeout(r, 400));
    const next = await read();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  throw new Error('the access log kept changing');
}

describe('Audit trail in Chromium (access log, export, change history, session notes)', { skip: skip ?? false, timeout: 120_000 }, () => {
  const e2e = useWebHostPage({ width: 1440, height: 1000 });
  let page: Page;
  let sessionId = 0;
  let clientId = 0;

  before(async () => {
    page = e2e.page;
    const r = await runCli(['record', '--sensor', 'sim:seed=5,speed=100', '--seconds', '60', '--client', 'Anna Visser', '--db', e2e.host.dbPath, '--json'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    sessionId = (JSON.parse(r.stdout) as { sessionId: number }).sessionId;
    const clients = await runCli(['clients', '--db', e2e.host.dbPath, '--json']);
    clientId = (JSON.parse(clients.stdout) as { id: number; name: string }[]).find((c) => c.name === 'Anna Visser')!.id;
  });

  test("the review: a saved session's notes written, then corrected", async () => {
    await page.goto(`${e2e.host.url}#/review/${sessionId}`);
    const card = page.getByTestId('session-notes');
    await card.waitFor();
    assert.equal(await card.getByTestId('session-notes-shown').textContent(), 'Nog geen notities.');
    const write = async (text: string): Promise<void> => {
      await card.getByTestId('session-notes-edit').click();
      await card.getByTestId('session-notes-text').fill(text);
      await card.getByTestId('session-notes-save').click();
      await card.getByTestId('session-notes-saved').waitFor();
    };
    await write('Rustig begonnen.');
    await write('Rustig begonnen; na 40 s even gepraat.');
    assert.equal(await card.getByTestId('session-notes-shown').textContent(), 'Rustig begonnen; na 40 s even gepraat.');
    assert.match((await card.getByTestId('session-notes-saved').textContent()) ?? '', /vorige tekst staat in de wijzigingsgeschiedenis/);
    await page.screenshot({ path: artifactPath('audit-01-session-notes.png'), fullPage: true });
    // Loaded again from the core: the notes were stored.
    await page.goto(`${e2e.host.url}#/live`);
    await page.goto(`${e2e.host.url}#/review/${sessionId}`);
    await page.getByTestId('session-notes').getByText('Rustig begonnen; na 40 s even gepraat.').waitFor();
  });

  test('the client page lists the actions newest first with "log intact"; the CSV export downloads them', async () => {
    await page.goto(`${e2e.host.url}#/client/${clientId}/sessions`);
    await page.getByTestId('session-actions').waitFor();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    assert.match(json.suggestedFilename(), /\.json$/);

    await page.getByTestId('tab-audit').click();
    const log = page.getByTestId('access-log');
    await log.getByTestId('access-log-row').first().waitFor();
    assert.match((await log.getByTestId('access-log-check').textContent()) ?? '', /^Log intact: de keten van \d+ regels is ongeschonden\.$/);
    // One snapshot of the rows (action, shown text, stored detail) once the list has settled: a
    // record change that arrives late (the JSON export's) reloads the list and logs one more "viewed".
    const { actions, texts, stored, shown, count } = await settledLog(page);
    // Newest first: this look at the log, the export, the review opened again, the two notes
    // edits, the review opened, the recording and the client created by `cadans record`.
    assert.equal(actions[0], 'open');
    assert.equal(actions[actions.length - 1], 'create');
    assert.equal(actions[actions.length - 2], 'record');
    const exportAt = actions.indexOf('export');
    const firstEdit = actions.indexOf('edit');
    assert.ok(exportAt > 0 && firstEdit > exportAt, `the export is newer than the notes edits (${actions.join(', ')})`);
    assert.equal(actions.filter((a) => a === 'edit').length, 2);
    assert.match(texts[0]!, /Ingezien.*toegangslog bekeken/);
    assert.match(texts[exportAt]!, /Geëxporteerd.*sessie geëxporteerd als JSON/);
    assert.match(texts[firstEdit]!, new RegExp(`Gewijzigd.*${sessionId}.*sessienotities #${sessionId} gewijzigd: Notities gewijzigd`));
    assert.match(texts[texts.length - 2]!, /Opname gestart.*opname gestart \(biofeedback\)/);
    // The detail column is Dutch (no word only the English catalogues use); what is stored stays the
    // English technical text (the log is hash-chained and never rewritten).
    assert.deepEqual(foreignWords(shown.join('\n'), (await languageWords()).onlyEn), []);
    assert.equal(stored[0], 'listAccessLog');
    assert.equal(stored[firstEdit], `updateSessionNotes session #${sessionId}: notes changed`);
    assert.match(count, new RegExp(`^${actions.length} van ${actions.length} regels`));

    // The change history: the notes, before → after, newest first.
    const history = page.getByTestId('change-history');
    const entries = history.getByTestId('history-entry');
    assert.equal(await entries.count(), 2);
    assert.match((await entries.first().textContent()) ?? '', new RegExp(`Sessienotities · sessie ${sessionId}gewijzigd`));
    const change = entries.first().getByTestId('history-change');
    assert.equal(await change.locator('td').nth(0).textContent(), 'Notities');
    assert.equal(await change.locator('.audit-before').textContent(), 'Rustig begonnen.');
    assert.equal(await change.locator('.audit-after').textContent(), 'Rustig begonnen; na 40 s even gepraat.');
    assert.equal(await entries.nth(1).getByTestId('history-change').locator('.audit-before').textContent(), '–');
    await page.screenshot({ path: artifactPath('audit-02-access-log.png'), fullPage: true });

    // The export: a CSV file with this client's entries, oldest first, the export itself the last.
    const [download] = await Promise.all([page.waitForEvent('download'), log.getByTestId('access-log-export').click()]);
    assert.equal(download.suggestedFilename(), `cadans-toegangslog-client-${clientId}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(csv[0], 'id,time_utc,action,client_id,session_id,user,workstation,detail,prev_hash,hash');
    const rows = csv.slice(1).map((l) => l.split(','));
    assert.equal(rows.length, actions.length + 1, 'every entry shown, plus the export itself');
    assert.deepEqual(rows.map((r) => r[2]), [...actions].reverse().concat('export'));
    assert.ok(rows.every((r) => r[3] === String(clientId)));
    assert.match(csv[csv.length - 1]!, /"exportAccessLog csv"/);
    await log.getByTestId('access-log-exported').waitFor();
  });

  test('in English the same view reads in English', async () => {
    await page.getByTestId('lang-en').click();
    const log = page.getByTestId('access-log');
    await page.getByText('Access log: who did what, when').waitFor();
    await page.waitForFunction(() => /^Log intact: the chain of \d+ entries is unbroken\.$/.test(document.querySelector('[data-testid="access-log-check"]')?.textContent ?? ''));
    const texts = await log.getByTestId('access-log-row').allTextContents();
    assert.ok(texts.some((t) => /Exported/.test(t)) && texts.some((t) => /Changed/.test(t)) && texts.some((t) => /Recording started/.test(t)));
    await page.waitForFunction(() => document.querySelector('.audit-detail')?.textContent === 'access log viewed');
    const shown = await log.locator('.audit-detail').allTextContents();
    assert.ok(shown.includes('session exported as JSON'), shown.join(' | '));
    assert.deepEqual(foreignWords(shown.join('\n'), (await languageWords()).onlyNl), []);
    assert.match((await page.getByTestId('change-history').getByTestId('history-entry').first().textContent()) ?? '', /Session notes/);
    await page.screenshot({ path: artifactPath('audit-03-access-log-en.png'), fullPage: true });
    assert.deepEqual(e2e.pageErrors, []);
  });
});
