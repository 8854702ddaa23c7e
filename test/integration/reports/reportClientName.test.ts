// `cadans report --client <name|id> --progress`: like `record` and `sessions`, the client may be
// given by an exact name (case-insensitive) or an id; a name several clients share is refused
// with the ids to choose from, an unknown name with a clear line; nothing is written then.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStorage } from '../../../main/storage/storage.js';
import { runCli } from '../../support/runCli.js';
import { visibleText } from '../../unit/report/htmlProbe.js';
import { makeTempDir, removeTempDirs } from './reportFixtures.js';

describe('cadans report --client <name>', () => {
  let dir: string;
  let db: string;
  const jan: number[] = [];

  before(async () => {
    dir = makeTempDir('cadans-report-name-');
    db = join(dir, 'records.db');
    const r = await runCli(['record', '--sensor', 'sim:speed=100', '--seconds', '40', '--client', 'Anna de Vries', '--db', db, '--json'], { timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    const storage = openStorage(db);
    try {
      jan.push(storage.clients.create({ name: 'Jan Jansen' }).id, storage.clients.create({ name: 'jan jansen' }).id);
    } finally {
      storage.close();
    }
  });

  after(() => removeTempDirs());

  test('an exact name (any case) gives that client’s progress report, as its id does', async () => {
    const byName = join(dir, 'anna-name.html');
    const r = await runCli(['report', '--client', 'ANNA DE VRIES', '--progress', '--out', byName, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Wrote progress report of client 1 \(html, nl\)/);
    const byId = join(dir, 'anna-id.html');
    const r2 = await runCli(['report', '--client', '1', '--progress', '--out', byId, '--db', db]);
    assert.equal(r2.code, 0, r2.stderr);
    const text = visibleText(readFileSync(byName, 'utf8'));
    assert.match(text, /Anna de Vries/);
    // Same client, same report apart from the moment it was made.
    const strip = (s: string) => s.replace(/\d{1,2}[-:]\d{2}([-:]\d{2,4})?/g, '');
    assert.equal(strip(text), strip(visibleText(readFileSync(byId, 'utf8'))));
  });

  test('an ambiguous or unknown name is refused in one line; no file is written', async () => {
    const out = join(dir, 'x.html');
    const amb = await runCli(['report', '--client', 'Jan Jansen', '--progress', '--out', out, '--db', db]);
    assert.equal(amb.code, 1, amb.stderr);
    assert.match(amb.stderr, new RegExp(`^cadans report: 2 clients are named 'Jan Jansen' \\(ids ${jan.join(', ')}\\); give the id with --client\\n$`));
    const none = await runCli(['report', '--client', 'Piet', '--progress', '--out', out, '--db', db]);
    assert.equal(none.code, 1, none.stderr);
    assert.match(none.stderr, /^cadans report: no client named 'Piet'; see cadans clients\n$/);
    const blank = await runCli(['report', '--client', ' ', '--progress', '--out', out, '--db', db]);
    assert.equal(blank.code, 2, blank.stderr);
    assert.match(blank.stderr, /--client needs a name or an id/);
    assert.ok(!existsSync(out));
    // The id of one of the two still works.
    const ok = await runCli(['report', '--client', String(jan[1]), '--progress', '--out', out, '--db', db]);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
