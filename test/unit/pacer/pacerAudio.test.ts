// The audio pacer's samples analysed as a listener would hear them: the loudness envelope (RMS in
// 10 ms windows) has one swell per breath, rising for the in-breath share of it, steady or silent
// in the holds, and no sample-to-sample jump larger than the smooth tone itself makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PACER_AUDIO_AMPLITUDE, PACER_AUDIO_HIGH_HZ, PacerAudioRenderer } from '../../../shared/pacer/pacerAudio.js';
import type { PacerSettings } from '../../../shared/pacer/pacerSettings.js';

const SR = 22050;

function render(settings: PacerSettings, breaths: number, piece = 44100): Int16Array {
  const r = new PacerAudioRenderer(settings, breaths, SR);
  const out = new Int16Array(r.totalSamples);
  let off = 0;
  while (!r.done) {
    const b = r.next(piece);
    out.set(b, off);
    off += b.length;
  }
  assert.equal(off, r.totalSamples);
  return out;
}

const WIN = 220; // ~10 ms: at least two cycles of the lowest pitch
const WIN_SEC = WIN / SR;

/** Loudness envelope: the largest |sample| per window (a window holds whole cycles, so this is the amplitude). */
function envelope(x: Int16Array, win: number): Float64Array {
  const n = Math.floor(x.length / win);
  const e = new Float64Array(n);
  for (let w = 0; w < n; w++) {
    let m = 0;
    for (let i = w * win; i < (w + 1) * win; i++) m = Math.max(m, Math.abs(x[i]!));
    e[w] = m;
  }
  return e;
}

/** Times (s, interpolated) where `e` crosses `level` upward (`up`) or downward. */
function crossings(e: Float64Array, level: number, up: boolean): number[] {
  const out: number[] = [];
  for (let i = 1; i < e.length; i++) {
    const a = e[i - 1]!;
    const b = e[i]!;
    if (up ? a < level && b >= level : a >= level && b < level) out.push((i - 1 + (level - a) / (b - a)) * WIN_SEC);
  }
  return out;
}

/**
 * The swells of the envelope: per swell the 10→90 % rise time and the 90→10 % fall time. For the
 * raised-cosine strokes both are the same share of their stroke, so rise / (rise + fall) is the
 * in-breath's share of the breathing time.
 */
function swells(e: Float64Array): { count: number; rising: number[]; periods: number[] } {
  const peak = Math.max(...e);
  const u10 = crossings(e, 0.1 * peak, true);
  const u90 = crossings(e, 0.9 * peak, true);
  const d90 = crossings(e, 0.9 * peak, false);
  const d10 = crossings(e, 0.1 * peak, false);
  assert.ok(u10.length === u90.length && u90.length === d90.length && d90.length === d10.length, 'every swell rises and falls once');
  const rising = u10.map((_, k) => (u90[k]! - u10[k]!) / (u90[k]! - u10[k]! + (d10[k]! - d90[k]!)));
  const periods = u90.slice(1).map((t, k) => t - u90[k]!);
  return { count: u90.length, rising, periods };
}

test('6/min, 4:6, 10 min: exactly 60 swells of 10 s, each rising for 40 % of it (4 s) and falling for the rest', () => {
  const x = render({ rateBpm: 6, inhaleFraction: 0.4 }, 60);
  assert.equal(x.length, 600 * SR, 'exactly 60 breaths of 10 s');
  const e = envelope(x, WIN);
  const s = swells(e);
  assert.equal(s.count, 60);
  for (const p of s.periods) assert.ok(Math.abs(p - 10) <= WIN_SEC, `period ${p}`);
  for (const r of s.rising) assert.ok(Math.abs(r - 0.4) <= 0.005, `rising share ${r}`);
  // Starts and ends in silence; the peak is the soft amplitude.
  assert.equal(e[0]! < 1 && e[e.length - 1]! < 1, true);
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]!));
  assert.ok(peak <= 32767 * PACER_AUDIO_AMPLITUDE + 1 && peak > 32767 * PACER_AUDIO_AMPLITUDE * 0.8, `peak ${peak}`);
});

test('holds: steady tone after the in-breath, silence after the out-breath; 5.5/min 1:2 with 1 s and 2 s holds', () => {
  const settings = { rateBpm: 5.5, inhaleFraction: 1 / 3, holdInSec: 1, holdOutSec: 2 };
  const x = render(settings, 11, 10000);
  const period = 60 / 5.5;
  const active = period - 3;
  const inhale = active / 3;
  const e = envelope(x, WIN);
  const at = (sec: number): number => e[Math.floor(sec / WIN_SEC)]!;
  const peak = Math.max(...e);
  for (let b = 1; b < 10; b++) {
    const t0 = b * period;
    // hold-in: steady at the peak (within 2 %)
    for (const f of [0.2, 0.5, 0.8]) assert.ok(Math.abs(at(t0 + inhale + f) - peak) / peak < 0.02, `hold-in of breath ${b}: ${at(t0 + inhale + f)} vs ${peak}`);
    // hold-out: silent
    for (const f of [0.2, 1, 1.8]) assert.ok(at(t0 + period - 2 + f) < 1, `hold-out of breath ${b}`);
    // in-breath rising, out-breath falling
    assert.ok(at(t0 + inhale * 0.25) < at(t0 + inhale * 0.75));
    assert.ok(at(t0 + inhale + 1 + 1) > at(t0 + inhale + 1 + 3));
  }
});

test('no clicks: the largest step between samples is that of the tone at its loudest and highest pitch', () => {
  const x = render({ rateBpm: 12, inhaleFraction: 0.5 }, 12);
  let maxStep = 0;
  for (let i = 1; i < x.length; i++) maxStep = Math.max(maxStep, Math.abs(x[i]! - x[i - 1]!));
  // d/dt of A·(sin + 0.2·sin 2)/1.2 is at most A·2π·f·(1 + 0.4)/1.2 per second.
  const bound = (32767 * PACER_AUDIO_AMPLITUDE * 2 * Math.PI * PACER_AUDIO_HIGH_HZ * 1.4) / 1.2 / SR;
  assert.ok(maxStep <= bound + 2, `largest step ${maxStep} > ${bound}`);
});

test('rendering in pieces gives the same samples as in one go', () => {
  const a = render({ rateBpm: 6, inhaleFraction: 0.4, holdInSec: 1 }, 3, 7);
  const b = render({ rateBpm: 6, inhaleFraction: 0.4, holdInSec: 1 }, 3, 1 << 22);
  assert.deepEqual(a, b);
});

test('refuses a breath count that is not a whole number ≥ 1', () => {
  assert.throws(() => new PacerAudioRenderer({ rateBpm: 6, inhaleFraction: 0.4 }, 0), /whole number/);
  assert.throws(() => new PacerAudioRenderer({ rateBpm: 6, inhaleFraction: 0.4 }, 2.5), /whole number/);
});
