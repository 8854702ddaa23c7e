/**
 * What the link does to a device's output, deterministic from a seed:
 * - `mulberry32`: the seeded PRNG;
 * - `garble`: a realistic corruption of one line or packet — a few bytes dropped (which
 *   may take the line end and merge two lines), one bit flipped, or the tail cut off (the
 *   line end with it, so it merges with the next line);
 * - `deliverySec`: when a unit emitted at `tSec` reaches the host: held back during a
 *   burst window and replayed at 10× the emission rate afterwards (a replayed buffer),
 *   never while the device is paused (unplug-like: those units are not sent at all),
 *   and rounded up to USB-like batch boundaries.
 */

/** mulberry32: 32-bit seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer hash → [-1, 1), for noise that depends only on (index, channel, seed). */
export function hashNoise(i: number, channel: number, seed: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(channel + 1, 0xc2b2ae35) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2147483648 - 1;
}

export type GarbleKind = 'drop' | 'flip' | 'truncate';

/** garble: corrupt `bytes` (≥ 1 byte) with one of the three realistic faults. */
export function garble(bytes: Uint8Array, rnd: () => number): { bytes: Uint8Array; kind: GarbleKind } {
  const n = bytes.length;
  const r = rnd();
  if (n >= 2 && r < 0.4) {
    const k = Math.min(n - 1, 1 + Math.floor(rnd() * 3));
    const at = Math.floor(rnd() * (n - k + 1));
    return { bytes: Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + k)]), kind: 'drop' };
  }
  if (n >= 2 && r >= 0.7) {
    const keep = 1 + Math.floor(rnd() * (n - 1));
    return { bytes: bytes.slice(0, keep), kind: 'truncate' };
  }
  const out = bytes.slice();
  out[Math.floor(rnd() * n)] ^= 1 << Math.floor(rnd() * 8);
  return { bytes: out, kind: 'flip' };
}

export interface DeliveryOptions {
  burstAtSec?: number;
  burstSec?: number;
  pauseAtSec?: number;
  pauseSec?: number;
  usbBatchMs?: number;
}

/** Replay speed of a held-back buffer. */
export const BURST_SPEEDUP = 10;

/** True when a unit emitted at tSec falls in the pause (it is never sent). */
export function inPause(tSec: number, o: DeliveryOptions): boolean {
  return o.pauseAtSec !== undefined && o.pauseSec !== undefined && tSec >= o.pauseAtSec && tSec < o.pauseAtSec + o.pauseSec;
}

/** deliverySec: when a unit emitted at tSec is written (burst hold-back, USB batching). */
export function deliverySec(tSec: number, o: DeliveryOptions): number {
  let d = tSec;
  if (o.burstAtSec !== undefined && o.burstSec !== undefined && tSec >= o.burstAtSec) {
    d = Math.max(tSec, o.burstAtSec + o.burstSec + (tSec - o.burstAtSec) / BURST_SPEEDUP);
  }
  if (o.usbBatchMs && o.usbBatchMs > 0) {
    const b = o.usbBatchMs / 1000;
    d = Math.ceil(d / b - 1e-9) * b;
  }
  return d;
}
