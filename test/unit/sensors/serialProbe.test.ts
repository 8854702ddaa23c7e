/**
 * Probe scoring (shared/sensors/serialProbe.ts) on the bytes the device emulators send,
 * at the right and at wrong baud rates (uartResample), and the candidate order from USB
 * ids; plus probeSerialPort's control flow through an injected fake port driven by the
 * emulator core (no assertion on durations).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { scoreProbe, orderCandidates, bestScore, DEFAULT_PROBE_CANDIDATES, type ProbeProtocol } from '../../../shared/sensors/serialProbe.js';
import { probeSerialPort } from '../../../native-adapters/sensors/probeSerialPort.js';
import { DeviceEmulator } from '../../support/emulators/deviceEmulator.js';
import { DEVICE_PROFILES, DEVICE_PROFILE_IDS, type DeviceProfileId } from '../../support/emulators/deviceProfiles.js';
import { uartResample } from '../../support/emulators/uartMismatch.js';
import { EmulatedPort } from '../../support/emulators/emulatedPort.js';

const PROTOCOLS: ProbeProtocol[] = ['pulsesensor', 'cms50-5', 'cms50-9'];

/** 1.2 s of what the device sends once streaming (after 2 s, past boot and burst). */
function window(device: DeviceProfileId, seed = 1): Uint8Array {
  const e = new DeviceEmulator({ device, seed });
  if (device === 'cms50-9') e.hostInput(Uint8Array.of(0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80), 0);
  if (device === 'pulsesensor-esp32') e.hostInput(Uint8Array.of(0x62), 0);
  const start = device === 'pulsesensor-esp32' ? 4 : 2;
  e.advance(start);
  e.takeDue(start);
  e.advance(start + 1.2);
  return e.takeDue(start + 1.2) ?? new Uint8Array(0);
}

describe('scoreProbe on emulated devices', () => {
  for (const device of DEVICE_PROFILE_IDS.filter((d) => d !== 'pulsesensor-begin-failed')) {
    const p = DEVICE_PROFILES[device];
    test(`${device}: clean only as ${p.protocol}, and only at ${p.baudRate} baud`, () => {
      const bytes = window(device);
      const right = scoreProbe(bytes, p.protocol, 1.2, p.baudRate, p.parity);
      assert.ok(right.clean, JSON.stringify(right));
      assert.ok(right.score > 0.9 && right.badFraction < 0.05, JSON.stringify(right));
      if (p.protocol === 'pulsesensor') assert.equal(right.sensorCount, p.sensorCount);
      for (const other of PROTOCOLS.filter((x) => x !== p.protocol)) {
        const s = scoreProbe(bytes, other, 1.2, p.baudRate);
        assert.ok(!s.clean && s.score < 0.2, `${other}: ${JSON.stringify(s)}`);
      }
      for (const baud of [4800, 9600, 19200, 115200, 250000].filter((b) => b !== p.baudRate)) {
        const heard = uartResample(bytes, { baudRate: p.baudRate, parity: p.parity }, { baudRate: baud });
        for (const proto of PROTOCOLS) {
          const s = scoreProbe(heard, proto, 1.2, baud);
          assert.ok(!s.clean, `${device} heard at ${baud} as ${proto}: ${JSON.stringify(s)}`);
        }
      }
    });
  }

  test('ESP32 before `b`: banner and beat lines, no samples → not clean; begin() failed → error lines', () => {
    const e = new DeviceEmulator({ device: 'pulsesensor-esp32' });
    e.advance(12);
    const s = scoreProbe(e.takeDue(12)!, 'pulsesensor', 12, 115200);
    assert.equal(s.records, 0);
    assert.ok(!s.clean && s.infoLines! >= 6 && s.beatLines! >= 8, JSON.stringify(s));
    const bf = DeviceEmulator.render({ device: 'pulsesensor-begin-failed', durationSec: 1.2 });
    const f = scoreProbe(bf.bytes, 'pulsesensor', 1.2, 115200);
    assert.ok(!f.clean && f.records === 0 && f.errorLines! >= 10 && f.badFraction === 0, JSON.stringify(f));
  });

  test('silence and a wrong rate are not clean; bestScore prefers clean', () => {
    assert.equal(scoreProbe(new Uint8Array(0), 'cms50-5', 1.2, 19200).clean, false);
    const bytes = window('cms50-5');
    const slow = scoreProbe(bytes, 'cms50-5', 3, 19200); // the same bytes over 3 s: 24 packets/s
    assert.ok(!slow.clean);
    const good = scoreProbe(bytes, 'cms50-5', 1.2, 19200);
    assert.equal(bestScore([slow, good]), good);
  });
});

describe('orderCandidates from USB ids (ids only order; every candidate stays)', () => {
  const order = (vendorId?: string, productId?: string) => orderCandidates(vendorId ? { vendorId, productId } : undefined).map((c) => `${c.baudRate}${c.parity === 'odd' ? '8O1' : ''}`);
  test('CP210x (CMS50 cable or ESP32 board), Arduino-like, native ESP32-S3, unknown', () => {
    assert.deepEqual(order('10c4', 'ea60'), ['115200', '192008O1', '4800', '250000', '9600']);
    assert.deepEqual(order('0x10C4', 'EA60'), order('10c4', 'ea60'));
    for (const [v, p] of [['2341', '0043'], ['1a86', '7523'], ['1a86', '55d4'], ['0403', '6001']]) assert.deepEqual(order(v, p), ['115200', '250000', '9600', '192008O1', '4800']);
    assert.equal(order('303a', '1001')[0], '115200');
    assert.deepEqual(order(), ['115200', '250000', '192008O1', '9600', '4800']);
    assert.deepEqual(order('dead', 'beef'), order());
    assert.equal(orderCandidates({ vendorId: '10c4', productId: 'ea60' }).length, DEFAULT_PROBE_CANDIDATES.length);
  });
});

describe('probeSerialPort control flow (fake port)', () => {
  async function probe(device: DeviceProfileId, startSec: number) {
    const emu = new DeviceEmulator({ device, seed: 2 });
    const log: string[] = [];
    const ports: EmulatedPort[] = [];
    const t0 = performance.now();
    const clock = () => startSec + (performance.now() - t0) / 1000;
    const res = await probeSerialPort('/dev/fake', {
      listenMs: 1000, // long enough that a timer delayed by a busy CPU cannot skew the rate
      settleMs: 50,
      createPort: (o) => {
        const p = new EmulatedPort(emu, o, clock, log);
        ports.push(p);
        return p;
      },
    });
    return { res, log, ports, truth: emu.truth() };
  }

  test('cms50-9: start command sent, found with wakeUp cms50-start, stopped again (A2)', async () => {
    const { res, ports, truth } = await probe('cms50-9', 0);
    assert.ok(!('error' in res), JSON.stringify(res));
    assert.equal(res.protocol, 'cms50-9');
    assert.equal(res.wakeUp, 'cms50-start');
    const w = ports[0].written;
    assert.deepEqual(w.slice(0, 9), [0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]);
    assert.deepEqual(w.slice(-9 - 1, -1), [0x7d, 0x81, 0xa2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]);
    assert.ok(truth.commands.some((c) => c.command === 'A2 stop live'));
  });

  test('a PulseSensor at 115200 is found without any write; TwoPulseSensors at 250000 with 2 sensors', async () => {
    const a = await probe('pulsesensor-processing', 2);
    assert.ok(!('error' in a.res));
    assert.deepEqual([a.res.protocol, a.res.baudRate, a.res.wakeUp, a.res.format], ['pulsesensor', 115200, undefined, 'visualizer']);
    assert.deepEqual(a.ports[0].written, []);
    const b = await probe('pulsesensor-two', 2);
    assert.ok(!('error' in b.res));
    assert.deepEqual([b.res.protocol, b.res.baudRate, b.res.sensorCount], ['pulsesensor', 250000, 2]);
    assert.deepEqual(b.log, ['open 115200', 'open 250000']);
  });

  test('a port that cannot be opened, and a silent one', async () => {
    const missing = await probeSerialPort('/dev/none', {
      createPort: () => {
        throw new Error('Error: No such file or directory, cannot open /dev/none');
      },
    });
    assert.ok('error' in missing && /does not exist/.test(missing.error));
    const emu = new DeviceEmulator({ device: 'cms50-9' }); // never started: silent
    const silent = await probeSerialPort('/dev/fake', {
      listenMs: 200,
      settleMs: 20,
      candidates: DEFAULT_PROBE_CANDIDATES.slice(0, 2),
      createPort: (o) => {
        const p = new EmulatedPort(emu, o, () => 0);
        p.write = (_d, cb) => (setImmediate(() => cb?.(null)), true); // the device does not listen either
        return p;
      },
    });
    assert.ok('error' in silent && /no data/.test(silent.error), JSON.stringify(silent));
  });
});
