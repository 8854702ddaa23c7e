// The Kubios RR export (`cadans export <id> --format rr`) of real-recording sessions re-read by an
// independent implementation: Debian has no HRV package (apt-cache search hrv / "heart rate
// variab": none) and PyPI is out of reach, so the file is read with NumPy's loadtxt and its HRV
// computed in Python with NumPy/SciPy (Debian python3-numpy, python3-scipy) from the Task Force
// 1996 definitions, Kubios' way for the spectrum (4-Hz cubic spline, linear detrend, Welch with a
// Hann window).
// A plain RR file cannot mark where the NN series leaves intervals out (ectopic beats, beats whose
// timing could not be trusted, signal gaps): a reader takes the intervals as one gap-free sequence.
// So: the file must hold exactly the session's NN intervals; the independent figures from the file
// must agree with Cadans' own HRV routines run on that same gap-free sequence (time domain within
// 0.5 %, band powers within 10 % or 2 ms²); and the figures that do not depend on which intervals
// follow each other (mean NN, mean HR, SDNN) must agree with the stored summary within 0.5 %,
// unless Cadans withholds them (null, with its reason).
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
import { analyzeStoredSession } from '../../../main/sessions/sessionSignal.js';
import { hrvFrequency } from '../../../shared/dsp/hrvFrequency.js';
import { hrvTime } from '../../../shared/dsp/hrvTime.js';
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
      const nn = readFileSync(out, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').map(Number);
      assert.ok(nn.length > 100 && nn.every((v) => v > 250 && v < 2500), `the RR file holds NN intervals in ms (${nn.length})`);
      // The file is the session's NN series, in order.
      const storage = openStorage(db);
      let sessionNn: number[];
      try {
        sessionNn = Array.from(analyzeStoredSession(storage, id).result.nn.ibiMs);
      } finally {
        storage.close();
      }
      assert.equal(nn.length, sessionNn.length, 'one line per NN interval');
      nn.forEach((v, i) => assert.ok(Math.abs(v - sessionNn[i]!) <= 0.05 + 1e-9, `line ${i + 1}: ${v} vs ${sessionNn[i]} ms`));
      // Cadans' own routines on the file's gap-free sequence.
      let acc = 0;
      const tSec = nn.map((v) => (acc += v) / 1000);
      const time = hrvTime(nn);
      const freq = hrvFrequency(tSec, nn);
      const cadans: Record<string, number> = { ...time, lfMs2: freq.lfMs2, hfMs2: freq.hfMs2 };
      let compared = 0;
      const near = (key: string, ours: number, theirs: number, rel: number, abs: number, who: string): void => {
        assert.ok(Number.isFinite(ours) && Number.isFinite(theirs), `${key}: Cadans ${ours}, ${who} ${theirs}`);
        assert.ok(Math.abs(ours - theirs) <= Math.max(abs, rel * Math.abs(theirs)), `${key}: Cadans ${ours}, ${who} ${theirs} (±${rel * 100} %)`);
        compared++;
      };
      for (const k of ['meanNnMs', 'meanHrBpm', 'sdnnMs', 'rmssdMs']) near(k, cadans[k]!, py[k]!, 0.005, 0, 'NumPy');
      near('pnn50Pct', cadans.pnn50Pct!, py.pnn50Pct!, 0, 0.5, 'NumPy');
      // Band powers: the spectra differ in detail (Cadans spreads its Welch segments evenly); small powers within 2 ms².
      near('lfMs2', cadans.lfMs2!, py.lfMs2!, 0.1, 2, 'SciPy');
      near('hfMs2', cadans.hfMs2!, py.hfMs2!, 0.1, 2, 'SciPy');

      // The same file through the third-party library.
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
        near(key, cadans[key]!, theirs, key === 'pnn50Pct' ? 0 : 0.005, key === 'pnn50Pct' ? 0.5 : 0, '@avihimsa/heart-rate-variability-analysis');
        libCompared++;
      }

      // The stored summary: the figures that do not depend on which intervals follow each other.
      const s = summary as unknown as Record<string, number | null>;
      const withheld = summary.hrvWithheld as Record<string, string | undefined>;
      let summaryCompared = 0;
      for (const k of ['meanNnMs', 'meanHrBpm', 'sdnnMs']) {
        const ours = s[k];
        if (ours === null && withheld[k]) continue;
        assert.ok(typeof ours === 'number', `${k} in the summary`);
        near(k, ours, py[k]!, 0.005, 0, 'NumPy (summary)');
        summaryCompared++;
      }
      assert.ok(summaryCompared >= 2, `mean NN and SDNN compared with the summary (${summaryCompared}; withheld: ${JSON.stringify(withheld)})`);
      console.log(`# ${name}: ${compared} comparisons: 7 figures vs NumPy/SciPy, ${libCompared} vs the npm HRV library, ${summaryCompared} of the summary`);
    });
  }
});
