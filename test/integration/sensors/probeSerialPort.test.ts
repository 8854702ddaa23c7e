/**
 * probeSerialPort (native-adapters/sensors/probeSerialPort.ts) through real socat PTYs
 * against every device emulator profile. The emulators emulate the baud rate: they read
 * the app end's speed with `stty` and garble both directions as a UART would when it
 * differs from the device's (PTYs carry no baud rate; parity cannot be seen, as PTYs clear
 * PARENB). So the probe must find the protocol and the baud rate, the sensor count of
 * TwoPulseSensors, and the wake-ups: the ESP32 example only streams after `b`, the CMS50-9
 * only after the start command. Where `stty` cannot read the held port (not root and
 * TIOCEXCL), the emulator cannot tell the baud and only the protocol is checked.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { hasSocat, sleep } from './ptyPair.js';
import { startEmulator } from '../../support/emulators/startEmulator.js';
import type { EmulatorTruth } from '../../support/emulators/deviceEmulator.js';
import { DEVICE_PROFILES, type DeviceProfileId } from '../../support/emulators/deviceProfiles.js';
import { probeSerialPort, type ProbeSerialPortOptions, type ProbeSerialPortResult } from '../../../native-adapters/sensors/probeSerialPort.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian package socat)';

async function probeDevice(device: DeviceProfileId, opts: ProbeSerialPortOptions = {}, silentSec = 0): Promise<{ res: ProbeSerialPortResult; truth: EmulatorTruth }> {
  const emu = await startEmulator({ device, seed: 5, ...(silentSec > 0 ? { pauseAtSec: 0, pauseSec: silentSec } : {}) });
  try {
    // The ESP32 example reads `b` only once its set-up (Wi-Fi) is done, ~3.5 s after start.
    if (device === 'pulsesensor-esp32') await sleep(Math.max(0, emu.startedAtMs + 4000 - Date.now()));
    const res = await probeSerialPort(emu.appPath, opts);
    await sleep(300); // let the probe's last writes (CMS50 stop, ESP32 `x`) reach the emulator
    return { res, truth: await emu.stop() };
  } catch (err) {
    await emu.stop();
    throw err;
  }
}

const EXPECT: Partial<Record<DeviceProfileId, { format: string; sensorCount?: number; wakeUp?: string }>> = {
  'pulsesensor-bpm': { format: 'plotter', sensorCount: 1 },
  'pulsesensor-processing': { format: 'visualizer', sensorCount: 1 },
  'pulsesensor-getting-started': { format: 'signal-text', sensorCount: 1 },
  'pulsesensor-signalcoach': { format: 'bare', sensorCount: 1 },
  'pulsesensor-two': { format: 'multi-plotter', sensorCount: 2 },
  'pulsesensor-esp32': { format: 'bare', sensorCount: 1, wakeUp: 'esp32-b' },
  'cms50-5': { format: 'cms50-5' },
  'cms50-5-4800': { format: 'cms50-5' },
  'cms50-9': { format: 'cms50-9', wakeUp: 'cms50-start' },
};

describe('probeSerialPort over socat PTYs, every emulated device', { skip: SKIP, concurrency: 3 }, () => {
  for (const [device, want] of Object.entries(EXPECT) as [DeviceProfileId, NonNullable<(typeof EXPECT)[DeviceProfileId]>][]) {
    const p = DEVICE_PROFILES[device];
    test(`${device}: ${p.protocol} at ${p.baudRate}${want.wakeUp ? ` after ${want.wakeUp}` : ''}`, async () => {
      const { res, truth } = await probeDevice(device);
      assert.ok(!('error' in res), JSON.stringify(res));
      assert.equal(res.protocol, p.protocol);
      assert.equal(res.format, want.format);
      assert.equal(res.sensorCount, want.sensorCount);
      assert.equal(res.wakeUp, want.wakeUp);
      if (truth.baudEmulation?.errors === 0) {
        assert.equal(res.baudRate, p.baudRate);
        assert.equal(res.parity, p.parity === 'odd' ? 'odd' : 'none');
      }
      if (device === 'cms50-9') {
        assert.deepEqual(truth.commands.map((c) => c.command).slice(0, 1), ['A1 start live'], 'streams only after the start command');
        assert.ok(truth.commands.some((c) => c.command === 'A2 stop live'), 'stopped again after the probe');
      }
      if (device === 'pulsesensor-esp32') assert.equal(truth.streams.length, 1, 'streams only after b');
    });
  }

  test('a sketch that starts streaming late (a slow boot loader) is not taken for the ESP32 example woken by `b`', async () => {
    // Silent through the probe's passive window, then streaming while the probe sends `b`: it
    // keeps streaming after the probe's `x`, so nothing has to be sent to start it.
    const { res, truth } = await probeDevice('pulsesensor-signalcoach', {}, 2);
    assert.ok(!('error' in res), JSON.stringify(res));
    assert.equal(res.protocol, 'pulsesensor');
    assert.equal(res.wakeUp, undefined, JSON.stringify(res));
    assert.ok(truth.samples.length > 0);
  });

  test('pulsesensor-begin-failed: an error that says begin() failed', async () => {
    const { res } = await probeDevice('pulsesensor-begin-failed');
    assert.ok('error' in res && /begin\(\) failed/.test(res.error), JSON.stringify(res));
  });

  test('a CP210x hint tries the CMS50 settings right after 115200', async () => {
    const { res, truth } = await probeDevice('cms50-5', { usbHint: { vendorId: '10c4', productId: 'ea60' } });
    assert.ok(!('error' in res), JSON.stringify(res));
    assert.equal(res.protocol, 'cms50-5');
    if (truth.baudEmulation?.errors === 0) {
      assert.equal(res.baudRate, 19200);
      assert.deepEqual(truth.baudEmulation.speedsSeen.filter((s) => s !== 38400), [115200, 19200], 'no other speed tried');
    }
  });
});
