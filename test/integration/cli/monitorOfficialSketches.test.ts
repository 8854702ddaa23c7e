/**
 * `cadans monitor --sensor serial:<path>` with no protocol option, against emulators that send
 * exactly what the official PulseSensor Playground sketches and the Contec CMS50 oximeters send,
 * at their real (off-nominal) rates, through socat PTYs: the protocol and baud are found by
 * listening, and the stream is decoded into beats at the emulator's heart rate.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasSocat, startEmulator } from '../../support/emulators/startEmulator.js';
import type { DeviceProfileId } from '../../support/emulators/deviceProfiles.js';
import { runCli } from '../../support/runCli.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';

/** Each official output, at a rate a real unit runs at. */
const SKETCHES: [DeviceProfileId, number, RegExp][] = [
  ['pulsesensor-bpm', 49.3, /PulseSensor/],
  ['pulsesensor-processing', 49.8, /PulseSensor/],
  ['pulsesensor-getting-started', 50.25, /PulseSensor/],
  ['pulsesensor-signalcoach', 49.6, /PulseSensor/],
  ['pulsesensor-two', 49.3, /PulseSensor/],
  ['pulsesensor-esp32', 49.6, /PulseSensor/],
  ['cms50-5', 59.7, /CMS50 \(old 5-byte/],
  ['cms50-5-4800', 60.3, /CMS50 \(old 5-byte/],
  ['cms50-9', 60.3, /CMS50 \(new 9-byte/],
];

const IBI_MS = [800, 820, 790, 850, 810, 780, 830, 800, 860, 790];
const HR = 60000 / (IBI_MS.reduce((a, b) => a + b, 0) / IBI_MS.length);

interface MonitorJson {
  durationSec: number;
  beats: number;
  meanHrBpm: number | null;
  sensor: { label: string; protocol?: string; fsHz?: number };
}

describe('cadans monitor finds and decodes every official sketch and both CMS50 protocols', { skip: SKIP, concurrency: 3 }, () => {
  for (const [device, rateHz, label] of SKETCHES) {
    test(`${device} at ${rateHz} Hz`, async () => {
      const emu = await startEmulator({ device, rateHz, ibiMs: IBI_MS, liveTimeoutSec: 120 });
      try {
        const r = await runCli(['monitor', '--sensor', `serial:${emu.appPath}`, '--seconds', '25', '--json'], { timeoutMs: 90_000 });
        assert.equal(r.code, 0, r.stderr);
        const s = JSON.parse(r.stdout) as MonitorJson;
        assert.match(s.sensor.label, label, r.stderr);
        assert.match(r.stderr, /recognised as/, 'the detected protocol is said');
        assert.ok(s.beats >= 20, `${s.beats} beats in 25 s (${r.stderr})`);
        assert.ok(s.meanHrBpm !== null && Math.abs(s.meanHrBpm - HR) < 2, `HR ${s.meanHrBpm} vs ${HR.toFixed(1)}`);
      } finally {
        await emu.stop();
      }
    });
  }
});
