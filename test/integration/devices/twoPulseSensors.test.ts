/**
 * The PulseSensor `TwoPulseSensors_On_OneArduino` example (250000 baud, one column per sensor)
 * through a socat PTY: `serial:<path>` alone finds it; the listing then offers the second sensor
 * as its own entry; both run as separate channels on the one open port, each with its own
 * sensor's samples (checked against what the emulator sent per sensor), and the port closes when
 * the last one disconnects.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceManager } from '../../../main/devices/DeviceManager.js';
import type { SensorListing } from '../../../main/devices/listSensors.js';
import { isSharedOpen } from '../../../native-adapters/sensors/serialPortHub.js';
import { ChannelLog } from '../../support/channelLog.js';
import { hasSocat, startEmulator } from '../../support/emulators/startEmulator.js';
import { sleep } from '../sensors/ptyPair.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';

/** Whether `got` (finite values) appears in order inside `sent`, as a contiguous run. */
function contiguousIn(got: number[], sent: number[]): boolean {
  if (got.length === 0) return false;
  for (let start = sent.indexOf(got[0]!); start >= 0; start = sent.indexOf(got[0]!, start + 1)) {
    if (got.every((v, k) => sent[start + k] === v)) return true;
  }
  return false;
}

describe('two PulseSensors on one Arduino', { skip: SKIP }, () => {
  test('both sensors are offered and run as two channels on the one port, each with its own signal', async () => {
    const emu = await startEmulator({ device: 'pulsesensor-two', rateHz: 49.3, liveTimeoutSec: 60, ibiMs: [800, 820, 790, 850] });
    const mgr = new DeviceManager({ listOptions: { bleScanMs: 0, listSerial: async () => ({ ports: [{ path: emu.appPath }] }) } });
    try {
      const first = await mgr.connect(`serial:${emu.appPath}`, 'left');
      const a = new ChannelLog();
      first.view = a;
      assert.match(first.info.label, /PulseSensor 1 of 2/);
      const listing = (await mgr.listSensors()) as SensorListing;
      const specs = listing.serial.map((s) => s.spec);
      const second = listing.serial.find((s) => /sensor=1/.test(s.spec));
      assert.ok(second, `the second sensor is offered: ${specs.join(', ')}`);
      assert.match(second.label ?? '', /PulseSensor 2 of 2/);
      const ch2 = await mgr.connect(second.spec, 'right');
      const b = new ChannelLog();
      ch2.view = b;
      assert.match(ch2.info.label, /PulseSensor 2 of 2/);
      await sleep(8000);
      await mgr.disconnect('left');
      assert.ok(isSharedOpen(emu.appPath), 'the port stays open for the other sensor');
      await sleep(1000);
      await mgr.disconnect('right');
      assert.equal(isSharedOpen(emu.appPath), false, 'closed with the last one');
      const truth = await emu.stop();
      const ok = truth.samples.filter((s) => s.fate === 'ok' && s.values);
      const sent0 = ok.map((s) => s.values![0]!);
      const sent1 = ok.map((s) => s.values![1]!);
      assert.notDeepEqual(sent0.slice(0, 200), sent1.slice(0, 200), 'the emulator sends two different signals');
      const got0 = a.chunks.flatMap((c) => Array.from(c.values)).filter(Number.isFinite);
      const got1 = b.chunks.flatMap((c) => Array.from(c.values)).filter(Number.isFinite);
      assert.ok(got0.length > 49 * 6 && got1.length > 49 * 4, `${got0.length} / ${got1.length} samples`);
      assert.ok(contiguousIn(got0, sent0), 'channel "left" carries sensor 1, every sample in order');
      assert.ok(contiguousIn(got1, sent1), 'channel "right" carries sensor 2, every sample in order');
      assert.ok(!contiguousIn(got1.slice(0, 100), sent0), 'and not sensor 1');
      // Both channels are timed by their own clock from the same device count.
      for (const log of [a, b]) {
        const fs = log.chunks.at(-1)!.fsHz;
        assert.ok(Math.abs(fs - 49.3) < 0.3, `measured ${fs} Hz`);
        assert.ok(log.detections.length >= 4, `${log.detections.length} beats`);
      }
    } finally {
      await mgr.close();
      await emu.stop().catch(() => undefined);
    }
  });
});
