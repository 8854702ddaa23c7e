import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_INPUT_BYTES, readTextInput, TextInputError } from '../../../native-adapters/files/readTextInput.js';
import { sniffTextEncoding } from '../../../shared/io/textEncoding.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-textinput-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer | string): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const CSV = 'tijd (s);µV\n0,00;1,5\n0,01;2,5\n';

async function problem(p: string, opts = {}): Promise<TextInputError> {
  try {
    await readTextInput(p, opts);
  } catch (e) {
    assert.ok(e instanceof TextInputError, String(e));
    assert.ok(!e.message.includes('\n'));
    return e;
  }
  assert.fail(`${p} was read`);
}

describe('readTextInput: encodings', () => {
  test('UTF-8 with a byte-order mark (Excel "CSV UTF-8"), without, and Latin-1', async () => {
    const bom = await readTextInput(file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')])));
    assert.equal(bom.text, CSV);
    assert.equal(bom.encoding, 'utf-8');
    assert.equal((await readTextInput(file('plain.csv', CSV))).text, CSV);
    const latin = await readTextInput(file('latin.csv', Buffer.from(CSV, 'latin1')));
    assert.equal(latin.encoding, 'latin1');
    assert.equal(latin.text, CSV);
  });

  test('files of several MiB: plain ASCII and UTF-8 read whole and exact, the same through a pipe', async () => {
    const rows: string[] = ['time,ppg'];
    for (let i = 0; i < 200_000; i++) rows.push(`${(i / 250).toFixed(3)},${(Math.sin(i) / 3).toFixed(5)}`);
    const ascii = rows.join('\n') + '\n';
    assert.ok(ascii.length > 3 * 1024 * 1024);
    const a = await readTextInput(file('big-ascii.csv', ascii));
    assert.deepEqual([a.encoding, a.bytes, a.text === ascii], ['utf-8', ascii.length, true]);
    // A multi-byte character near the end, past the first MiB: UTF-8 decoded as a whole, not as Latin-1.
    const utf8 = ascii + '# µV, tijd é\n';
    const u = await readTextInput(file('big-utf8.csv', utf8));
    assert.deepEqual([u.encoding, u.bytes, u.text === utf8], ['utf-8', Buffer.byteLength(utf8), true]);
    const l = await readTextInput(file('big-latin1.csv', Buffer.from(utf8, 'latin1')));
    assert.deepEqual([l.encoding, l.text === utf8], ['latin1', true]);
    if (spawnSync('which', ['mkfifo']).status === 0) {
      // A pipe has no size: read in chunks, the same text.
      const fifo = join(dir, 'big-fifo');
      spawnSync('mkfifo', [fifo]);
      const writer = spawn('sh', ['-c', `cat '${join(dir, 'big-utf8.csv')}' > '${fifo}'`], { stdio: 'ignore' });
      try {
        const p = await readTextInput(fifo);
        assert.deepEqual([p.encoding, p.bytes, p.text === utf8], ['utf-8', Buffer.byteLength(utf8), true]);
      } finally {
        writer.kill('SIGKILL');
      }
    }
  });

  test('UTF-16 LE and BE with a byte-order mark, and LE without one', async () => {
    const le = Buffer.from(CSV, 'utf16le');
    const be = Buffer.from(le).swap16();
    const r1 = await readTextInput(file('le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), le])));
    assert.deepEqual([r1.encoding, r1.text], ['utf-16le', CSV]);
    const r2 = await readTextInput(file('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
    assert.deepEqual([r2.encoding, r2.text], ['utf-16be', CSV]);
    const r3 = await readTextInput(file('le-nobom.csv', le));
    assert.deepEqual([r3.encoding, r3.text], ['utf-16le', CSV]);
    assert.equal(sniffTextEncoding(be).encoding, 'utf-16be');
  });
});

describe('readTextInput: bounded, binary refused, one line', () => {
  test('/dev/zero: refused as binary after the first chunk, at once', async () => {
    const t0 = performance.now();
    const e = await problem('/dev/zero');
    assert.equal(e.problem, 'binary');
    assert.ok(performance.now() - t0 < 5000);
  });

  test('binary files (a zero byte) are refused, also when short', async () => {
    assert.equal((await problem(file('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).problem, 'binary');
  });

  test('a regular file above the cap is refused from its size, before reading (a sparse 300 MiB file)', async () => {
    const p = join(dir, 'huge.csv');
    const fd = openSync(p, 'w');
    closeSync(fd);
    spawnSync('truncate', ['-s', String(MAX_INPUT_BYTES + 1), p]);
    const before = process.memoryUsage().rss;
    const e = await problem(p);
    assert.equal(e.problem, 'too-large');
    assert.match(e.message, /larger than 256 MiB/);
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'nothing read');
    assert.equal((await problem(file('small-cap.csv', CSV), { maxBytes: 10 })).problem, 'too-large');
  });

  test('an endless pipe of text is read only up to the cap', { skip: spawnSync('which', ['mkfifo']).status !== 0 && 'mkfifo missing' }, async () => {
    const fifo = join(dir, 'endless');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes 0.8 > '${fifo}'`], { stdio: 'ignore' });
    try {
      const e = await problem(fifo, { maxBytes: 4 * 1024 * 1024 });
      assert.equal(e.problem, 'too-large');
    } finally {
      writer.kill('SIGKILL');
    }
  });

  test('missing file, folder: one line naming the file, control characters stripped from the name', async () => {
    const e = await problem(join(dir, 'no\u001b[2Jpe.csv'));
    assert.equal(e.problem, 'not-found');
    assert.doesNotMatch(e.message, /\u001b/);
    assert.match(e.message, /no such file: .*nope\.csv/);
    mkdirSync(join(dir, 'folder.csv'));
    assert.equal((await problem(join(dir, 'folder.csv'))).problem, 'folder');
  });
});
