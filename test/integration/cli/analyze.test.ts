import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WITHHELD_REASONS } from '../../../shared/dsp/hrvWithheld.js';
import { dataFile } from '../../support/paths.js';
import { ecgNnRmssdLtMs, loadRPeakTruth } from '../../support/rpeakTruth.js';
import { runCli } from '../../support/runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'cadans-analyze-'));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

const HRV_KEYS = ['meanHrBpm', 'meanNnMs', 'sdnnMs', 'rmssdMs', 'pnn50Pct', 'vlfMs2', 'lfMs2', 'hfMs2', 'lfHf', 'lfPeakHz', 'hfPeakHz'];

/** Asserts the --json contract of `cadans analyze`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON of the CLI is checked field by field below
function checkContract(out: string): Record<string, any> {
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 1, 'exactly one JSON object on stdout');
  const r = JSON.parse(lines[0]!);
  for (const k of ['durationSec', 'fsHz', 'beats', 'nn', 'artifacts', 'hrv', 'coherence', 'respiration', 'settings']) assert.ok(k in r, `missing ${k}`);
  assert.equal(r.beats.tSec.length, r.beats.quality.length);
  assert.equal(r.nn.tSec.length, r.nn.ibiMs.length);
  // A number, or null with its reason code in hrvWithheld (and nothing withheld that has a value).
  assert.equal(typeof r.hrvWithheld, 'object');
  for (const k of HRV_KEYS) {
    if (r.hrv[k] === null) assert.ok(WITHHELD_REASONS.includes(r.hrvWithheld[k]), `hrv.${k} = null without a reason`);
    else assert.ok(typeof r.hrv[k] === 'number' && !(k in r.hrvWithheld), `hrv.${k} = ${r.hrv[k]}, withheld ${r.hrvWithheld[k]}`);
  }
  for (const k of Object.keys(r.hrvWithheld)) assert.ok(HRV_KEYS.includes(k), `unknown withheld key ${k}`);
  assert.ok(r.signal.timingNoiseMs === null || (typeof r.signal.timingNoiseMs === 'number' && r.signal.timingNoiseMs > 0));
  assert.equal(typeof r.artifacts.corrected, 'number');
  assert.equal(typeof r.artifacts.percent, 'number');
  for (const p of r.coherence.series) {
    assert.equal(typeof p.tSec, 'number');
    assert.ok(p.level === null || ['low', 'medium', 'high'].includes(p.level));
  }
  for (const p of r.respiration.series) assert.equal(typeof p.tSec, 'number');
  // NN intervals end at a (corrected) beat and are physiological.
  for (const v of r.nn.ibiMs) assert.ok(v >= 250 && v <= 2500, `NN ${v} ms`);
  for (let i = 1; i < r.beats.tSec.length; i++) assert.ok(r.beats.tSec[i] > r.beats.tSec[i - 1], 'beats ascending');
  return r;
}

describe('cadans analyze on the real recordings', () => {
  const recs: [string, number, number, number][] = [
    // file, fs, plausible mean HR range
    ['neurokit_resting_5min_100hz.csv', 100, 75, 100],
    ['bidmc01_125hz.csv', 125, 80, 95],
    ['cinc2015_a103l_250hz.csv', 250, 100, 140],
    ['heartpy_data_100hz.csv', 100, 55, 70], // HeartPy's own result on its example: about 62 bpm
  ];
  for (const [name, fs, lo, hi] of recs) {
    test(name, async () => {
      const run = await runCli(['analyze', dataFile(name), '--json']);
      assert.equal(run.code, 0, run.stderr);
      const r = checkContract(run.stdout);
      assert.equal(r.fsHz, fs);
      assert.ok(r.hrv.meanHrBpm > lo && r.hrv.meanHrBpm < hi, `mean HR ${r.hrv.meanHrBpm}`);
      const expectedBeats = (r.durationSec * r.hrv.meanHrBpm) / 60;
      assert.ok(Math.abs(r.beats.tSec.length - expectedBeats) / expectedBeats < 0.1, `beats ${r.beats.tSec.length} vs ~${expectedBeats}`);
    });
  }

  test('RMSSD is reported close to the ECG where the ECG is above the timing floor, and withheld where it is not', async () => {
    // Truth: RMSSD of the ECG R-peak intervals (NeuroKit2's R-peaks, ../shared/data), over the same
    // span, edited by Lipponen & Tarvainen 2019 (the intervals at ectopic beats left out).
    const cases: [string, number][] = [
      ['neurokit_resting_5min_100hz.csv', Infinity],
      ['cinc2015_a103l_250hz.csv', 255], // a low-HRV client: ECG RMSSD ≈ 4 ms, below what this pleth can time
      ['bidmc01_125hz.csv', Infinity], // ECG RMSSD ≈ 4.4 ms, premature beats left out: below the floor too
    ];
    for (const [name, toSec] of cases) {
      const rows = readFileSync(dataFile(name), 'utf8').trim().split('\n');
      const cut = rows.filter((l, i) => i === 0 || Number(l.split(',')[0]) <= toSec);
      const run = await runCli(['analyze', write(`span-${name}`, cut.join('\n') + '\n'), '--json']);
      assert.equal(run.code, 0, run.stderr);
      const r = checkContract(run.stdout);
      const ecg = ecgNnRmssdLtMs(loadRPeakTruth(name).tSec.filter((t) => t <= toSec));
      const floorMs = Math.sqrt(6) * r.signal.timingNoiseMs;
      if (ecg > 2 * floorMs) {
        assert.equal(typeof r.hrv.rmssdMs, 'number', `${name}: ECG ${ecg.toFixed(1)} ms, floor ${floorMs.toFixed(1)} ms`);
        assert.ok(Math.abs(r.hrv.rmssdMs - ecg) / ecg < 0.15, `${name}: RMSSD ${r.hrv.rmssdMs} vs ECG ${ecg.toFixed(1)}`);
      } else if (ecg < floorMs) {
        assert.equal(r.hrv.rmssdMs, null, `${name}: ECG ${ecg.toFixed(1)} ms under the floor ${floorMs.toFixed(1)} ms, yet RMSSD ${r.hrv.rmssdMs}`);
        assert.equal(r.hrvWithheld.rmssdMs, 'below-timing-floor');
        assert.equal(r.hrvWithheld.pnn50Pct, 'below-timing-floor');
      } else assert.fail(`${name}: ECG RMSSD ${ecg.toFixed(1)} ms is too close to the floor ${floorMs.toFixed(1)} ms for this test`);
    }
  });

  test('a CSV with a sensor dropout (empty cells): flagged, counted, no beats invented', async () => {
    const rows = readFileSync(dataFile('neurokit_resting_5min_100hz.csv'), 'utf8').trim().split('\n');
    const out = rows.map((l, i) => (i >= 6001 && i <= 6300 ? l.split(',')[0] + ',' : l.split(',').slice(0, 2).join(',')));
    const run = await runCli(['analyze', write('dropout.csv', out.join('\n') + '\n'), '--json']);
    assert.equal(run.code, 0, run.stderr);
    const r = checkContract(run.stdout);
    assert.ok(r.signal.gaps.some((g: { startSec: number; endSec: number }) => g.startSec <= 60 && g.endSec >= 63), JSON.stringify(r.signal.gaps));
    assert.equal(r.settings.file.missingSamples, 300);
    assert.ok(!r.beats.tSec.some((t: number, i: number) => t > 60.2 && t < 62.8 && r.beats.quality[i] >= 0.35));
  });

  test('the readable summary (no --json)', async () => {
    const run = await runCli(['analyze', dataFile('neurokit_resting_5min_100hz.csv')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /heart rate\s+\d+\.\d bpm/);
    assert.match(run.stdout, /RMSSD/);
    assert.throws(() => JSON.parse(run.stdout));
  });

  test('--fs overrides a missing time column', async () => {
    const r0 = await runCli(['analyze', dataFile('neurokit_resting_5min_100hz.csv'), '--json']);
    const file = noTimeColumn();
    const r1 = await runCli(['analyze', file, '--fs', '100', '--json']);
    assert.equal(r1.code, 0, r1.stderr);
    assert.deepEqual(JSON.parse(r1.stdout).beats.tSec, JSON.parse(r0.stdout).beats.tSec);
  });
});

describe('cadans analyze on RR text', () => {
  test('ms per line (Kubios/Elite HRV) and seconds (detected)', async () => {
    const ibis: number[] = [];
    for (let i = 0; i < 300; i++) ibis.push(Math.round(900 + 60 * Math.sin((2 * Math.PI * i) / 6)));
    const ms = await runCli(['analyze', write('rr-ms.txt', ibis.join('\n') + '\n'), '--json']);
    assert.equal(ms.code, 0, ms.stderr);
    const r = checkContract(ms.stdout);
    assert.equal(r.fsHz, null);
    assert.ok(Math.abs(r.hrv.meanNnMs - 900) < 5, `mean NN ${r.hrv.meanNnMs}`);
    assert.equal(r.artifacts.corrected, 0);
    const s = await runCli(['analyze', write('rr-s.txt', ibis.map((v) => (v / 1000).toFixed(3)).join('\r\n')), '--format', 'rr', '--json']);
    assert.equal(s.code, 0, s.stderr);
    assert.ok(Math.abs(JSON.parse(s.stdout).hrv.rmssdMs - r.hrv.rmssdMs) < 0.5);
  });
});

/** RMSSD (ms) of ECG R-peak intervals, leaving out intervals > 20 % from the median of their 11 neighbours. */
/** The neurokit recording without its time column. */
function noTimeColumn(): string {
  const rows = readFileSync(dataFile('neurokit_resting_5min_100hz.csv'), 'utf8').trim().split('\n');
  return write('ppg-only.csv', 'ppg\n' + rows.slice(1).map((l) => l.split(',')[1]).join('\n') + '\n');
}

describe('cadans analyze rejects bad input with one clear line', () => {
  const noStack = (stderr: string): void => {
    assert.equal(stderr.trim().split('\n').length, 1, `one line, got: ${stderr}`);
    assert.doesNotMatch(stderr, /\n\s+at |TypeError|ReferenceError/);
  };
  const flat = 'time,ppg\n' + Array.from({ length: 3000 }, (_, i) => `${(i / 100).toFixed(2)},512`).join('\n');
  const short = 'time,ppg\n' + Array.from({ length: 500 }, (_, i) => `${(i / 100).toFixed(2)},${Math.sin(i / 10)}`).join('\n');
  const cases: [string, () => string[], RegExp][] = [
    ['missing file', () => ['analyze', join(tmp, 'nope.csv')], /no such file/],
    ['no numeric column', () => ['analyze', write('words.csv', 'time,name\n0,a\n0.01,b\n0.02,c\n')], /numeric/i],
    ['too short', () => ['analyze', write('short.csv', short)], /10 s/],
    ['flat line', () => ['analyze', write('flat.csv', flat)], /flat/i],
    ['--fs contradicting the time column', () => ['analyze', dataFile('neurokit_resting_5min_100hz.csv'), '--fs', '1000'], /fs|sample rate/i],
    ['wrong --fs without a time column', () => ['analyze', noTimeColumn(), '--fs', '1000'], /--fs/],
    ['unknown option', () => ['analyze', dataFile('heartpy_data_100hz.csv'), '--bogus'], /bogus/],
    ['bad --format', () => ['analyze', dataFile('heartpy_data_100hz.csv'), '--format', 'xml'], /format/],
    ['empty file', () => ['analyze', write('empty.csv', '')], /empty/],
  ];
  for (const [name, args, re] of cases) {
    test(name, async () => {
      const run = await runCli(args());
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, re);
      noStack(run.stderr);
    });
  }
});
