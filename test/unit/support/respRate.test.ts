import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RespReference, respRateSeries } from '../../support/respRate.js';
import { loadRecording } from '../../support/loadRecording.js';

function breathing(fsHz: number, durSec: number, rateBpmAt: (t: number) => number): Float64Array {
  const x = new Float64Array(Math.round(durSec * fsHz));
  let phase = 0;
  let seed = 9;
  for (let i = 0; i < x.length; i++) {
    const t = i / fsHz;
    phase += (2 * Math.PI * rateBpmAt(t)) / 60 / fsHz;
    seed = (seed * 48271) % 2147483647;
    x[i] = Math.sin(phase) + 0.3 * Math.sin(2 * phase + 1) + 0.002 * t + 0.2 * (seed / 2147483647 - 0.5);
  }
  return x;
}

test('steady breathing: the rate is found to within 0.1 breaths/min', () => {
  for (const rate of [6, 12, 18, 30]) {
    const ref = new RespReference(breathing(100, 130, () => rate), 100);
    const r = ref.rateAt(100);
    assert.ok(r !== null && Math.abs(r - rate) < 0.1, `${r} vs ${rate}`);
  }
});

test('trailing windows follow a rate change; windows outside the signal or with NaN give null', () => {
  const x = breathing(125, 300, (t) => (t < 150 ? 15 : 7.5));
  const s = respRateSeries(x, 125, 10);
  const at = (t: number): number | null => s.rateBpm[s.tSec.indexOf(t)] ?? null;
  assert.ok(Math.abs(at(144)! - 15) < 0.2);
  assert.ok(Math.abs(at(294)! - 7.5) < 0.2);
  const ref = new RespReference(x, 125);
  assert.equal(ref.rateAt(30), null);
  assert.equal(ref.rateAt(400), null);
  x.fill(NaN, 125 * 20, 125 * 21); // a second of lost samples
  const withGap = new RespReference(x, 125);
  assert.equal(withGap.rateAt(70), null);
  assert.ok(Math.abs(withGap.rateAt(120)! - 15) < 0.2, 'windows without the gap still work');
});

test('real belt (NeuroKit resting) and impedance (BIDMC) signals give plausible rates', () => {
  for (const name of ['neurokit_resting_5min_100hz.csv', 'bidmc01_125hz.csv']) {
    const rec = loadRecording(name);
    assert.ok(rec.resp);
    const s = respRateSeries(rec.resp, rec.fsHz, 5);
    const rates = s.rateBpm.filter((r): r is number => r !== null);
    assert.ok(rates.length > 10);
    assert.ok(rates.every((r) => r >= 4 && r <= 40), `${name}: ${rates.map((r) => r.toFixed(1)).join(' ')}`);
  }
});
