/**
 * Self-test of the serial device emulator CLI (test/support/emulators/emulateDevice.ts)
 * through real socat PTYs: the truth's sample times have the requested rate, and what
 * the app end reads is every sample that was not dropped, in order; the CMS50-9 profile
 * streams only after the start command and stops when the keep-alives stop; burst
 * replay and pauses deliver what the truth says.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceEnd, hasSocat, sleep } from './ptyPair.js';
import { startEmulator } from '../../support/emulators/startEmulator.js';
import type { EmulatorTruth } from '../../support/emulators/deviceEmulator.js';
import { PulseSensorDecoder } from '../../../shared/sensors/pulseSensorLines.js';
import { Cms50Decoder9 } from '../../../shared/sensors/cms50.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian package socat)';

function decodedValues(app: DeviceEnd): number[] {
  const d = new PulseSensorDecoder();
  const out: number[] = [];
  for (const r of d.push(app.receivedBytes())) {
    if (r.kind === 'plotter') out.push(r.signal);
    else if (r.kind === 'signal') out.push(r.value);
  }
  return out;
}

const okValues = (t: EmulatorTruth) => t.samples.filter((s) => s.fate === 'ok').map((s) => s.value);

describe('emulateDevice through socat PTYs', { skip: SKIP, concurrency: true }, () => {
  test('pulsesensor-bpm at 49.3 Hz, drift 0.002/min, 20 s: rate within 0.05 %, every non-lost sample read in order', async () => {
    let app: DeviceEnd | undefined;
    const emu = await startEmulator({
      device: 'pulsesensor-bpm',
      rateHz: 49.3,
      driftPerMin: 0.002,
      durationSec: 20,
      lost: 0.02,
      seed: 11,
      baudCheck: false,
      beforeStart: (appPath) => void (app = new DeviceEnd(appPath)),
    });
    const truth = await emu.done();
    await sleep(200);
    app!.close();
    const s = truth.samples;
    assert.ok(s.length > 980 && s.length < 990, `${s.length} samples in 20 s`);
    // The requested rate: 49.3 Hz rising by 0.2 %/min, i.e. 49.3 · (1 + 0.002 · t/60) at the middle of the run.
    const span = s[s.length - 1].tSec - s[0].tSec;
    const measured = (s.length - 1) / span;
    const requested = 49.3 * (1 + (0.002 * (s[0].tSec + span / 2)) / 60);
    assert.ok(Math.abs(measured / requested - 1) < 0.0005, `truth rate ${measured} vs ${requested}`);
    const lost = s.filter((x) => x.fate === 'lost').length;
    assert.ok(lost >= 8 && lost <= 35, `${lost} lines dropped`);
    assert.deepEqual(decodedValues(app!), okValues(truth), 'every sample not dropped, in order');
    // Written in real time (not all at once): samples arrive spread over the 20 s.
    const chunks = app!.received;
    const spreadSec = (chunks[chunks.length - 1].atMs - chunks[0].atMs) / 1000;
    assert.ok(spreadSec > 15, `arrivals spread over ${spreadSec} s`);
  });

  test('cms50-9: nothing before the start command; stops after the live timeout without keep-alive', async () => {
    let app: DeviceEnd | undefined;
    const emu = await startEmulator({ device: 'cms50-9', liveTimeoutSec: 2, baudCheck: false, beforeStart: (p) => void (app = new DeviceEnd(p)) });
    await sleep(700);
    assert.equal(app!.received.length, 0, 'silent before A1');
    app!.write(Uint8Array.of(0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80));
    await sleep(3200);
    const truth = await emu.stop();
    app!.close();
    assert.equal(truth.streams.length, 1);
    const st = truth.streams[0];
    assert.ok(st.endSec !== null && Math.abs(st.endSec - st.startSec - 2) < 1e-9, JSON.stringify(st));
    const d = new Cms50Decoder9();
    const pleth = d.push(app!.receivedBytes()).flatMap((r) => (r.kind === 'live' ? [r.pleth] : []));
    assert.deepEqual(pleth, okValues(truth));
    assert.ok(pleth.length >= 115 && pleth.length <= 125, `${pleth.length} packets in 2 s`);
  });

  test('burst replay and a pause: every sent sample arrives, in order', async () => {
    let app: DeviceEnd | undefined;
    const emu = await startEmulator({
      device: 'pulsesensor-processing',
      durationSec: 6,
      burstAtSec: 1,
      burstSec: 1.5,
      pauseAtSec: 4,
      pauseSec: 0.5,
      usbBatchMs: 16,
      baudCheck: false,
      beforeStart: (p) => void (app = new DeviceEnd(p)),
    });
    const truth = await emu.done();
    await sleep(200);
    app!.close();
    assert.ok(truth.samples.filter((s) => s.fate === 'paused').length >= 23);
    assert.ok(truth.samples.some((s) => s.sendSec - s.tSec > 1.4), 'held back during the burst');
    assert.deepEqual(decodedValues(app!), okValues(truth));
  });
});
