/**
 * `cadans record --sensor serial:<path>` (no protocol option) against emulators of the real
 * devices through socat PTYs, playing a real recording from ../shared/data at the devices' real,
 * off-nominal rates:
 * - with 5 % garbled lines/packets: every sample that arrived intact is stored once, in order, near its
 *   place; the stored session's signal quality and unusable time match the offline analysis of
 *   the source signal within 2 points; RMSSD of the NN series the live path stored is within 5 %
 *   of the source's offline RMSSD;
 * - at a drifting rate: the NN series stored live equals the stored session's offline analysis,
 *   and the live RMSSD (stored once a second) equals that analysis over the same windows within
 *   5 % (≥ 95 % of seconds), the live HR within 1 bpm of an offline NN interval of the last 3 s
 *   (≥ 97 %) and of the newest one (≥ 80 %: the newest beat's interval often waits for the
 *   neighbours its correction needs);
 * - with two busy processes beside it: an 800 ms pulse is stored as the offline analysis of the
 *   exact samples sent (the timing path adds nothing), centred on 800 ms;
 * - a device that sends nothing: a clear error after 10 s, exit non-zero, no complete session.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeStoredSession } from '../../../main/sessions/sessionSignal.js';
import { openStorage } from '../../../main/storage/storage.js';
import { hrvTime } from '../../../shared/dsp/hrvTime.js';
import { hasSocat, startEmulator, type StartEmulatorOptions } from '../../support/emulators/startEmulator.js';
import type { EmulatorTruth } from '../../support/emulators/emulatorTruth.js';
import { dataFile } from '../../support/paths.js';
import { runCli } from '../../support/runCli.js';
import { alignStored, analyzeSource } from '../../support/storedVsTruth.js';
import { PtyPair } from '../sensors/ptyPair.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';
const RECORDING = dataFile('neurokit_resting_5min_100hz.csv');
const dir = mkdtempSync(join(tmpdir(), 'cadans-record-emu-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Recorded {
  truth: EmulatorTruth;
  sessionId: number;
  db: string;
  stderr: string;
}

let dbCount = 0;
async function recordFrom(emuOpts: StartEmulatorOptions, seconds: number): Promise<Recorded> {
  const emu = await startEmulator({ liveTimeoutSec: 600, ...emuOpts });
  const db = join(dir, `s${++dbCount}.sqlite`);
  try {
    const r = await runCli(['record', '--sensor', `serial:${emu.appPath}`, '--seconds', String(seconds), '--db', db, '--json'], { timeoutMs: (seconds + 60) * 1000 });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { sessionId: number; status: string; durationSec: number };
    assert.equal(out.status, 'complete', r.stdout);
    assert.ok(Math.abs(out.durationSec - seconds) < 1, `recorded ${out.durationSec} s`);
    return { truth: await emu.stop(), sessionId: out.sessionId, db, stderr: r.stderr };
  } catch (e) {
    await emu.stop().catch(() => undefined);
    throw e;
  }
}

function rmssdOf(ibiMs: readonly number[], tSec: readonly number[]): number {
  // Stored beats are at the systolic peak and NN runs between fiducials a few ms away; a gap
  // between two NN intervals is at least one beat (≥ 0.25 s).
  const consecutive = ibiMs.map((v, i) => i > 0 && Math.abs(tSec[i]! - v / 1000 - tSec[i - 1]!) < 0.1);
  return hrvTime(ibiMs, consecutive).rmssdMs;
}

/** Garbled lines: every device at a rate a real unit runs at. */
const DEVICES: [StartEmulatorOptions['device'], number][] = [
  ['pulsesensor-bpm', 49.3],
  ['pulsesensor-processing', 49.8],
  ['pulsesensor-getting-started', 50.25],
  ['cms50-9', 60.3],
];

/**
 * The CPU-hog devices and what their intervals may do beyond the path (which adds nothing):
 * - a CMS50 samples on its own clock (7-bit pleth): every interval within 1 ms of 800 (issue 10).
 *   The exact samples alone give 0.6–0.89 ms (it depends on the stretch stored: 200 stretches,
 *   docs/beat-timing.md) and the rate estimated from arrival times adds 0.02–0.15 ms with two hogs
 *   and up to three more busy processes (worst seen 0.82 ms);
 * - the PulseSensor BPM sketch prints the latest of its 2 ms ADC samples, so its sample times carry
 *   up to 2 ms of their own, which no host can take out: ±1.6–1.95 ms, 78–92 % within 1 ms.
 */
const HOG_DEVICES: [StartEmulatorOptions['device'], number, number, number][] = [
  ['pulsesensor-bpm', 49.3, 3, 0.7],
  ['cms50-9', 60.3, 1, 1],
];

describe('cadans record from emulated devices at their real rates', { skip: SKIP, concurrency: 2 }, () => {
  for (const [device, rateHz] of DEVICES) {
    test(`${device} at ${rateHz} Hz with 5 % garbled lines: every sample kept, quality and RMSSD as the source's`, async () => {
      const rec = await recordFrom({ device, rateHz, garbled: 0.05, ppgCsv: RECORDING, seed: 7 }, 60);
      const storage = openStorage(rec.db);
      try {
        const { result, segments } = analyzeStoredSession(storage, rec.sessionId);
        const stored = segments.flatMap((g) => Array.from(g.values));
        const fs = segments.map((g) => g.fsHz);
        assert.ok(fs.every((f) => Math.abs(f - rateHz) < 0.004 * rateHz), `stored at the measured rate (within 0.4 %) ${fs.join(', ')} (true ${rateHz})`);
        // Every intact sample stored once, in order, near its place (a text line that lost its line
        // end merges with the next: at most one intact neighbour goes with each corrupted unit).
        const a = alignStored(stored, rec.truth.samples);
        const stretch = rec.truth.samples.slice(a.offset, a.offset + stored.length);
        const t0 = stretch[0]!.tSec;
        const t1 = stretch[stretch.length - 1]!.tSec;
        const garbledUnits = stretch.filter((s) => s.fate === 'garbled').length + rec.truth.reported.filter((b) => b.tSec >= t0 && b.tSec <= t1 && b.printed.includes('garbled')).length;
        assert.ok(garbledUnits > 0.03 * stored.length, `${garbledUnits} garbled units in the stretch`);
        assert.ok(a.okSent - a.okStored <= garbledUnits, `${a.okSent - a.okStored} of ${a.okSent} intact samples missing (${garbledUnits} garbled units)`);
        assert.ok(a.okStored >= 0.93 * a.okSent, `${a.okStored} of ${a.okSent} intact samples stored`);
        // Without a device counter (PulseSensor text) a garbled line's lost count is an estimate from
        // line lengths, so the samples after one can land a place or two off; a count too low shows
        // on arrival time once it reaches gapSec (12 samples) and becomes a gap, one too high is not
        // corrected. Worst seen: 3 in most CI runs (all but ~4 intact samples in their exact place),
        // 4–5 in one CI run and under heavy load; the bound is half the gap threshold.
        assert.ok(a.worstShift <= 6, `an intact sample stored ${a.worstShift} samples from its place`);
        assert.ok(Math.abs(stored.length - rateHz * 60) <= 3, `${stored.length} stored samples for 60 s at ${rateHz} Hz`);
        // The source signal, analysed offline on the emulator's own clock.
        const src = analyzeSource(rec.truth, a.offset, stored.length);
        assert.ok(result.signal && src.signal);
        const dUnusable = Math.abs(result.signal.unusablePct - src.signal.unusablePct);
        assert.ok(dUnusable <= 2, `unusable ${result.signal.unusablePct} % stored vs ${src.signal.unusablePct} % source: ${JSON.stringify(result.signal.gaps)} vs ${JSON.stringify(src.signal.gaps)}`);
        const summary = storage.sessions.require(rec.sessionId).summary as { signalQualityPct: number | null } | null;
        assert.ok(summary && summary.signalQualityPct !== null);
        assert.ok(Math.abs(summary.signalQualityPct - (100 - src.signal.unusablePct)) <= 2, `quality ${summary.signalQualityPct} % vs ${100 - src.signal.unusablePct} %`);
        // The NN series the live path stored.
        const nn = storage.beats.list(rec.sessionId).filter((b) => b.ibiMs !== null);
        // A garbled line repaired on an upstroke can leave a beat's fiducials in disagreement: the
        // live path then leaves its two intervals out, where the source keeps them. So RMSSD is
        // compared over the successive differences both series have (intervals matched by their
        // closing beat, within 0.15 s), and the stored series must keep nearly all of the source's.
        const srcT = Array.from(src.nn.tSec);
        const match = nn.map((b) => {
          let best = -1;
          for (let i = 0; i < srcT.length; i++) if (Math.abs(srcT[i]! - b.tSec) < 0.15 && (best < 0 || Math.abs(srcT[i]! - b.tSec) < Math.abs(srcT[best]! - b.tSec))) best = i;
          return best;
        });
        let dLive = 0;
        let dSrc = 0;
        let pairs = 0;
        for (let k = 1; k < nn.length; k++) {
          const i = match[k]!;
          const h = match[k - 1]!;
          // Consecutive in both: the stored intervals share a beat, and so do the source's.
          if (i < 1 || h !== i - 1 || Math.abs(nn[k]!.tSec - nn[k]!.ibiMs! / 1000 - nn[k - 1]!.tSec) > 0.1) continue;
          if (Math.abs(srcT[i]! - src.nn.ibiMs[i]! / 1000 - srcT[h]!) > 0.01) continue;
          dLive += (nn[k]!.ibiMs! - nn[k - 1]!.ibiMs!) ** 2;
          dSrc += (src.nn.ibiMs[i]! - src.nn.ibiMs[h]!) ** 2;
          pairs++;
        }
        const matched = match.filter((i) => i >= 0).length;
        assert.ok(matched >= 0.85 * srcT.length, `${matched} of the source's ${srcT.length} NN intervals stored`);
        const live = Math.sqrt(dLive / pairs);
        const offline = Math.sqrt(dSrc / pairs);
        assert.ok(pairs >= 0.75 * srcT.length, `${pairs} successive differences in common (source: ${srcT.length} NN intervals)`);
        assert.ok(Math.abs(live - offline) <= 0.03 * offline, `RMSSD live ${live.toFixed(2)} vs source ${offline.toFixed(2)} ms over ${pairs} common differences`);
        console.log(`# ${device} ${rateHz} Hz: unusable ${result.signal.unusablePct} / ${src.signal.unusablePct} %, RMSSD ${live.toFixed(2)} / ${offline.toFixed(2)} ms over ${pairs} common differences (${nn.length} / ${srcT.length} NN), ${garbledUnits} garbled units, ${a.okStored}/${a.okSent} intact stored (${a.okStoredInPlace} in place, worst shift ${a.worstShift})`);
      } finally {
        storage.close();
      }
    });
  }

  test('a real recording at a drifting rate: live NN, HR and RMSSD = the stored session\'s offline analysis', async () => {
    const rec = await recordFrom({ device: 'pulsesensor-processing', rateHz: 49.8, driftPerMin: 0.004, ppgCsv: RECORDING, seed: 3 }, 90);
    const storage = openStorage(rec.db);
    try {
      const { result } = analyzeStoredSession(storage, rec.sessionId);
      const nn = storage.beats.list(rec.sessionId).filter((b) => b.ibiMs !== null);
      assert.equal(nn.length, result.nn.ibiMs.length, 'as many NN intervals live as offline');
      nn.forEach((b, i) => assert.ok(Math.abs(b.ibiMs! - result.nn.ibiMs[i]!) < 0.01, `NN ${i}: ${b.ibiMs} vs ${result.nn.ibiMs[i]}`));
      // The stored beats are the offline beats (detections at the same times, and the same inserted ones).
      const stored = storage.beats.list(rec.sessionId).filter((b) => (b.flags & 16) === 0);
      const offBeats = Array.from(result.beats.tSec);
      const firstDiff = stored.findIndex((b, i) => !(Math.abs(b.tSec - (offBeats[i] ?? Infinity)) < 1e-3));
      const around = (i: number): string => `stored ${JSON.stringify(stored.slice(Math.max(0, i - 2), i + 3).map((b) => [b.tSec, b.flags]))} vs offline ${JSON.stringify(offBeats.slice(Math.max(0, i - 2), i + 3))}`;
      assert.equal(stored.length, offBeats.length, `${stored.length} stored beats vs ${offBeats.length} offline; first difference at ${firstDiff}: ${around(firstDiff < 0 ? stored.length : firstDiff)}; last stored ${JSON.stringify(stored.slice(-2).map((b) => [b.tSec, b.flags]))}, last offline ${JSON.stringify(offBeats.slice(-2))}; stderr: ${rec.stderr}`);
      assert.equal(firstDiff, -1, `beat ${firstDiff}: ${around(firstDiff)}; stderr: ${rec.stderr}`);
      // Live metrics (once a second, over the last 64 s, final + provisional beats) vs the offline NN.
      const hr = storage.metrics.series(rec.sessionId, 'hr');
      const rm = storage.metrics.series(rec.sessionId, 'rmssd');
      let hrOk = 0;
      let hrConfirmed = 0;
      let hrN = 0;
      let rmOk = 0;
      let rmN = 0;
      const t = result.nn.tSec;
      const v = result.nn.ibiMs;
      for (let k = 0; k < rm.tSec.length; k++) {
        const now = rm.tSec[k]!;
        const live = rm.value[k];
        const idx = t.map((x, i) => (x >= now - 64 && x <= now ? i : -1)).filter((i) => i >= 0);
        if (idx.length < 20 || live === null || live === undefined) continue;
        const off = rmssdOf(idx.map((i) => v[i]!), idx.map((i) => t[i]!));
        rmN++;
        if (Math.abs(live - off) <= 0.05 * off) rmOk++;
      }
      for (let k = 0; k < hr.tSec.length; k++) {
        const now = hr.tSec[k]!;
        const live = hr.value[k];
        let i = t.length - 1;
        while (i >= 0 && t[i]! > now) i--;
        if (i < 0 || live === null || live === undefined || now - t[i]! > 3) continue;
        hrN++;
        if (Math.abs(live - 60000 / v[i]!) <= 1) hrOk++;
        // Else the interval of a beat before the newest (its own interval not judged yet).
        let j = i;
        while (j >= 0 && now - t[j]! <= 3 && Math.abs(live - 60000 / v[j]!) > 1) j--;
        if (j >= 0 && now - t[j]! <= 3) hrConfirmed++;
      }
      assert.ok(rmN >= 20 && hrN >= 60, `${rmN} RMSSD / ${hrN} HR points compared`);
      assert.ok(rmOk / rmN >= 0.95, `live RMSSD within 5 % of offline on ${rmOk}/${rmN} seconds`);
      // Live HR is the newest interval the correction has judged: an interval the offline analysis
      // gives too (within 1 bpm), of the newest beat or, while that beat waits for the neighbours
      // its correction needs, of one just before it.
      assert.ok(hrConfirmed / hrN >= 0.97, `live HR = an offline NN interval of the last 3 s on ${hrConfirmed}/${hrN} seconds`);
      assert.ok(hrOk / hrN >= 0.8, `live HR = the newest offline NN interval on ${hrOk}/${hrN} seconds`);
      console.log(`# drifting: RMSSD ${rmOk}/${rmN}, HR ${hrOk}/${hrN} seconds the newest interval, ${hrConfirmed}/${hrN} an offline interval of the last 3 s`);
    } finally {
      storage.close();
    }
  });


  test('a device that sends nothing: a clear error after 10 s of no data, exit non-zero, no complete session', async () => {
    const pair = await PtyPair.start(join(dir, 'ttySILENT'), join(dir, 'ttySILENTDEV'));
    const db = join(dir, 'silent.sqlite');
    try {
      const r = await runCli(['record', '--sensor', `serial:${join(dir, 'ttySILENT')}?protocol=pulsesensor`, '--seconds', '60', '--db', db, '--json'], { timeoutMs: 60_000 });
      assert.notEqual(r.code, 0, r.stdout);
      assert.match(r.stderr, /no data/i);
      assert.equal(r.stdout.trim(), '', 'no JSON result for a failed recording');
      const storage = openStorage(db);
      try {
        const complete = storage.sessions.list().filter((s) => s.status === 'complete');
        assert.deepEqual(complete, [], 'no empty session stored as complete');
      } finally {
        storage.close();
      }
    } finally {
      await pair.kill();
    }
  });
});

// One hog test at a time (each brings its own two busy processes).
describe('cadans record under a CPU hog', { skip: SKIP }, () => {
  for (const [device, rateHz, worstMs, within1Share] of HOG_DEVICES) {
    test(`under a CPU hog (two busy processes) an 800 ms pulse from ${device} at ${rateHz} Hz is stored as the offline analysis of the exact samples sent`, async () => {
      const hogs: ChildProcess[] = [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
      let rec: Recorded;
      try {
        rec = await recordFrom({ device, rateHz, ibiMs: [800], seed: 11 }, 60);
      } finally {
        for (const h of hogs) h.kill('SIGKILL');
      }
      const storage = openStorage(rec.db);
      try {
        const { segments } = analyzeStoredSession(storage, rec.sessionId);
        const stored = segments.flatMap((g) => Array.from(g.values));
        const a = alignStored(stored, rec.truth.samples);
        assert.equal(a.okStoredInPlace, a.okSent, 'every sample in its place under load');
        const src = analyzeSource(rec.truth, a.offset, stored.length);
        const nn = storage.beats.list(rec.sessionId).filter((b) => b.ibiMs !== null).map((b) => b.ibiMs!);
        assert.equal(nn.length, src.nn.ibiMs.length);
        const dPath = Math.max(...nn.map((x, i) => Math.abs(x - src.nn.ibiMs[i]!)));
        // The path's only freedom is the rate estimated from host arrival times: ≤ 0.75 ms is ≤ 0.1 % of 800 ms
        // (typically ≤ 0.2 ms with two hogs; 0.505 ms once in CI with the phase's other tests beside
        // the hogs, and up to 0.65 ms with a load of 15 on 2 cores). What the device's intervals may
        // do in all (issue 10's figure for the CMS50) is asserted below.
        assert.ok(dPath < 0.75, `the timing path adds ${dPath.toFixed(3)} ms to the exact samples' intervals`);
        const mean = nn.reduce((s, x) => s + x, 0) / nn.length;
        const worst = Math.max(...nn.map((x) => Math.abs(x - 800)));
        const within1 = nn.filter((x) => Math.abs(x - 800) <= 1).length / nn.length;
        assert.ok(Math.abs(mean - 800) < 0.3, `mean ${mean.toFixed(3)} ms`);
        // The rest is the detector's resolution at 49 Hz on what the board sends: the sketch prints the
        // latest of its 2 ms ADC samples (each printed sample up to 2 ms old) with ±2 counts of noise.
        // The same waveform sampled exactly at 49.3 Hz gives ≤ 0.9 ms (see the closing note of issue 10).
        assert.ok(worst <= worstMs, `worst ${worst.toFixed(2)} ms`);
        assert.ok(within1 >= within1Share, `${(100 * within1).toFixed(0)} % within 1 ms`);
        console.log(`# CPU hog, ${device} ${rateHz} Hz: ${nn.length} intervals, mean ${mean.toFixed(3)} ms, worst ±${worst.toFixed(2)} ms, ${(100 * within1).toFixed(0)} % within 1 ms, path adds ${dPath.toFixed(3)} ms`);
      } finally {
        storage.close();
      }
    });
  }
});
