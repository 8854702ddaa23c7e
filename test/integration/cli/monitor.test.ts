import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { simulateBeatTimes } from '../../../shared/sim/index.js';
import { cliPath, dataFile, repoRoot } from '../../support/paths.js';
import { runCli } from '../../support/runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'cadans-monitor-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const KEYS = ['beats', 'durationSec', 'gaps', 'meanHrBpm', 'qualityPct', 'rmssdMs', 'sensor'];

/** Asserts the --json contract of `cadans monitor` and returns the object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON is checked field by field
function contract(stdout: string): Record<string, any> {
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 1, `exactly one JSON object on stdout, got: ${stdout.slice(0, 300)}`);
  const s = JSON.parse(lines[0]!);
  assert.deepEqual(Object.keys(s).sort(), KEYS);
  assert.equal(typeof s.durationSec, 'number');
  assert.ok(Number.isInteger(s.beats));
  for (const k of ['meanHrBpm', 'rmssdMs']) assert.ok(s[k] === null || typeof s[k] === 'number', k);
  assert.ok(Array.isArray(s.gaps));
  for (const g of s.gaps) assert.deepEqual(Object.keys(g).sort(), ['endSec', 'startSec']);
  assert.ok(s.qualityPct >= 0 && s.qualityPct <= 100);
  for (const k of ['spec', 'kind', 'label', 'state']) assert.equal(typeof s.sensor[k], 'string', `sensor.${k}`);
  return s;
}

// The wall-time check runs alone (before the concurrent tests below), so it measures the CLI, not the machine's load.
describe('cadans monitor: --seconds counts signal time', () => {
  test('sim at speed 20, --seconds 60 (signal time): ≈ 3 s wall, the --json contract, HR ≈ 72', async () => {
    const t0 = Date.now();
    const r = await runCli(['monitor', '--sensor', 'sim:hr=72,speed=20,seed=3', '--seconds', '60', '--json']);
    const wallSec = (Date.now() - t0) / 1000;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(wallSec > 2.5 && wallSec < 8, `took ${wallSec} s`); // ≈ 3 s (+ start-up; more on a loaded machine)
    const s = contract(r.stdout);
    assert.equal(s.durationSec, 60);
    assert.ok(s.beats >= 62 && s.beats <= 74, `${s.beats} beats`);
    assert.ok(Math.abs(s.meanHrBpm - 72) < 3, `HR ${s.meanHrBpm}`);
    assert.ok(s.rmssdMs > 3 && s.rmssdMs < 150, `RMSSD ${s.rmssdMs}`);
    assert.deepEqual(s.gaps, []);
    assert.ok(s.qualityPct >= 80, `quality ${s.qualityPct}`);
    assert.equal(s.sensor.kind, 'sim');
    assert.equal(s.sensor.fsHz, 250);
    assert.match(s.sensor.label, /simulator/i);
  });
});

describe('cadans monitor', { concurrency: true }, () => {
  test('a clip-off in the simulated signal shows as a gap', async () => {
    const r = await runCli(['monitor', '--sensor', 'sim:speed=30,seed=2,clipoff=10-16', '--seconds', '30', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = contract(r.stdout);
    assert.equal(s.gaps.length, 1);
    assert.ok(Math.abs(s.gaps[0].startSec - 10) <= 1 && Math.abs(s.gaps[0].endSec - 16) <= 1, JSON.stringify(s.gaps));
    assert.ok(s.qualityPct < 85, `quality ${s.qualityPct} with 6 s of clip-off`);
  });

  test('file replay of a real recording: beats ≈ cadans analyze of the part played', async () => {
    const path = dataFile('neurokit_resting_5min_100hz.csv');
    const r = await runCli(['monitor', '--sensor', `file:${path}?speed=30`, '--seconds', '45', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = contract(r.stdout);
    assert.equal(s.durationSec, 45);
    assert.equal(s.sensor.kind, 'file');
    assert.equal(s.sensor.fsHz, 100);
    const rec = parsePpgCsv(readFileSync(path, 'latin1'));
    if ('error' in rec) assert.fail(rec.error);
    const offline = analyzePpg(rec.values.subarray(0, 45 * 100), 100);
    // Stopping the sensor flushes the detector: no beat inside its look-ahead is lost.
    const expected = offline.beats.tSec.filter((t) => t <= 45).length;
    assert.ok(Math.abs(s.beats - expected) <= 1, `${s.beats} live beats vs ${expected} offline`);
    assert.ok(Math.abs(s.meanHrBpm - offline.hrv.meanHrBpm) < 2, `HR ${s.meanHrBpm} vs ${offline.hrv.meanHrBpm}`);
  });

  test('an RR file played to its end: summary of the whole file, state disconnected', async () => {
    const sim = simulateBeatTimes({ hrBpm: 60, seed: 5 }, 40);
    const path = join(tmp, 'client_rr.txt');
    writeFileSync(path, Array.from(sim.ibiMs, (x) => Math.round(x)).join('\n') + '\n');
    const r = await runCli(['monitor', '--sensor', `file:${path}?speed=40`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = contract(r.stdout);
    assert.equal(s.beats, sim.ibiMs.length + 1, `${r.stdout}\n${r.stderr}`);
    assert.ok(Math.abs(s.meanHrBpm - 60) < 3, `HR ${s.meanHrBpm}`);
    assert.equal(s.sensor.state, 'disconnected');
    assert.equal(s.sensor.protocol, 'rr');
    assert.match(r.stderr, /end of recording/);
  });

  test('without --json: a live line per second of signal, then a readable summary', async () => {
    // 5× speed (4 s of wall time): the analysis worker's lag on a busy machine, a few tenths of a
    // second, is then a line or two of signal; at 25× CI once saw it hold HR back until second 15.
    const r = await runCli(['monitor', '--sensor', 'sim:speed=5', '--seconds', '20']);
    assert.equal(r.code, 0, r.stderr);
    const live = r.stdout.split('\n').filter((l) => /^\s+\d+ s {2}HR /.test(l));
    // Seconds 0..18, and 19 when a sample past 20 s arrived before the stop.
    assert.ok(live.length === 19 || live.length === 20, r.stdout);
    assert.deepEqual(live.map((l) => Number(/^\s+(\d+) s/.exec(l)![1])), live.map((_, i) => i));
    // Once the artifact correction has enough intervals around the newest one to judge it (≈ 5 beats) and
    // the detector's look-ahead has passed, the lines carry HR and quality (on a loaded machine the
    // analysis may lag the stream by a line or two, so not every single line is required).
    const withHr = live.slice(10).filter((l) => /HR +\d+\.\d bpm {2}quality +\d+ % {2}contact ok {2}connected/.test(l));
    assert.ok(withHr.length >= live.slice(10).length - 2, r.stdout);
    assert.match(r.stdout, /Summary of Simulator/);
    assert.match(r.stdout, /heart rate +\d+\.\d bpm/);
  });

  test('Ctrl-C (SIGINT) ends cleanly with the summary', async () => {
    const child = spawn(process.execPath, [cliPath, 'monitor', '--sensor', 'sim:speed=10'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // Interrupt once 5 s of signal have been shown.
      if (!sent && /^\s+5 s {2}HR/m.test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(killer);
    assert.ok(sent, 'live lines appeared');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Summary of Simulator.*\(stopped with Ctrl-C\)/);
    const dur = Number(/duration +([\d.]+) s of signal/.exec(stdout)?.[1]);
    assert.ok(dur >= 6 && dur < 30, `duration ${dur}`);
  });

  test('bad spec → one-line error, exit 2; unavailable sensor → exit 1', async () => {
    const cases: [string[], number, RegExp][] = [
      [['monitor', '--sensor', 'usb:/dev/x'], 2, /unknown sensor 'usb'/],
      [['monitor', '--sensor', 'sim:hr=fast'], 2, /'hr'.*not a number/],
      [['monitor', '--sensor', 'serial:/dev/x?protocol=nmea'], 2, /unknown serial protocol 'nmea'/],
      [['monitor'], 2, /--sensor <spec> is required/],
      [['monitor', '--sensor', 'sim', '--seconds', 'ten'], 2, /--seconds must be a positive number/],
      [['monitor', '--sensor', 'serial:/dev/cadans-no-such-port', '--seconds', '5'], 1, /cannot open \/dev\/cadans-no-such-port: the port does not exist/],
      [['monitor', '--sensor', `file:${join(tmp, 'missing.csv')}`], 1, /cannot replay .*missing\.csv: no such file/],
    ];
    await Promise.all(
      cases.map(async ([args, code, re]) => {
        const r = await runCli(args);
        assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0]!, /^cadans monitor: /);
        assert.match(lines[0]!, re);
        assert.equal(r.stdout, '');
      }),
    );
  });
});
