// `cadans export <id> --format zip`: a recorded session (a real recording's first 90 s stored as a
// session) and an imported emWave home session as zips for a colleague, listed with `unzip -l` and
// extracted with Python's zipfile (independent readers): the CSV, RR text and JSON are the single-format
// exports (the JSON's export time aside), the report is a real PDF (headless Chromium), the README names the files
// and why the home session has no CSV.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importRrText } from '../../../main/app/recordImport.js';
import { openStorage } from '../../../main/storage/storage.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { dataFile, repoRoot } from '../../support/paths.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-zip-'));
const db = join(dir, 'records.sqlite');
let signalId = 0;
let homeId = 0;

/** The zip's members as Python's zipfile reads them: name → bytes (base64 over JSON). */
function extract(zip: string): Map<string, Buffer> {
  const script = 'import base64,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))';
  const out = JSON.parse(execFileSync('python3', ['-c', script, zip], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, string>;
  return new Map(Object.entries(out).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

/** The single-format export of the CLI, as bytes. */
async function single(id: number, format: string): Promise<Buffer> {
  const out = join(dir, `single-${id}-${format}`);
  const r = await runCli(['export', String(id), '--format', format, '--out', out, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  return readFileSync(out);
}

describe('cadans export --format zip', { timeout: 240_000 }, () => {
  before(() => {
    const storage = openStorage(db);
    try {
      const clientId = storage.clients.create({ name: 'Zip client' }).id;
      const rec = parsePpgCsv(readFileSync(dataFile('heartpy_data_100hz.csv'), 'utf8'));
      if ('error' in rec) throw new Error(rec.error);
      signalId = storage.sessions.create({ clientId, type: 'breathing', fsHz: rec.fsHz, startedAt: '2026-11-02T09:00:00.000Z' }).id;
      const w = storage.writer(signalId, { syncWal: false });
      w.pushSamples({ t0Sec: 0, fsHz: rec.fsHz, values: Float32Array.from(rec.values.subarray(0, Math.round(90 * rec.fsHz))) });
      w.finish('complete');
      const text = readFileSync(join(repoRoot, 'test', 'fixtures', 'heartmath', 'emwave-pro.txt'), 'latin1');
      const r = importRrText(storage, { clientId, type: 'home', source: 'emwave', fileName: 'emwave.txt', text }, new Date(2026, 11, 1));
      if (!r.ok) throw new Error(r.error);
      homeId = r.session.sessionId;
    } finally {
      storage.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a recorded session: CSV, RR, JSON equal the single exports; the report is a PDF; unzip lists them', async () => {
    const zip = join(dir, 'signal.zip');
    const r = await runCli(['export', String(signalId), '--format', 'zip', '--out', zip, '--db', db], { timeoutMs: 120_000, env: { CADANS_LANG: 'nl' } });
    assert.equal(r.code, 0, r.stderr);
    const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    const p = `cadans-session-${signalId}/cadans-session-${signalId}`;
    for (const name of [`${p}-signal.csv`, `${p}-rr.txt`, `${p}.json`, `${p}-report.pdf`, `cadans-session-${signalId}/README.txt`]) {
      assert.ok(listing.includes(name), `unzip -l lists ${name}:\n${listing}`);
    }
    const files = extract(zip);
    assert.equal(files.size, 5);
    assert.ok(files.get(`${p}-signal.csv`)!.equals(await single(signalId, 'csv')), 'CSV = cadans export --format csv');
    assert.ok(files.get(`${p}-rr.txt`)!.equals(await single(signalId, 'rr')), 'RR = cadans export --format rr');
    // The JSON says when it was exported; everything else is the same.
    const json = (b: Buffer): Record<string, unknown> => ({ ...(JSON.parse(b.toString('utf8')) as Record<string, unknown>), exportedAt: null });
    assert.deepEqual(json(files.get(`${p}.json`)!), json(await single(signalId, 'json')), 'JSON = cadans export --format json');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, files.get(`${p}-report.pdf`)!);
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /^Pages:\s+[1-9]/m);
    const readme = files.get(`cadans-session-${signalId}/README.txt`)!.toString('utf8');
    assert.match(readme, new RegExp(`^Cadans-sessie ${signalId}`));
    assert.match(readme, /-signal\.csv: ruw PPG-signaal/);
  });

  test('an imported home session: no CSV (said in the README), the RR text holds its intervals', async () => {
    const zip = join(dir, 'home.zip');
    const r = await runCli(['export', String(homeId), '--format', 'zip', '--out', zip, '--db', db], { timeoutMs: 120_000, env: { CADANS_LANG: 'nl' } });
    assert.equal(r.code, 0, r.stderr);
    const files = extract(zip);
    const p = `cadans-session-${homeId}/cadans-session-${homeId}`;
    assert.deepEqual([...files.keys()].sort(), [`${p}-report.pdf`, `${p}-rr.txt`, `${p}.json`, `cadans-session-${homeId}/README.txt`].sort());
    assert.match(files.get(`cadans-session-${homeId}/README.txt`)!.toString('utf8'), /-signal\.csv: ontbreekt — Sessie \d+ heeft geen ruw signaal \(een intervalsensor heeft hem opgenomen\)/);
    assert.equal(files.get(`${p}-rr.txt`)!.toString('utf8').trim().split('\n').length, 201);
    const again = await runCli(['export', String(homeId), '--format', 'zip', '--out', zip, '--db', db]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; Cadans does not overwrite it/);
  });
});
