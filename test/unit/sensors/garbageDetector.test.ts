import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { GarbageDetector } from '../../../shared/sensors/garbageDetector.js';
import { Cms50Decoder9 } from '../../../shared/sensors/cms50.js';
import { PulseSensorDecoder } from '../../../shared/sensors/pulseSensorLines.js';
import { hex, ascii } from './hex.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('GarbageDetector', () => {
  test('good CMS50-9 stream → ok; random bytes → garbage within 3 s', () => {
    const good = new Cms50Decoder9();
    const det = new GarbageDetector();
    const pkt = hex('01 E0 85 B3 96 C1 E1 FF FF');
    let v = det.update(0, good.stats).verdict;
    for (let i = 1; i <= 30; i++) {
      for (let k = 0; k < 6; k++) good.push(pkt);
      v = det.update(i * 0.1, good.stats).verdict;
    }
    assert.equal(v, 'ok');

    const bad = new Cms50Decoder9();
    const det2 = new GarbageDetector();
    const rnd = prng(1);
    det2.update(0, bad.stats);
    let when = -1;
    for (let i = 1; i <= 30 && when < 0; i++) {
      bad.push(Uint8Array.from({ length: 1152 }, () => Math.floor(rnd() * 256)));
      if (det2.update(i * 0.1, bad.stats).verdict === 'garbage') when = i * 0.1;
    }
    assert.ok(when > 0 && when <= 3, `garbage verdict at ${when} s`);
  });
  test('CMS50-5 bytes read as PulseSensor lines → garbage; silence → no-data', () => {
    const d = new PulseSensorDecoder();
    const det = new GarbageDetector();
    det.update(0, d.stats);
    let verdict = '';
    for (let i = 1; i <= 30; i++) {
      for (let k = 0; k < 6; k++) d.push(hex('C5 3C 06 48 61'));
      verdict = det.update(i * 0.1, d.stats).verdict;
    }
    assert.equal(verdict, 'garbage');

    const quiet = new GarbageDetector();
    const s = new PulseSensorDecoder();
    quiet.update(0, s.stats);
    assert.equal(quiet.update(1, s.stats).verdict, 'pending');
    assert.equal(quiet.update(3.1, s.stats).verdict, 'no-data');
  });
  test('a good line stream with a few bad lines stays ok', () => {
    const d = new PulseSensorDecoder();
    const det = new GarbageDetector();
    det.update(0, d.stats);
    let verdict = '';
    for (let i = 1; i <= 40; i++) {
      d.push(ascii('S512\r\nS513\r\nS514\r\nS515\r\nS516\r\n' + (i % 10 === 0 ? '#$%\r\n' : '')));
      verdict = det.update(i * 0.1, d.stats).verdict;
    }
    assert.equal(verdict, 'ok');
  });
});
