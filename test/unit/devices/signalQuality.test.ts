import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignalQualityMonitor, detrendedPeakToPeak, hintFor, stuckSamples, type SignalQualitySecond } from '../../../main/devices/signalQuality.js';
import type { ClockedChunk } from '../../../shared/sensors/channelClock.js';
import { simulatePpg, type SimOptions } from '../../../shared/sim/index.js';

const FS = 100;

/** A clean 10-bit pulse wave: 72 bpm, ~160 counts high, sharp upstroke. */
function pulse(i: number, fs = FS, amp = 160): number {
  const t = i / fs;
  const ph = (t * 1.2) % 1;
  const shape = ph < 0.15 ? ph / 0.15 : Math.exp(-(ph - 0.15) / 0.25);
  return Math.round(450 + amp * shape + 3 * Math.sin(i * 0.7));
}

/** Feed `values` (sample i at i/fs) in frames of `chunk` samples; return every completed second. */
function feed(m: SignalQualityMonitor, values: ArrayLike<number>, fs = FS, chunk = 37, t0 = 0): SignalQualitySecond[] {
  const out: SignalQualitySecond[] = [];
  for (let i = 0; i < values.length; i += chunk) {
    const v = Float32Array.from(Array.from(values).slice(i, i + chunk));
    const f: ClockedChunk = { fsHz: fs, t0Sec: t0 + i / fs, values: v };
    out.push(...m.pushPpg(f));
  }
  return out;
}

const series = (n: number, fn: (i: number) => number) => Array.from({ length: n }, (_, i) => fn(i));
const secs = (qs: SignalQualitySecond[], flag: string) => qs.filter((q) => q.flags.includes(flag as never)).map((q) => q.tSec);

describe('SignalQualityMonitor (PPG)', () => {
  test('a clean pulse: one result per second, no flags, contact ok, the analysis quality passed through', () => {
    const m = new SignalQualityMonitor();
    m.setAnalysisQuality(87);
    const qs = feed(m, series(30 * FS + 1, (i) => pulse(i)));
    assert.deepEqual(qs.map((q) => q.tSec), series(30, (i) => i));
    assert.ok(qs.every((q) => q.flags.length === 0 && q.contact === 'ok' && q.hint === undefined), JSON.stringify(qs.find((q) => q.flags.length)));
    assert.ok(qs.every((q) => q.qualityPct === 87));
  });

  test('clipping: samples stuck at the ADC rail → clipping, hint move-clip, quality capped at 50', () => {
    const m = new SignalQualityMonitor();
    m.setAnalysisQuality(90);
    // 10 s clean, then 10 s where a stronger pulse saturates the 10-bit ADC at 1023.
    const v = series(20 * FS + 1, (i) => (i < 10 * FS ? pulse(i) : Math.min(1023, pulse(i, FS, 700))));
    const qs = feed(m, v);
    assert.deepEqual(secs(qs, 'clipping'), series(10, (i) => 10 + i));
    const q = qs[15]!;
    assert.equal(q.hint, 'move-clip');
    assert.ok(q.qualityPct <= 50);
    assert.ok(qs.slice(0, 10).every((x) => x.flags.length === 0));
  });

  test('clipping at an unknown rail (float data stuck at its all-time maximum)', () => {
    const m = new SignalQualityMonitor();
    const v = series(16 * FS + 1, (i) => {
      const x = Math.sin((2 * Math.PI * 1.2 * i) / FS) + 0.01 * Math.sin(i);
      return i < 8 * FS ? 0.5 * x : Math.min(0.6, 1.5 * x); // stronger pulse saturating at 0.6
    });
    const qs = feed(m, v);
    assert.ok(secs(qs, 'clipping').length >= 6, JSON.stringify(secs(qs, 'clipping')));
    assert.ok(secs(qs, 'clipping').every((t) => t >= 8));
  });

  test('flat line mid-range: flat, hint clip-off, quality 0; recovers when the pulse is back', () => {
    const m = new SignalQualityMonitor();
    m.setAnalysisQuality(95);
    const v = series(30 * FS + 1, (i) => (i >= 10 * FS && i < 20 * FS ? 520 : pulse(i)));
    const qs = feed(m, v);
    assert.deepEqual(secs(qs, 'flat'), series(10, (i) => 10 + i));
    assert.deepEqual(secs(qs, 'no-contact'), [], 'a mid-range flat line is not read as no contact');
    assert.equal(qs[12]!.hint, 'clip-off');
    assert.equal(qs[12]!.qualityPct, 0);
    assert.ok(qs.slice(21).every((q) => q.flags.length === 0));
  });

  test('ear clip off (simulator clip-off: near-dark, a little noise) → no-contact, contact off', () => {
    const sim = simulatePpg({ seed: 4, clipOff: [[12, 20]], motionPerMin: 0 }, 30);
    const m = new SignalQualityMonitor();
    const qs = feed(m, sim.values, sim.fsHz, 50);
    const off = secs(qs, 'no-contact');
    assert.deepEqual(off, series(8, (i) => 12 + i));
    assert.ok(qs.filter((q) => off.includes(q.tSec)).every((q) => q.contact === 'off' && q.hint === 'clip-off' && q.qualityPct === 0));
    assert.ok(qs.filter((q) => q.tSec < 12 || q.tSec >= 21).every((q) => q.flags.length === 0), JSON.stringify(qs.filter((q) => q.flags.length && (q.tSec < 12 || q.tSec >= 21))));
  });

  test('motion: amplitude bursts ≫ the recent median → motion, hint hold-still', () => {
    const m = new SignalQualityMonitor();
    const v = series(30 * FS + 1, (i) => {
      const t = i / FS;
      const burst = t >= 15 && t < 18 ? 500 * Math.sin(2 * Math.PI * 0.8 * t) : 0;
      return Math.round(pulse(i) * 0.5 + 200 + burst * 0.5);
    });
    const qs = feed(m, v);
    const mo = secs(qs, 'motion');
    assert.ok(mo.length >= 2 && mo.every((t) => t >= 15 && t < 18), JSON.stringify(mo));
    assert.equal(qs.find((q) => q.tSec === mo[0])!.hint, 'hold-still');
  });

  test('simulated motion artefacts: flagged seconds lie in the simulator’s motion bursts', () => {
    const opts: Partial<SimOptions> = { seed: 11, motionPerMin: 4 };
    const sim = simulatePpg(opts, 120);
    const m = new SignalQualityMonitor();
    const qs = feed(m, sim.values, sim.fsHz, 64);
    const bursts = sim.truth.artifacts.filter((a) => a.kind === 'motion');
    assert.ok(bursts.length >= 4);
    const flagged = qs.filter((q) => q.flags.includes('motion') || q.flags.includes('clipping'));
    const inBurst = (t: number) => bursts.some((b) => t + 1 > b.startSec && t < b.endSec);
    assert.ok(flagged.length >= 3, `only ${flagged.length} motion seconds`);
    for (const q of flagged) assert.ok(inBurst(q.tSec), `second ${q.tSec} flagged ${q.flags} outside the bursts`);
    const detected = bursts.filter((b) => flagged.some((q) => q.tSec + 1 > b.startSec && q.tSec < b.endSec));
    assert.ok(detected.length >= bursts.length / 2, `${detected.length} of ${bursts.length} bursts detected`);
  });

  test('missing samples (NaN) → no-signal, hint check-connection; seconds skipped by a time jump too', () => {
    const m = new SignalQualityMonitor();
    const v = series(10 * FS, (i) => (i >= 4 * FS && i < 6 * FS ? NaN : pulse(i)));
    const qs = feed(m, v);
    assert.deepEqual(secs(qs, 'no-signal'), [4, 5]);
    assert.equal(qs[4]!.hint, 'check-connection');
    // A frame 3 s after the last data: seconds 10 and 11 had nothing.
    const more = feed(m, series(3 * FS, (i) => pulse(i)), FS, 50, 12);
    assert.deepEqual(more.map((q) => q.tSec), [9, 10, 11, 12, 13]);
    assert.deepEqual(secs(more, 'no-signal'), [10, 11]);
  });

  test('device-reported contact wins and marks no-contact', () => {
    const m = new SignalQualityMonitor();
    feed(m, series(5 * FS, (i) => pulse(i)));
    m.pushContact('off');
    const qs = feed(m, series(3 * FS, (i) => pulse(i)), FS, 50, 5);
    assert.ok(qs.length >= 2);
    assert.ok(qs.filter((q) => q.tSec >= 5).every((q) => q.contact === 'off' && q.flags.includes('no-contact') && q.hint === 'clip-off'));
    m.pushContact('ok');
    const back = feed(m, series(3 * FS, (i) => pulse(i)), FS, 50, 8);
    assert.ok(back.filter((q) => q.tSec >= 8).every((q) => q.contact === 'ok' && q.flags.length === 0));
  });

  test('without analysis a local score: 100 clean, 40 clipping/motion, 0 flat', () => {
    const m = new SignalQualityMonitor({ analysis: false });
    const v = series(25 * FS + 1, (i) => (i < 10 * FS ? pulse(i) : i < 15 * FS ? 1023 : Math.min(1023, pulse(i, FS, 800))));
    const qs = feed(m, v);
    assert.equal(qs[5]!.qualityPct, 100);
    assert.equal(qs[12]!.qualityPct, 0);
    assert.ok(qs[20]!.flags.includes('clipping'));
    assert.equal(qs[20]!.qualityPct, 40);
  });

  test('low analysis quality on an otherwise clean signal → noisy / warm-ear, but not right after another problem', () => {
    const m = new SignalQualityMonitor();
    m.setAnalysisQuality(30);
    const qs = feed(m, series(40 * FS + 1, (i) => (i >= 14 * FS && i < 16 * FS ? 520 : pulse(i))));
    const noisy = secs(qs, 'noisy');
    // Not before 12 s, not within 10 s of the flat stretch (14–15), then from 26 on.
    assert.deepEqual(noisy, [12, 13, ...series(14, (i) => 26 + i)]);
    assert.equal(qs[30]!.hint, 'warm-ear');
  });
});

describe('SignalQualityMonitor (beat intervals)', () => {
  test('intervals every second are fine; a pause of > 3 s is no-signal; implausible intervals are noisy', () => {
    const m = new SignalQualityMonitor({ analysis: false });
    const out: SignalQualitySecond[] = [];
    for (let t = 1; t <= 10; t++) out.push(...m.pushBeats(t + 0.3, [850]));
    // Nothing for 5 s, then an implausible interval mix.
    out.push(...m.pushBeats(15.5, [850, 250, 1900]));
    out.push(...m.pushBeats(16.5, [850]));
    assert.deepEqual(out.map((q) => q.tSec), series(15, (i) => 1 + i));
    assert.ok(out.filter((q) => q.tSec <= 10).every((q) => q.flags.length === 0));
    assert.deepEqual(secs(out, 'no-signal'), [13, 14]);
    assert.deepEqual(secs(out, 'noisy'), [15]);
  });
});

describe('signal quality helpers', () => {
  test('detrendedPeakToPeak ignores a linear drift', () => {
    assert.equal(detrendedPeakToPeak(series(100, (i) => 3 * i)), 0);
    assert.ok(Math.abs(detrendedPeakToPeak(series(100, (i) => 3 * i + (i === 50 ? 10 : 0))) - 10) < 0.5);
  });
  test('stuckSamples counts runs at the given levels only', () => {
    assert.equal(stuckSamples([1, 1023, 1023, 1023, 5, 1023, 1023, 0, 0, 0, 0], [0, 1023], 3), 7);
    assert.equal(stuckSamples([7, 7, 7, 7], [0, 1023], 3), 0);
  });
  test('hintFor: the most important problem wins', () => {
    assert.equal(hintFor(['motion', 'clipping']), 'move-clip');
    assert.equal(hintFor(['flat', 'no-contact']), 'clip-off');
    assert.equal(hintFor(['no-signal']), 'check-connection');
    assert.equal(hintFor([]), undefined);
  });
});
