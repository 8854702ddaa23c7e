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
