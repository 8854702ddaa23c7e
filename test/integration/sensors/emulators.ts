/**
 * Byte-exact device emulators for the serial integration tests: a synthetic pulse
 * waveform with known beat times, encoded as PulseSensor lines, CMS50 5-byte and
 * 9-byte packets, and CSV lines.
 */

/** Known IBI sequence (ms) repeated; beat k happens at sum of the first k IBIs + 300 ms. */
export const IBI_MS = [800, 820, 790, 850, 810, 780, 830, 800, 860, 790];

export function beatTimesSec(durationSec: number): number[] {
  const out: number[] = [];
  let t = 0.3;
  for (let k = 0; t < durationSec; k++) {
    out.push(t);
    t += IBI_MS[k % IBI_MS.length] / 1000;
  }
  return out;
}

/** Synthetic pulse wave 0–1 at time t given the beat times (sharp rise, slow decay). */
export function pulseWave(tSec: number, beats: number[]): number {
  let last = -Infinity;
  for (const b of beats) if (b <= tSec) last = b;
  const dt = tSec - last;
  if (!Number.isFinite(dt)) return 0.2;
  return dt < 0.1 ? 0.2 + 8 * dt : 1 * Math.exp(-(dt - 0.1) / 0.25) + 0.2 * (1 - Math.exp(-(dt - 0.1) / 0.25));
}

/** Index of the first sample at or after each beat, at fsHz. */
export function beatSampleIndices(beats: number[], fsHz: number): number[] {
  return beats.map((b) => Math.ceil(b * fsHz - 1e-9));
}

const asc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** PulseSensor visualizer output for sample i: `S<sig>` and on a beat `B<bpm>` `Q<ibi>`. */
export function pulseVisualizerLine(sig: number, beat?: { bpm: number; ibiMs: number }): Uint8Array {
  let s = `S${sig}\r\n`;
  if (beat) s += `B${beat.bpm}\r\nQ${beat.ibiMs}\r\n`;
  return asc(s);
}

/** PulseSensor serial-plotter line `BPM,IBI,Signal`. */
export function pulsePlotterLine(bpm: number, ibiMs: number, sig: number): Uint8Array {
  return asc(`${bpm},${ibiMs},${sig}\r\n`);
}

/** CMS50 old protocol 5-byte packet. */
export function cms50Packet5(p: { pleth: number; beat: boolean; pr: number; spo2: number; fingerOut?: boolean }): Uint8Array {
  return Uint8Array.of(
    0x80 | (p.beat ? 0x40 : 0) | (p.fingerOut ? 0x10 : 0) | 5,
    p.pleth & 0x7f,
    ((p.pr & 0x80) >> 1) | 6,
    p.pr & 0x7f,
    p.spo2 & 0x7f,
  );
}

/** CMS50 new protocol 9-byte live packet (high-bit byte restores bit 7 of bytes 2–8). */
export function cms50Packet9(p: { pleth: number; beat: boolean; pr: number; spo2: number; fingerOut?: boolean }): Uint8Array {
  const hb = 0x80 | 0x60 | (p.fingerOut ? 0x01 : 0) | ((p.pr & 0x80) >> 4);
  return Uint8Array.of(0x01, hb, 0x80 | (p.beat ? 0x40 : 0) | 6, 0x80 | (p.pleth & 0x7f), 0x80 | 20, 0x80 | (p.pr & 0x7f), 0x80 | p.spo2, 0xff, 0xff);
}

export function csvLine(value: number, tSec?: number): Uint8Array {
  return asc(tSec === undefined ? `${value}\n` : `${tSec.toFixed(3)},${value}\n`);
}
