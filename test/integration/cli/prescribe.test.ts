// `cadans prescribe`: the exact --json reply, the stored prescription, handout.pdf (one page,
// printed by headless Chromium; the last resonance rate on it) and pacer.wav (header and length);
// bad arguments refused with one line and nothing stored; the progress report's table; the access log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../../main/reports/printToPdf.js';
import { prescriptionHandoutHtml } from '../../../main/reports/prescriptionFiles.js';
import { progressReportHtml } from '../../../main/reports/reportFiles.js';
import { openStorage } from '../../../main/storage/storage.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-prescribe-'));
const db = join(dir, 'rx.sqlite');
let clientId = 0;
const chromium = findChromium();
let pdfinfo = true;
try {
  execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
} catch {
  pdfinfo = false;
}
const skipPdf = !chromium ? 'Chromium not installed' : !pdfinfo ? 'pdfinfo not installed (poppler-utils)' : false;

before(() => {
  const s = openStorage(db);
  clientId = s.clients.create({ name: 'Eva Jansen' }).id;
  s.clients.create({ name: 'Zonder Meting' });
  // A finished resonance assessment: its rate belongs on the handout.
  const r = s.sessions.create({ clientId, type: 'resonance', startedAt: '2026-10-01T10:00:00.000Z' }).id;
  s.sessions.setStatus(r, 'complete', '2026-10-01T10:20:00.000Z');
  s.sessions.setSummary(r, { resonance: { recommendation: { rateBpm: 5.5, flags: [] } } });
  s.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

const count = (): number => {
  const s = openStorage(db, { readonly: true });
  try {
    return s.prescriptions.listByClient(clientId).length;
  } finally {
    s.close();
  }
};

describe('cadans prescribe', () => {
  test('--json: exactly {prescriptionId, files}; stored as given; a one-page handout and the whole audio pacer', { skip: skipPdf }, async () => {
    const out = join(dir, 'home1');
    const r = await runCli(['prescribe', '--client', 'Eva Jansen', '--rate', '6', '--ratio', '4:6', '--minutes', '10', '--times-per-day', '3', '--out', out, '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const reply = JSON.parse(r.stdout);
    assert.deepEqual(reply, { prescriptionId: 1, files: { handout: join(out, 'handout.pdf'), audio: join(out, 'pacer.wav') } });
    assert.equal(r.stdout, JSON.stringify(reply) + '\n', 'nothing else on stdout');

    const s = openStorage(db, { readonly: true });
    const [p] = s.prescriptions.listByClient(clientId);
    const log = s.accessLog.list(clientId);
    s.close();
    assert.deepEqual(
      { rate: p!.rateBpm, ratio: p!.ratio, f: p!.inhaleFraction, hi: p!.holdInSec, ho: p!.holdOutSec, min: p!.minutes, perDay: p!.timesPerDay, lang: p!.lang },
      { rate: 6, ratio: '4:6', f: 0.4, hi: 0, ho: 0, min: 10, perDay: 3, lang: 'nl' },
    );
    assert.ok(log.some((e) => e.action === 'create' && e.detail.startsWith('cadans prescribe 1')), 'access-logged');

    const info = execFileSync('pdfinfo', [reply.files.handout], { encoding: 'utf8' });
    assert.match(info, /^Pages:\s+1$/m);
    assert.match(info, /Page size:.*\(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', reply.files.handout, '-'], { encoding: 'utf8' });
    assert.match(text, /6 ademhalingen per minuut/);
    assert.match(text, /4:6 \(inademen 4 s, uitademen 6 s\)/);
    assert.match(text, /10 minuten \(60 ademhalingen\)/);
    assert.match(text, /3 keer per dag/);
    assert.match(text, /resonantiefrequentie 5,5 ademhalingen per minuut/);

    const wav = readFileSync(reply.files.audio);
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
    assert.equal(wav.readUInt16LE(22), 1, 'mono');
    assert.equal(wav.readUInt32LE(24), 22050);
    assert.equal(wav.readUInt16LE(34), 16);
    assert.equal(wav.readUInt32LE(40), 600 * 22050 * 2, '60 breaths of 10 s');
    assert.equal(wav.length, 44 + 600 * 22050 * 2);
    assert.equal(statSync(reply.files.audio).mode & 0o777, 0o600, 'client data: readable by the user only');
  });

  test('bad arguments: one clear line, exit 2, nothing stored, no folder made', async () => {
    const before = count();
    const cases: [string[], RegExp][] = [
      [['--rate', '20', '--minutes', '10'], /rate must be a number of breaths per minute from 3 to 12 \(got '20'\)/],
      [['--rate', '6', '--ratio', '4-6', '--minutes', '10'], /ratio must be in:out/],
      [['--rate', '6', '--minutes', '0'], /duration must be 1–60 minutes/],
      [['--rate', '6', '--minutes', '10', '--times-per-day', 'often'], /times per day must be a whole number/],
      [['--rate', '12', '--hold-in', '2', '--hold-out', '1.5', '--minutes', '5'], /breathing pattern does not work/],
      [['--rate', '6', '--minutes', '10', '--lang', 'de'], /language must be nl or en/],
      [['--minutes', '10'], /--rate is required/],
    ];
    for (const [args, re] of cases) {
      const out = join(dir, 'bad');
      const r = await runCli(['prescribe', '--client', String(clientId), ...args, '--out', out, '--db', db]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.equal(existsSync(out), false);
    }
    assert.equal(count(), before);
  });

  test('an unknown client or an occupied folder: refused, nothing stored, nothing overwritten', async () => {
    const before = count();
    const out = join(dir, 'nobody');
    const r = await runCli(['prescribe', '--client', 'Niemand', '--rate', '6', '--minutes', '5', '--out', out, '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no client named 'Niemand'/);
    assert.equal(existsSync(join(out, 'handout.pdf')) || existsSync(join(out, 'pacer.wav')), false);

    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'pacer.wav'), 'mine');
    const r2 = await runCli(['prescribe', '--client', String(clientId), '--rate', '6', '--minutes', '5', '--out', busy, '--db', db]);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /pacer\.wav already exists; Cadans does not overwrite it/);
    assert.equal(readFileSync(join(busy, 'pacer.wav'), 'utf8'), 'mine');
    assert.equal(existsSync(join(busy, 'handout.pdf')), false);
    assert.equal(count(), before);
  });

  test('the handout in English without a resonance result; the progress report lists what was prescribed when', () => {
    const s = openStorage(db);
    try {
      const other = s.clients.findByName('Zonder Meting')[0]!.id;
      const p = { rateBpm: 5.5, ratio: '1:2', inhaleFraction: 1 / 3, holdInSec: 1, holdOutSec: 0, minutes: 15, timesPerDay: 1, lang: 'en' as const, date: '2026-11-02' };
      const html = prescriptionHandoutHtml(s, other, p);
      assert.match(html, /<html lang="en"/);
      assert.match(html, /5\.5 breaths per minute/);
      assert.match(html, /1 s after breathing in/);
      assert.match(html, /15 minutes \(83 breaths\)/);
      assert.match(html, /once a day/);
      assert.match(html, /No resonance assessment has been done yet/);
      assert.match(html, /cadans-pacer:v1\?rate=5\.5&amp;ratio=1:2&amp;holdIn=1&amp;holdOut=0&amp;min=15&amp;perDay=1/);

      s.prescriptions.create({ ...p, clientId: other });
      s.prescriptions.create({ ...p, clientId: other, rateBpm: 6, ratio: '4:6', inhaleFraction: 0.4, date: '2026-10-05' });
      const report = progressReportHtml(s, { clientId: other }, { lang: 'en' });
      const section = /<section class="prescriptions block">.*?<\/section>/.exec(report)?.[0] ?? '';
      const rows = [...section.matchAll(/<tr data-prescription="\d+">(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
      assert.deepEqual(rows, [
        ['05/10/2026', '6', '4:6', '1 / 0', '15', '1'],
        ['02/11/2026', '5.5', '1:2', '1 / 0', '15', '1'],
      ]);
      const none = progressReportHtml(s, { clientId }, { lang: 'nl' });
      assert.match(none, /Voorgeschreven thuisoefening/);
    } finally {
      s.close();
    }
  });
});
