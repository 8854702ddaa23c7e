// `cadans export --format edf` of a session stored from a real recording (bidmc01, 125 Hz PPG),
// read back by an independent reader: MNE-Python (Debian python3-mne) in a python3 child process.
// Checked: sample rate, duration, every real sample within half a digital step, the hole and the
// padding at the no-data value, annotations with the right onsets, the patient field, --anonymise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../main/storage/storage.js';
import { loadRecording } from '../../support/loadRecording.js';
import { runCli } from '../../support/runCli.js';

const PY = '/usr/bin/python3';
const FS = 125;
const dir = mkdtempSync(join(tmpdir(), 'cadans-edf-'));
const db = join(dir, 'edf.sqlite');
let sessionId = 0;
let ppg: Float64Array;
// 120 s stored in 1 s chunks, seconds 40–42 missing (3 s never stored).
const HOLE = [40, 43];
const STARTED_AT = '2026-11-05T09:30:12.250Z';

function mneSkipReason(): string | null {
  const r = spawnSync(PY, ['-c', 'import mne'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'MNE-Python not installed (Debian: apt-get install --no-install-recommends python3-mne)';
}
const skip = mneSkipReason();

/** Read an EDF with MNE; returns what it saw as JSON. */
function readWithMne(file: string): {
  sfreq: number;
  nTimes: number;
  chNames: string[];
  data: number[];
  onsets: number[];
  durations: number[];
  descriptions: string[];
  subtype: string;
} {
  const script = `
import json, sys, mne
raw = mne.io.read_raw_edf(sys.argv[1], preload=True, verbose='error')
a = raw.annotations
with open(sys.argv[1], 'rb') as f:
    head = f.read(256)
print(json.dumps({'sfreq': float(raw.info['sfreq']), 'nTimes': int(raw.n_times), 'chNames': raw.ch_names,
  'data': raw.get_data()[0].tolist(), 'onsets': a.onset.tolist(), 'durations': a.duration.tolist(),
  'descriptions': list(a.description), 'subtype': head[192:236].decode('ascii').strip()}))
`;
  return JSON.parse(execFileSync(PY, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

before(() => {
  ppg = loadRecording('bidmc01_125hz.csv').ppg;
  const storage = openStorage(db);
  const clientId = storage.clients.create({ name: 'Sanne Bakker', dateOfBirth: '1979-04-23' }).id;
  sessionId = storage.sessions.create({ clientId, type: 'breathing', fsHz: FS, sensorSpec: 'file:/home/x/bidmc01.csv', pacer: { rateBpm: 6, inhaleFraction: 0.4 }, startedAt: STARTED_AT }).id;
  const w = storage.writer(sessionId, { syncWal: false });
  for (let s = 0; s < 120; s++) {
    if (s >= HOLE[0]! && s < HOLE[1]!) continue;
    w.pushSamples({ t0Sec: s, fsHz: FS, values: Float32Array.from(ppg.subarray(s * FS, (s + 1) * FS)) });
  }
  w.pushMarker({ tSec: 12.5, kind: 'note', note: 'eyes closed' });
  w.pushGap({ startSec: 70, endSec: 70.8, reason: 'packet loss' });
  w.pushPacerChange(60, { rateBpm: 5.5, inhaleFraction: 0.5 });
  w.finish('complete');
  storage.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('cadans export --format edf, read by MNE', { skip: skip ?? false }, () => {
  test('sample rate, duration, values within half a step, no-data samples, annotations at their onsets', async () => {
    const out = join(dir, 's.edf');
    const r = await runCli(['export', String(sessionId), '--format', 'edf', '--out', out, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const m = readWithMne(out);
    assert.equal(m.subtype, 'EDF+C');
    assert.equal(m.sfreq, FS);
    assert.deepEqual(m.chNames, ['Pleth PPG']);
    assert.equal(m.nTimes, 120 * FS, '120 one-second records');

    // The digital step from the header the reader used.
    const head = readFileSync(out);
    const pmin = Number(head.toString('ascii', 256 + 32 + 176, 256 + 32 + 184));
    const pmax = Number(head.toString('ascii', 256 + 32 + 192, 256 + 32 + 200));
    const step = (pmax - pmin) / 65535;
    let worst = 0;
    for (let i = 0; i < 120 * FS; i++) {
      const inHole = i >= HOLE[0]! * FS && i < HOLE[1]! * FS;
      if (inHole) {
        assert.ok(Math.abs(m.data[i]! - pmin) < step / 2, `sample ${i} in the hole reads as the physical minimum`);
        continue;
      }
      const expect = Math.fround(ppg[i]!);
      worst = Math.max(worst, Math.abs(m.data[i]! - expect));
    }
    assert.ok(worst <= step / 2 + 1e-9, `largest error ${worst} > half a step ${step / 2}`);

    // The file starts at the whole second of the session start; the first record's time-keeping TAL
    // says +0.25 s, and MNE (as EDF+ asks) gives onsets from the first sample: the session clock.
    const ann = m.descriptions.map((d, i) => ({ d, onset: m.onsets[i]!, dur: m.durations[i]! }));
    const find = (re: RegExp): { d: string; onset: number; dur: number } => {
      const a = ann.find((x) => re.test(x.d));
      assert.ok(a, `annotation ${re} in ${JSON.stringify(m.descriptions)}`);
      return a;
    };
    const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-3;
    assert.ok(close(find(/^Pacer 6\/min, in 40 %/).onset, 0));
    assert.ok(close(find(/^Pacer 5\.5\/min, in 50 %/).onset, 60));
    assert.ok(close(find(/^Marker note: eyes closed$/).onset, 12.5));
    const gap = find(/^Gap: packet loss$/);
    assert.ok(close(gap.onset, 70) && close(gap.dur, 0.8));
    const hole = find(/^No signal stored$/);
    assert.ok(close(hole.onset, 40) && close(hole.dur, 3));
  });

  test('the patient field per EDF+, and --anonymise: X X X X, no administration code, no marker notes', async () => {
    const plain = join(dir, 'p.edf');
    const anon = join(dir, 'a.edf');
    assert.equal((await runCli(['export', String(sessionId), '--format', 'edf', '--out', plain, '--db', db])).code, 0);
    assert.equal((await runCli(['export', String(sessionId), '--format', 'edf', '--anonymise', '--out', anon, '--db', db])).code, 0);
    const field = (f: string, from: number): string => readFileSync(f).toString('ascii', from, from + 80).trimEnd();
    assert.equal(field(plain, 8), 'cadans-client-1 X 23-APR-1979 Sanne_Bakker');
    assert.match(field(plain, 88), /^Startdate \d\d-NOV-2026 cadans-session-1 X Cadans_file$/);
    assert.equal(field(anon, 8), 'X X X X');
    assert.match(field(anon, 88), /^Startdate \d\d-NOV-2026 X X Cadans_file$/);
    const m = readWithMne(anon);
    assert.ok(m.descriptions.includes('Marker note'));
    assert.ok(!m.descriptions.some((d) => d.includes('eyes closed')));
    assert.ok(!readFileSync(anon).includes('Sanne'), 'the name is nowhere in the file');
  });

  test('--anonymise is for edf only; a session without a raw signal is refused in one line', async () => {
    const r = await runCli(['export', String(sessionId), '--format', 'csv', '--anonymise', '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--anonymise applies to --format edf only/);
    const storage = openStorage(db);
    const empty = storage.sessions.create({ clientId: 1, type: 'breathing' }).id;
    storage.close();
    const out = join(dir, 'none.edf');
    const r2 = await runCli(['export', String(empty), '--format', 'edf', '--out', out, '--db', db]);
    assert.equal(r2.code, 1);
    assert.equal(r2.stderr.trim().split('\n').length, 1);
    assert.match(r2.stderr, /has no raw signal/);
  });
});
