/**
 * Polar PMD PPI → frames (shared/sensors/polarPmdPpi.ts): one BeatFrame per usable sample (origin
 * 'ppi', interval, error estimate, HR), blocker and no-contact samples dropped (PPIData.md), a
 * sample's arrival = the notification's minus the intervals after it, contact changes reported.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BeatFrame, SensorFrame, StatusFrame } from '../../../shared/sensors/frames.js';
import { parsePmdDataFrame } from '../../../shared/sensors/polarPmd.js';
import { PmdPpiFramer, ppiContact, ppiUsable, type PmdPpiDataFrame } from '../../../shared/sensors/polarPmdPpi.js';
import { hex } from './hex.js';
import { encodePpi } from './pmdEncode.js';

function ppi(bytes: Uint8Array): PmdPpiDataFrame {
  const f = parsePmdDataFrame(bytes);
  assert.ok(f.ok && f.kind === 'ppi', f.ok ? f.kind : f.error);
  return f as PmdPpiDataFrame;
}
const beats = (fs: SensorFrame[]) => fs.filter((f): f is BeatFrame => f.kind === 'beats');
const contacts = (fs: SensorFrame[]) => fs.filter((f): f is StatusFrame => f.kind === 'status').map((s) => [s.contact, s.notice?.code]);

describe('PmdPpiFramer', () => {
  test('SDK vector: {128 bpm, 32896 ms, blocker} dropped; {0, 1 ms, contact unsupported} kept without HR', () => {
    const fr = new PmdPpiFramer();
    const out = fr.push(ppi(hex('03 00 00 00 00 00 00 00 00 00 80 80 80 80 80 FF 00 01 00 01 00 00')), 100);
    assert.deepEqual(beats(out), [{ kind: 'beats', arrivalSec: 100, ibiMs: [1], errorMs: [1], origin: 'ppi', skippedMs: 32896 }]);
    assert.deepEqual(contacts(out), [['ok', undefined], ['unknown', undefined]]);
    assert.deepEqual([fr.accepted, fr.blocked, fr.noContact], [1, 1, 0]);
  });
  test('(S) vector: 60 bpm 800 ± 10 kept, 62 bpm 764 ± 12 blocker dropped; the kept one closed 0.764 s before arrival', () => {
    const fr = new PmdPpiFramer();
    const out = fr.push(ppi(hex('03 00 00 00 00 00 00 00 00 00 3C 20 03 0A 00 06 3E FC 02 0C 00 07')), 50);
    assert.deepEqual(beats(out), [{ kind: 'beats', arrivalSec: 50 - 0.764, ibiMs: [800], errorMs: [10], hrBpm: 60, origin: 'ppi' }]);
    assert.deepEqual(contacts(out), [['ok', undefined]], 'contact reported once while it stays the same');
  });
  test('no skin contact (supported) → dropped with finger-out; contact back → ok; reset() reports the state again', () => {
    const fr = new PmdPpiFramer();
    const a = fr.push(ppi(encodePpi([{ hr: 61, ppMs: 805, errMs: 9, flags: 0b100 }, { hr: 63, ppMs: 810, errMs: 7, flags: 0b110 }])), 10);
    assert.deepEqual(contacts(a), [['off', 'finger-out'], ['ok', undefined]]);
    assert.deepEqual(beats(a).map((b) => [b.ibiMs[0], b.arrivalSec]), [[810, 10]]);
    assert.equal(fr.noContact, 1);
    assert.deepEqual(contacts(fr.push(ppi(encodePpi([{ hr: 63, ppMs: 800, errMs: 7, flags: 0b110 }])), 11)), []);
    fr.reset();
    assert.deepEqual(contacts(fr.push(ppi(encodePpi([{ hr: 63, ppMs: 800, errMs: 7, flags: 0b110 }])), 12)), [['ok', undefined]]);
  });
  test('arrival of each sample: the notification arrival minus the later intervals (dropped ones included)', () => {
    const fr = new PmdPpiFramer();
    const out = beats(fr.push(ppi(encodePpi([
      { hr: 70, ppMs: 850, errMs: 5, flags: 0b110 },
      { hr: 70, ppMs: 860, errMs: 5, flags: 0b111 },
      { hr: 71, ppMs: 840, errMs: 5, flags: 0b110 },
      { hr: 71, ppMs: 830, errMs: 5, flags: 0b110 },
    ])), 20));
    assert.deepEqual(out.map((b) => b.ibiMs[0]), [850, 840, 830]);
    assert.deepEqual(out.map((b) => b.skippedMs), [undefined, 860, undefined], 'the dropped 860 ms still passed before the 840');
    const expected = [20 - (860 + 840 + 830) / 1000, 20 - 0.83, 20];
    out.forEach((b, k) => assert.ok(Math.abs(b.arrivalSec - expected[k]!) < 1e-12, `${b.arrivalSec} vs ${expected[k]}`));
  });
  test('ppiContact / ppiUsable', () => {
    const s = { hrBpm: 60, ppMs: 800, errorMs: 10, blocker: false, skinContact: true, contactSupported: true };
    assert.equal(ppiContact(s), 'ok');
    assert.equal(ppiContact({ ...s, skinContact: false }), 'off');
    assert.equal(ppiContact({ ...s, contactSupported: false, skinContact: false }), 'unknown');
    assert.equal(ppiUsable(s), true);
    assert.equal(ppiUsable({ ...s, blocker: true }), false);
    assert.equal(ppiUsable({ ...s, skinContact: false }), false);
    assert.equal(ppiUsable({ ...s, ppMs: 0 }), false);
  });
});
