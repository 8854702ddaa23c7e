import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PulseSensorDecoder } from '../../../shared/sensors/pulseSensorLines.js';
import { ascii } from './hex.js';

describe('PulseSensorDecoder (sensor-protocols §3 vectors)', () => {
  test('S512 / B72 / Q833 / 72,833,530 / Signal 530', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('S512\r\n')), [{ kind: 'signal', sensor: 0, value: 512 }]);
    assert.deepEqual(d.push(ascii('B72\r\n')), [{ kind: 'bpm', sensor: 0, bpm: 72 }]);
    assert.deepEqual(d.push(ascii('Q833\r\n')), [{ kind: 'ibi', sensor: 0, ibiMs: 833 }]);
    assert.deepEqual(d.push(ascii('72,833,530\r\n')), [{ kind: 'plotter', bpm: 72, ibiMs: 833, signal: 530 }]);
    assert.deepEqual(d.push(ascii('Signal 530\r\n')), [{ kind: 'signal', sensor: 0, value: 530 }]);
    assert.deepEqual(d.stats, { bytes: 41, records: 5, lines: 5, badLines: 0 });
  });
  test('bare values and \\n-only line ends', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('530\n531\n')), [
      { kind: 'signal', sensor: 0, value: 530 },
      { kind: 'signal', sensor: 0, value: 531 },
    ]);
  });
  test('partial lines across chunks, split inside \\r\\n', () => {
    const d = new PulseSensorDecoder();
    const text = 'S500\r\nS510\r\nB70\r\nQ857\r\nS520\r\n';
    const got = [];
    for (let i = 0; i < text.length; i += 3) got.push(...d.push(ascii(text.slice(i, i + 3))));
    assert.deepEqual(got, [
      { kind: 'signal', sensor: 0, value: 500 },
      { kind: 'signal', sensor: 0, value: 510 },
      { kind: 'bpm', sensor: 0, bpm: 70 },
      { kind: 'ibi', sensor: 0, ibiMs: 857 },
      { kind: 'signal', sensor: 0, value: 520 },
    ]);
    // a single byte at a time
    const d2 = new PulseSensorDecoder();
    const got2 = [];
    for (const ch of text) got2.push(...d2.push(ascii(ch)));
    assert.deepEqual(got2, got);
  });
  test('multi-sensor visualizer: a/b signals, A/B BPM, M/N IBI; B is sensor 1 BPM', () => {
    const d = new PulseSensorDecoder({ sensorCount: 2 });
    assert.deepEqual(d.push(ascii('a500\r\nb600\r\nA70\r\nB80\r\nM857\r\nN750\r\nc1\r\nS5\r\n')), [
      { kind: 'signal', sensor: 0, value: 500 },
      { kind: 'signal', sensor: 1, value: 600 },
      { kind: 'bpm', sensor: 0, bpm: 70 },
      { kind: 'bpm', sensor: 1, bpm: 80 },
      { kind: 'ibi', sensor: 0, ibiMs: 857 },
      { kind: 'ibi', sensor: 1, ibiMs: 750 },
      // lost markers: c1 looks like a sample line (1 sample lost); S5 is no line of a
      // 2-sensor sketch at all, so it is counted by its length (1)
      { kind: 'lost', count: 1 },
      { kind: 'lost', count: 1 },
    ]);
    assert.equal(d.stats.badLines, 2, 'c1 (sensor 3 of 2) and S5 are not valid with 2 sensors');
  });
  test('multi-sensor plotter s0,s1 and single-sensor plotter are told apart by sensor count', () => {
    const d = new PulseSensorDecoder({ sensorCount: 2 });
    assert.deepEqual(d.push(ascii('512,600\r\n')), [{ kind: 'signals', values: [512, 600] }]);
    // 3 fields where 2 are expected: most likely two merged lines → 2 samples lost
    assert.deepEqual(d.push(ascii('72,833,530\r\n')), [{ kind: 'lost', count: 2 }]);
    const one = new PulseSensorDecoder();
    assert.deepEqual(one.push(ascii('512,600\r\n')), [], 'no lost markers before the first good line');
    assert.equal(one.stats.badLines, 1);
  });
  test('! error lines become error records', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('!PulseSensor.begin() failed\r\n')), [{ kind: 'error', message: 'PulseSensor.begin() failed' }]);
  });
  test('garbage lines are counted, not thrown; overlong runs are bounded', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('hello world\r\nS12x\r\n,,,\r\n\r\n')), []);
    assert.equal(d.stats.badLines, 3);
    assert.equal(d.stats.lines, 3);
    const junk = new Uint8Array(10_000).fill(0x41);
    d.push(junk);
    assert.ok(d.bufferedBytes <= 128);
    assert.ok(d.stats.badLines >= 4);
    // recovers at the next newline
    assert.deepEqual(d.push(ascii('\nS1\n')), [{ kind: 'signal', sensor: 0, value: 1 }]);
  });
  test('reset clears partial line and counters', () => {
    const d = new PulseSensorDecoder();
    d.push(ascii('S12'));
    d.reset();
    assert.deepEqual(d.push(ascii('3\n')), [{ kind: 'signal', sensor: 0, value: 3 }]);
    assert.equal(d.stats.bytes, 2);
  });
});

/**
 * Vectors of each official sketch's output (WorldFamousElectronics/PulseSensorPlayground,
 * examples/… and src/utility/PulseSensorSerialOutput.cpp; every value ends with println's `\r\n`).
 */
describe('PulseSensorDecoder: the official sketches', () => {
  const kinds = (rs: { kind: string }[]) => rs.map((r) => r.kind);
  test('PulseSensor_BPM, SERIAL_PLOTTER: BPM 0 / IBI 750 until the second beat, then the averages', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('0,750,512\r\n0,452,601\r\n85,812,640\r\n')), [
      { kind: 'plotter', bpm: 0, ibiMs: 750, signal: 512 },
      { kind: 'plotter', bpm: 0, ibiMs: 452, signal: 601 },
      { kind: 'plotter', bpm: 85, ibiMs: 812, signal: 640 },
    ]);
    assert.equal(d.format, 'plotter');
  });
  test('PulseSensor_BPM, PROCESSING_VISUALIZER: S per sample, B then Q after the S line of a beat', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('S600\r\nB85\r\nQ812\r\nS640\r\n')), [
      { kind: 'signal', sensor: 0, value: 600 },
      { kind: 'bpm', sensor: 0, bpm: 85 },
      { kind: 'ibi', sensor: 0, ibiMs: 812 },
      { kind: 'signal', sensor: 0, value: 640 },
    ]);
    assert.equal(d.format, 'visualizer');
  });
  test('PulseSensor_BPM whose begin() failed: bare `!` lines', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(d.push(ascii('!\r\n!\r\n')), [
      { kind: 'error', message: 'PulseSensor begin() failed' },
      { kind: 'error', message: 'PulseSensor begin() failed' },
    ]);
    assert.equal(d.stats.badLines, 0);
  });
  test('GettingStartedProject `Signal 530` and SignalCoachWebSerial bare values', () => {
    const g = new PulseSensorDecoder();
    assert.deepEqual(g.push(ascii('Signal 530\r\nSignal 1023\r\n')), [
      { kind: 'signal', sensor: 0, value: 530 },
      { kind: 'signal', sensor: 0, value: 1023 },
    ]);
    assert.equal(g.format, 'signal-text');
    const c = new PulseSensorDecoder();
    assert.deepEqual(kinds(c.push(ascii('472\r\n472\r\n4095\r\n4096\r\n'))), ['signal', 'signal', 'signal', 'lost'], '4096 is beyond a 12-bit ADC');
    assert.equal(c.format, 'bare');
  });
  test('TwoPulseSensors_On_OneArduino `s0,s1` (250000 baud): sensor count given or detected', () => {
    const two = new PulseSensorDecoder({ sensorCount: 2 });
    assert.deepEqual(two.push(ascii('512,600\r\n')), [{ kind: 'signals', values: [512, 600] }]);
    const auto = new PulseSensorDecoder({ sensorCount: 'auto' });
    assert.equal(auto.sensorCount, undefined);
    assert.deepEqual(kinds(auto.push(ascii('512,600\r\n513,602\r\n514,604\r\n'))), ['signals', 'signals', 'signals']);
    assert.equal(auto.sensorCount, 2);
    assert.deepEqual(auto.push(ascii('72,833,530\r\n')), [{ kind: 'lost', count: 2 }], 'once detected, other field counts are bad');
  });
  test("'auto' tells BPM,IBI,Signal from three sensors by the IBI field", () => {
    const one = new PulseSensorDecoder({ sensorCount: 'auto' });
    one.push(ascii('72,833,530\r\n72,833,541\r\n72,833,566\r\n'));
    assert.equal(one.sensorCount, 1);
    const beatBetween = new PulseSensorDecoder({ sensorCount: 'auto' });
    beatBetween.push(ascii('0,600,530\r\n85,705,541\r\n85,705,566\r\n'));
    assert.equal(beatBetween.sensorCount, 1, 'a beat between the first lines changes BPM and IBI once: still BPM,IBI,Signal');
    const three = new PulseSensorDecoder({ sensorCount: 'auto' });
    three.push(ascii('512,600,490\r\n520,611,480\r\n530,626,475\r\n'));
    assert.equal(three.sensorCount, 3);
    const multi = new PulseSensorDecoder({ sensorCount: 'auto' });
    assert.deepEqual(multi.push(ascii('a500\r\nb600\r\nB80\r\nN750\r\n')), [
      { kind: 'signal', sensor: 0, value: 500 },
      { kind: 'signal', sensor: 1, value: 600 },
      { kind: 'bpm', sensor: 1, bpm: 80 },
      { kind: 'ibi', sensor: 1, ibiMs: 750 },
    ]);
    assert.equal(multi.sensorCount, 2);
  });
  test('PulseSensor_ESP32: banner and menu (info), `72 bpm` beat lines, bare values after `b`', () => {
    const d = new PulseSensorDecoder();
    const banner =
      'Attempting to connect to SSID ~ ~\nConnected\r\nPulseSensor ESP32 Example\r\n\nPulseSensor Server url: 192.168.1.172\r\n' +
      "Send 'b' to begin sending PulseSensor signal data\r\nSend 'x' to stop sending PulseSensor signal data\r\nSend '?' to print this message\r\n";
    const out = d.push(ascii(banner + '72 bpm\r\n73 bpm\r\n'));
    assert.deepEqual(kinds(out), ['info', 'info', 'info', 'info', 'info', 'info', 'info', 'bpm', 'bpm']);
    assert.deepEqual(out[7], { kind: 'bpm', sensor: 0, bpm: 72 });
    assert.equal(d.stats.badLines, 0);
    assert.deepEqual(d.push(ascii('512\r\n530\r\n')), [
      { kind: 'signal', sensor: 0, value: 512 },
      { kind: 'signal', sensor: 0, value: 530 },
    ]);
  });
});
