// The CLI against hostile or odd input files (issue 12): a size cap with a bounded reader
// (`analyze /dev/zero`, a huge file, an endless pipe), RR values outside 200–3000 ms never kept,
// UTF-8 with a byte-order mark and UTF-16 read, a PPG CSV given as `--format rr` refused, no raw
// bytes or escape sequences echoed, and records commands that fail creating or changing nothing
// (`export --db empty.csv` does not turn the file into a database).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStorage } from '../../../main/storage/storage.js';
import { filesWritten, walIsEmpty } from '../../support/filesWritten.js';
import { cliPath, dataFile } from '../../support/paths.js';
import { runCli, type CliRun } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-input-safety-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string): string => join(dir, name);
const write = (name: string, data: string | Buffer): string => {
  writeFileSync(p(name), data);
  return p(name);
};
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Refused: non-zero exit, nothing on stdout, one clean line on stderr matching `pattern`. */
function refused(run: CliRun, pattern: RegExp): void {
  assert.notEqual(run.code, 0, `expected a refusal; stdout: ${run.stdout.slice(0, 200)}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${run.stderr}`);
  assert.doesNotMatch(lines[0]!, CONTROL, JSON.stringify(lines[0]));
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  assert.match(lines[0]!, pattern);
}

const PPG = dataFile('heartpy_data_100hz.csv');

describe('cadans analyze: bounded reading', () => {
  test('/dev/zero is refused at once as binary data', async () => {
    const t0 = Date.now();
    refused(await runCli(['analyze', '/dev/zero'], { timeoutMs: 20_000 }), /not a text file \(it holds binary data\)/);
    assert.ok(Date.now() - t0 < 15_000);
  });

  test('a file above the cap (256 MiB) is refused from its size', async () => {
    const huge = p('huge.csv');
    closeSync(openSync(huge, 'w'));
    await new Promise<void>((resolve, reject) => spawn('truncate', ['-s', String(300 * 1024 * 1024), huge]).on('close', () => resolve()).on('error', reject));
    assert.equal(statSync(huge).size, 300 * 1024 * 1024);
    refused(await runCli(['analyze', huge]), /larger than 256 MiB, the most Cadans reads from one file/);
  });

  test('an endless pipe of plausible text is read only up to the cap, then refused', async () => {
    const run = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn('sh', ['-c', 'yes 800 | "$0" "$1" analyze /dev/stdin', process.execPath, cliPath], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
    refused(run, /\/dev\/stdin: it is larger than 256 MiB/);
  });
});

describe('cadans analyze: RR values, encodings, formats', () => {
  const rr = Array.from({ length: 120 }, (_, i) => Math.round(850 + 60 * Math.sin(i / 3)));

  test('an RR file with 1e308 (and 5 ms, 9000 ms): the artifacts are left out, never kept raw', async () => {
    const lines = [...rr.slice(0, 40).map(String), '1e308', ...rr.slice(40, 80).map(String), '5', '9000', ...rr.slice(80).map(String)];
    const run = await runCli(['analyze', write('rr-1e308.txt', lines.join('\n')), '--json']);
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(run.stdout);
    const expected = rr.reduce((a, b) => a + b, 0) / 1000;
    assert.ok(Math.abs(r.durationSec - expected) < 0.01, `duration ${r.durationSec} s, expected ${expected} s`);
    assert.match(r.settings.file.warnings.join(' '), /3 intervals outside 200–3000 ms left out \(artifacts\)/);
    const text = await runCli(['analyze', p('rr-1e308.txt')]);
    assert.match(text.stdout, /note +3 intervals outside 200–3000 ms left out/);
  });

  test('UTF-8 with a byte-order mark (Excel "CSV UTF-8") and UTF-16 LE/BE read as the plain file', async () => {
    const plain = readFileSync(PPG);
    const le = Buffer.from(plain.toString('utf8'), 'utf16le');
    const files = {
      bom: write('excel-utf8.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain])),
      le: write('unicode-le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), le])),
      be: write('unicode-be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])),
    };
    const ref = await runCli(['analyze', PPG, '--json']);
    assert.equal(ref.code, 0, ref.stderr);
    for (const [kind, f] of Object.entries(files)) {
      const run = await runCli(['analyze', f, '--json']);
      assert.equal(run.code, 0, `${kind}: ${run.stderr}`);
      assert.deepEqual(JSON.parse(run.stdout).beats, JSON.parse(ref.stdout).beats, kind);
    }
    // An RR file saved by Excel as "CSV UTF-8".
    const rrBom = write('rr-bom.csv', '\ufeffRR\r\n' + rr.join('\r\n'));
    const run = await runCli(['analyze', rrBom, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).nn.ibiMs.length, rr.length);
  });

  test('a PPG CSV given as --format rr is refused with what to do instead', async () => {
    refused(await runCli(['analyze', PPG, '--format', 'rr']), /not beat intervals: the file holds a PPG signal \("ppg"\).*--format ppg-csv/);
    const noNames = write('ppg-t-value.csv', readFileSync(PPG, 'utf8').replace(/^time,ppg/, 't,value'));
    refused(await runCli(['analyze', noNames, '--format', 'rr']), /sampled signal \(PPG\)/);
  });

  test('escape sequences and raw bytes in a file or its name are never echoed', async () => {
    const evil = write('evil\u001b[2J\u001b]0;owned\u0007.csv', Buffer.concat([
      Buffer.from('\u001b]0;pwned\u0007\u001b[31mtime\u001b[0m,na\u009bme\n0,\u0000', 'latin1'),
      Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0xff, 0xfe, 0x0a]),
    ]));
    const run = await runCli(['analyze', evil]);
    refused(run, /evil/);
    assert.doesNotMatch(run.stderr, /pwned|owned/);
    const binaryish = write('binaryish.csv', Buffer.from('time,ppg\n0,\u001b[2J\u001b]0;pwned\u0007\n0.01,\u009b1m\n', 'latin1'));
    const r2 = await runCli(['analyze', binaryish]);
    refused(r2, /binaryish\.csv/);
    assert.doesNotMatch(r2.stderr, /pwned/);
  });
});

describe('records commands that fail create or change nothing', () => {
  const good = p('good.sqlite');
  let goodHash = '';
  const hash = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');
  before(() => {
    const s = openStorage(good);
    s.clients.create({ name: 'Marie Jansen' });
    s.close();
    goodHash = hash(good);
  });

  test('an empty file given as --db (export, sessions, clients, report) is refused and stays empty', async () => {
    const empty = write('empty.csv', '');
    const cases: string[][] = [
      ['export', '1', '--format', 'csv', '--db', empty],
      ['sessions', '--db', empty],
      ['clients', '--db', empty],
      ['report', '1', '--out', p('r.html'), '--db', empty],
    ];
    for (const args of cases) {
      refused(await runCli(args), /empty\.csv is an empty file, not a Cadans database; Cadans did not change it/);
      assert.equal(statSync(empty).size, 0, `${args[0]} wrote into it`);
      assert.ok(!existsSync(empty + '-wal') && !existsSync(empty + '-shm') && !existsSync(p('r.html')));
    }
  });

  test('a text file given as --db is refused and unchanged; a missing --db is not created', async () => {
    const csv = write('not-a-db.csv', 'time,ppg\n0,1\n');
    refused(await runCli(['export', '1', '--format', 'csv', '--db', csv]), /not a Cadans database/);
    assert.equal(readFileSync(csv, 'utf8'), 'time,ppg\n0,1\n');
    const missing = p('missing.sqlite');
    refused(await runCli(['export', '1', '--format', 'csv', '--db', missing]), /no Cadans database/);
    refused(await runCli(['report', '1', '--out', p('m.html'), '--db', missing]), /no Cadans database/);
    assert.ok(!existsSync(missing) && !existsSync(p('m.html')));
  });

  test('unknown ids and clients: the database is byte for byte unchanged, no output file, no temporary file', async () => {
    // Reading commands open the database read-only (see filesWritten).
    const before = filesWritten(dir);
    refused(await runCli(['export', '99', '--format', 'csv', '--out', p('o.csv'), '--db', good]), /Session 99 does not exist/);
    refused(await runCli(['report', '99', '--out', p('o.pdf'), '--db', good]), /Session 99 does not exist/);
    refused(await runCli(['report', '--client', '99', '--progress', '--out', p('o.html'), '--db', good]), /99/);
    refused(await runCli(['sessions', '--client', 'nobody', '--db', good]), /no client named 'nobody'/);
    refused(await runCli(['analyze', p('nope.csv')]), /no such file/);
    assert.equal(hash(good), goodHash);
    assert.ok(walIsEmpty(good), 'nothing written to the log');
    assert.deepEqual(filesWritten(dir), before, 'no file created or left behind');
  });

  test('names from the database are listed without their control characters (table and --json)', async () => {
    const db = p('names.sqlite');
    const s = openStorage(db);
    try {
      s.clients.create({ name: 'Eva\u001b]0;pwned\u0007 de\u009b2J Vries' });
    } catch {
      s.close();
      return; // the domain refuses such names already
    }
    s.close();
    for (const args of [['clients', '--db', db], ['clients', '--db', db, '--json']]) {
      const run = await runCli(args);
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, CONTROL, JSON.stringify(run.stdout));
      assert.doesNotMatch(run.stdout, /\u009b|\u001b/);
      assert.match(run.stdout, /Eva/);
    }
  });

  test('report refuses an existing --out before it opens the database', async () => {
    const existing = write('existing.html', 'keep');
    refused(await runCli(['report', '1', '--out', existing, '--db', p('nowhere.sqlite')]), /already exists/);
    assert.equal(readFileSync(existing, 'utf8'), 'keep');
  });
});
