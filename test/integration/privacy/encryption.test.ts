// Encryption at rest (issue 12): with CADANS_PASSPHRASE a new database is encrypted (SQLCipher,
// scrypt-derived key): its bytes hold neither the SQLite header nor a client's name. Without the
// passphrase, or with a wrong one, every command says so in one line, exits ≠ 0 and leaves the
// files exactly as they were. `cadans encrypt`/`decrypt` convert through a checked copy and keep
// every row; a backup of an encrypted database is encrypted and restores with the passphrase; the
// web host and its heavy-work worker read an encrypted database.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { recordingLockFile, RecordingLock } from '../../../native-adapters/sqlite/recordingLock.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wireCodec.js';
import { socketProtocols } from '../../../shared/ipc/wireProtocol.js';
import { startWebHostProcess } from '../../e2e/webHostProcess.js';
import { runCli, type CliRun } from '../../support/runCli.js';

const PASS = 'lente in Leiden 2026';
const withPass = { env: { CADANS_PASSPHRASE: PASS } };
const noPass = { env: { CADANS_PASSPHRASE: '' } };
const dir = mkdtempSync(join(tmpdir(), 'cadans-encryption-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ok = (r: CliRun): void => assert.equal(r.code, 0, r.stderr);
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
/**
 * Every file in `d` with its hash and mode: what "nothing changed on disk" compares. A recording
 * lock file is listed but not read: closing a file descriptor of it would drop this process's lock.
 */
const snapshot = (d: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(d)
      .sort()
      .map((f) => [f, f.endsWith('.lock') ? 'lock' : `${sha(join(d, f))} ${(statSync(join(d, f)).mode & 0o777).toString(8)}`]),
  );
const plaintextSigns = (file: string, name: string): string[] => {
  const bytes = readFileSync(file);
  return [bytes.includes('SQLite format 3') ? 'SQLite header' : '', bytes.includes(name) ? name : ''].filter(Boolean);
};
const record = (db: string, client: string, seed: number, opts: { env?: NodeJS.ProcessEnv }): Promise<CliRun> =>
  runCli(['record', '--sensor', `sim:speed=100,seed=${seed}`, '--seconds', '20', '--client', client, '--db', db, '--json'], opts);

/** A fresh folder holding one encrypted database with one session of `client`. */
async function encryptedDb(name: string, client: string): Promise<{ d: string; db: string }> {
  const d = mkdtempSync(join(dir, `${name}-`));
  const db = join(d, 'records.sqlite');
  ok(await record(db, client, 3, withPass));
  return { d, db };
}

describe('encryption at rest', { timeout: 240_000 }, () => {
  test('a database made with CADANS_PASSPHRASE is encrypted: no SQLite header, no client name; it reads back with the passphrase', async () => {
    const { db } = await encryptedDb('new', 'Anna de Vries');
    assert.deepEqual(plaintextSigns(db, 'Anna de Vries'), []);
    assert.equal(statSync(db).mode & 0o777, 0o600);
    const clients = await runCli(['clients', '--db', db, '--json'], withPass);
    ok(clients);
    assert.deepEqual((JSON.parse(clients.stdout) as { name: string }[]).map((c) => c.name), ['Anna de Vries']);
    assert.equal(clients.stderr, '', 'no notice for an encrypted database');
  });

  test('no passphrase or a wrong one: one clear line, exit ≠ 0, every file byte for byte as it was, no side file', async () => {
    const { d, db } = await encryptedDb('refused', 'Bram Bakker');
    const before = snapshot(d);
    const commands = [
      ['clients', '--db', db],
      ['sessions', '--db', db],
      ['export', '1', '--format', 'csv', '--out', join(dir, 'never.csv'), '--db', db],
      ['backup', '--out', join(dir, 'never-backup.sqlite'), '--db', db],
      ['decrypt', '--db', db],
      ['record', '--sensor', 'sim:speed=100', '--seconds', '5', '--client', 'Bram Bakker', '--db', db],
    ];
    for (const [label, opts] of [
      ['missing', noPass],
      ['wrong', { env: { CADANS_PASSPHRASE: 'lente in Leiden 2025' } }],
    ] as const) {
      for (const args of commands) {
        const r = await runCli(args, opts);
        const what = `${label} passphrase: cadans ${args[0]}`;
        assert.notEqual(r.code, 0, what);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, `${what}: ${r.stderr}`);
        if (args[0] !== 'decrypt' || label === 'wrong') {
          assert.match(lines[0]!, label === 'missing' ? /is encrypted .*set CADANS_PASSPHRASE/ : /passphrase \(CADANS_PASSPHRASE\) does not open/, what);
        }
        assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/, what);
        assert.deepEqual(snapshot(d), before, `${what} changed the folder`);
      }
    }
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('never')), []);
  });

  test('a plaintext database while CADANS_PASSPHRASE is set keeps working, said once on stderr, and is not encrypted', async () => {
    const d = mkdtempSync(join(dir, 'plain-'));
    const db = join(d, 'records.sqlite');
    ok(await record(db, 'Cor Claassen', 4, noPass));
    const r = await runCli(['sessions', '--db', db], withPass);
    ok(r);
    assert.match(r.stdout, /complete/);
    assert.equal(r.stderr.match(/is not encrypted; CADANS_PASSPHRASE is not used for it/g)?.length, 1, r.stderr);
    assert.ok(readFileSync(db).includes('SQLite format 3'), 'still plaintext');
  });

  test('encrypt then decrypt: every row kept, private file, nothing left beside it; refused while recording', async () => {
    const d = mkdtempSync(join(dir, 'convert-'));
    const db = join(d, 'records.sqlite');
    ok(await record(db, 'Dirk de Jong', 5, noPass));
    ok(await record(db, 'Els Evers', 6, noPass));
    const dump = async (opts: { env: NodeJS.ProcessEnv }): Promise<string> => {
      const parts = [];
      for (const args of [['clients', '--json'], ['sessions', '--json'], ['export', '1', '--format', 'csv'], ['export', '2', '--format', 'rr']]) {
        const r = await runCli([...args, '--db', db], opts);
        ok(r);
        parts.push(r.stdout);
      }
      return parts.join('\n');
    };
    const original = await dump(noPass);
    assert.match(original, /Els Evers/);

    const short = await runCli(['encrypt', '--db', db], { env: { CADANS_PASSPHRASE: 'kort' } });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /too short/);

    // A recording in progress (its lock held) refuses the conversion.
    const lock = RecordingLock.acquire(db, 99);
    try {
      const before = snapshot(d);
      const r = await runCli(['encrypt', '--db', db], withPass);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /is recording \(session 99\); stop the recording first\. Nothing was changed\./);
      assert.deepEqual(snapshot(d), before);
    } finally {
      lock.release();
    }

    const enc = await runCli(['encrypt', '--db', db], withPass);
    ok(enc);
    assert.match(enc.stdout, /^Encrypted .* \(\d+ tables, \d+ rows checked against the original/);
    assert.deepEqual(plaintextSigns(db, 'Els Evers'), []);
    assert.equal(statSync(db).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(d).filter((f) => f !== 'records.sqlite' && f !== basename(recordingLockFile(db, 99))), []);
    assert.equal(await dump(withPass), original);

    const again = await runCli(['encrypt', '--db', db], withPass);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is already encrypted\. Nothing was changed\./);

    const dec = await runCli(['decrypt', '--db', db], withPass);
    ok(dec);
    assert.ok(readFileSync(db).includes('SQLite format 3'));
    assert.equal(await dump(noPass), original);
    assert.deepEqual(readdirSync(d).filter((f) => /encrypting|before-encrypt/.test(f)), []);
  });

  test('a backup of an encrypted database is encrypted with the same key and restores with the passphrase', async () => {
    const { d, db } = await encryptedDb('backup', 'Fenna Folkers');
    const bk = join(d, 'backup.sqlite');
    ok(await runCli(['backup', '--out', bk, '--db', db], withPass));
    assert.deepEqual(plaintextSigns(bk, 'Fenna Folkers'), []);
    ok(await record(db, 'Gert Gans', 7, withPass));

    const beforeRefusal = snapshot(d);
    const refused = await runCli(['restore', bk, '--db', db], noPass);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.deepEqual(snapshot(d), beforeRefusal);

    const r = await runCli(['restore', bk, '--db', db], withPass);
    ok(r);
    assert.match(r.stdout, /its content matches the checksum recorded in the backup/);
    assert.deepEqual(plaintextSigns(db, 'Fenna Folkers'), []);
    const clients = await runCli(['clients', '--db', db, '--json'], withPass);
    ok(clients);
    assert.deepEqual((JSON.parse(clients.stdout) as { name: string }[]).map((c) => c.name), ['Fenna Folkers']);
  });

  test('the web host and its heavy-work worker read an encrypted database; without the passphrase it refuses in one line', async () => {
    const { db } = await encryptedDb('web', 'Hanna Hoek');
    const refused = await runCli(['web', '--port', '0', '--ble-scan-ms', '0', '--db', db], noPass);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^cadans web: .*is encrypted .*set CADANS_PASSPHRASE/);
    assert.equal(refused.stderr.trim().split('\n').length, 1);

    const web = await startWebHostProcess(['--db', db], 30_000, withPass.env);
    try {
      const url = new URL(web.url);
      const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
      const ws = new WebSocket(`ws://${url.host}/api`, socketProtocols(token), { headers: { origin: url.origin } });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const replies = new Map<number, { ok: boolean; value?: unknown; error?: unknown }>();
      ws.on('message', (m) => {
        const msg = decodeWire(String(m)) as { t: string; id?: number; reply?: { ok: boolean; value?: unknown } };
        if (msg.t === 'reply') replies.set(msg.id!, msg.reply!);
      });
      const call = async (id: number, name: string, args: unknown[]): Promise<unknown> => {
        ws.send(encodeWire({ t: 'call', id, name, args }));
        for (let i = 0; i < 600 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 50));
        const reply = replies.get(id);
        assert.ok(reply?.ok, `${name}: ${JSON.stringify(reply)}`);
        return reply.value;
      };
      const file = (await call(1, 'exportSession', [1, 'csv'])) as { data: string };
      assert.match(file.data, /\d/);
      const report = (await call(2, 'getReportHtml', [{ kind: 'session', sessionId: 1 }])) as { html: string };
      assert.match(report.html, /Hanna Hoek/);
      // The console lock of an encrypted database opens only with its passphrase.
      assert.deepEqual(await call(3, 'lockConsole', []), { locked: true, needsPassphrase: true, lockAfterMin: 10 });
      ws.send(encodeWire({ t: 'call', id: 4, name: 'unlockConsole', args: ['not-the-passphrase'] }));
      ws.send(encodeWire({ t: 'call', id: 5, name: 'listClients', args: [] }));
      for (let i = 0; i < 600 && !replies.has(5); i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(replies.get(4)?.ok, false, 'a wrong passphrase does not unlock');
      assert.equal(replies.get(5)?.ok, false, 'still locked: the records are refused');
      assert.equal(((await call(6, 'unlockConsole', [PASS])) as { locked: boolean }).locked, false);
      assert.equal(((await call(7, 'listClients', [])) as unknown[]).length, 1);
      ws.close();
    } finally {
      const code = await web.stop();
      assert.equal(code, 0);
      const { stderr } = web.output();
      assert.doesNotMatch(stderr, /heavy calls run on the main thread/, 'the worker opened the encrypted database');
    }
  });
});
