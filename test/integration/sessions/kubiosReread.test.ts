// The Kubios RR export (`cadans export <id> --format rr`) of real-recording sessions re-read by an
// independent implementation: Debian has no HRV package (apt-cache search hrv / "heart rate
// variab": none) and PyPI is out of reach, so the file is read with NumPy's loadtxt and its HRV
// computed in Python with NumPy/SciPy (Debian python3-numpy, python3-scipy) from the Task Force
// 1996 definitions, Kubios' way for the spectrum (4-Hz cubic spline, linear detrend, Welch with a
// Hann window). Cadans' stored summary must agree: time domain within 0.5 %, band powers within 10 % (or 2 ms²);
// a figure Cadans withholds (null, with its reason) is not compared.
// A second, third-party reader: the npm package @avihimsa/heart-rate-variability-analysis (0.1.2,
// MIT; dev dependency only), an HRV library written by others, computes the time domain from the
// same file. Its SDNN divides by n (jStat.stdev) and its mean HR is 60000 / mean NN: compared as such.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeSessionSummary, type SessionSummary } from '../../../main/sessions/sessionSummary.js';
import { openStorage } from '../../../main/storage/storage.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { dataFile } from '../../support/paths.js';
import { runCli } from '../../support/runCli.js';
import { createRequire } from 'node:module';

/** The third-party HRV library (CommonJS); `Time` holds its time-domain functions. */
interface HrvLibTime {
  MRR(nn: number[]): number;
  SDNN(nn: number[]): number;
  RMSSD(nn: number[]): number;
  PNN50(nn: number[]): number;
}
const hrvLib = createRequire(import.meta.url)('@avihimsa/heart-rate-variability-analysis') as { Time: HrvLibTime };

const PY = '/usr/bin/python3';
const skip = spawnSync(PY, ['-c', 'import numpy, scipy'], { encoding: 'utf8' }).status === 0 ? null : 'NumPy/SciPy not installed (Debian: python3-numpy python3-scipy)';
if (skip) console.log(`# ${skip}`);

/** HRV of an RR text file (ms, one per line), computed in Python. */
const SCRIPT = String.raw`
import json, sys
import numpy as np
from scipy.interpolate import CubicSpline
from scipy.signal import welch, detrend
nn = np.loadtxt(sys.argv[1], ndmin=1)
d = np.diff(nn)
out = {
  'count': int(nn.size),
  'meanNnMs': float(nn.mean()),
  'meanHrBpm': float(np.mean(60000.0 / nn)),
  'sdnnMs': float(nn.std(ddof=1)),
  'rmssdMs': float(np.sqrt(np.mean(d * d))),
  'pnn50Pct': float(100.0 * np.mean(np.abs(d) > 50)),
}
t = np.cumsum(nn) / 1000.0
fs = 4.0
grid = np.arange(t[0], t[-1], 1 / fs)
x = detrend(CubicSpline(t, nn, bc_type='natural')(grid), type='linear')
seg = min(len(x), int(256 * fs))
f, p = welch(x, fs=fs, window='hann', nperseg=seg, noverlap=seg // 2, nfft=max(2048, 1 << (seg - 1).bit_length()), detrend=False)
band = lambda lo, hi: float(np.trapz(p[(f >= lo) & (f < hi)], f[(f >= lo) & (f < hi)]))
out['lfMs2'] = band(0.04, 0.15)
out['hfMs2'] = band(0.15, 0.4)
print(json.dumps(out))
`;

const RECORDINGS = ['neurokit_resting_5min_100hz.csv', 'bidmc01_125hz.csv'];

describe('Kubios RR export re-read independently (NumPy/SciPy and a third-party HRV library)', { skip: skip ?? false, timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-kubios-'));
  const db = join(dir, 'records.sqlite');
  const summaries = new Map<string, { id: number; summary: SessionSummary }>();

  before(() => {
    const storage = openStorage(db);
    try {
      const clientId = storage.clients.create({ name: 'Kubios client' }).id;
      for (const name of RECORDINGS) {
        const rec = parsePpgCsv(readFileSync(dataFile(name), 'utf8'));
        if ('error' in rec) throw new Error(rec.error);
        const id = storage.sessions.create({ clientId, type: 'breathing', fsHz: rec.fsHz }).id;
        const w = storage.writer(id, { syncWal: false });
        w.pushSamples({ t0Sec: 0, fsHz: rec.fsHz, values: Float32Array.from(rec.values) });
        w.finish('complete');
        summaries.set(name, { id, summary: computeSessionSummary(storage, id) });
      }
    } finally {
      storage.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of RECORDINGS) {
    test(`${name}: the RR file's HRV agrees with the session's summary`, async () => {
      const { id, summary } = summaries.get(name)!;
      const out = join(dir, `${id}-rr.txt`);
      const r = await runCli(['export', String(id), '--format', 'rr', '--out', out, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      const py = JSON.parse(execFileSync(PY, ['-c', SCRIPT, out], { encoding: 'utf8' })) as Record<string, number>;
      const s = summary as unknown as Record<string, number | null>;
      const withheld = summary.hrvWithheld as Record<string, string | undefined>;
      let compared = 0;
      /** Within `rel` (or `abs`), unless Cadans withheld the figure with a reason (then it is null). */
      const near = (key: string, rel: number, abs = 0): void => {
        const ours = s[key];
        if (ours === null && withheld[key]) return;
        assert.ok(typeof ours === 'number', `${key} in the summary`);
        assert.ok(Math.abs(ours - py[key]!) <= Math.max(abs, rel * Math.abs(py[key]!)), `${key}: Cadans ${ours}, independent ${py[key]} (±${rel * 100} %)`);
        compared++;
      };
      for (const k of ['meanNnMs', 'meanHrBpm', 'sdnnMs', 'rmssdMs']) near(k, 0.005);
      near('pnn50Pct', 0, 0.5);
      // Band powers: the spectra differ in detail (Cadans spreads its Welch segments evenly); small powers within 2 ms².
      near('lfMs2', 0.1, 2);
      near('hfMs2', 0.1, 2);
      assert.ok(compared >= 5, `at least five figures compared (${compared}; withheld: ${JSON.stringify(withheld)})`);

      // The same file through the third-party library.
      const nn = readFileSync(out, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').map(Number);
      assert.ok(nn.length > 100 && nn.every((v) => v > 250 && v < 2500), `the RR file holds NN intervals in ms (${nn.length})`);
      const lib = hrvLib.Time;
      const n = nn.length;
      const libFigures: Record<string, number> = {
        meanNnMs: lib.MRR(nn),
        sdnnMs: lib.SDNN(nn) * Math.sqrt(n / (n - 1)), // population → sample SD
        rmssdMs: lib.RMSSD(nn),
        pnn50Pct: lib.PNN50(nn),
      };
      let libCompared = 0;
      for (const [key, theirs] of Object.entries(libFigures)) {
        const ours = s[key];
        if (ours === null && withheld[key]) continue;
        assert.ok(typeof ours === 'number' && Number.isFinite(theirs), `${key}: Cadans ${ours}, library ${theirs}`);
        const tol = key === 'pnn50Pct' ? 0.5 : 0.005 * Math.abs(theirs);
        assert.ok(Math.abs(ours - theirs) <= tol, `${key}: Cadans ${ours}, @avihimsa/heart-rate-variability-analysis ${theirs}`);
        libCompared++;
      }
      assert.ok(libCompared >= 2, `at least two figures compared with the library (mean NN and SDNN are never withheld) (${libCompared})`);
      console.log(`# ${name}: ${compared} figures vs NumPy/SciPy, ${libCompared} vs the npm HRV library`);
    });
  }
});
