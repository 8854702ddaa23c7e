/**
 * Simulated beat series with KNOWN truth for the artifact-correction tests and bench: healthy sinus
 * rhythm with realistic HRV, and artifact injectors that keep track of what they did.
 *
 * RR(t) = mean + RSA (respiratory sinus arrhythmia at a slowly wandering breathing rate, amplitude
 * modulated) + LF (Mayer waves ≈ 0.1 Hz) + 1/f noise (sum of sinusoids 0.003–0.4 Hz with power
 * ∝ 1/f) + white timing jitter of the beat detector. Deterministic for a given seed.
 */

/** Deterministic PRNG (mulberry32) → uniform [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(seed: number): () => number {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface RrSimOptions {
  durationSec: number;
  seed: number;
  meanMs?: number;
  /** RSA peak amplitude, ms. */
  rsaMs?: number;
  /** Mean breathing rate, Hz (wanders ±15 %). */
  breathHz?: number;
  /** LF (≈ 0.1 Hz) peak amplitude, ms. */
  lfMs?: number;
  /** Standard deviation of the 1/f component, ms. */
  pinkMs?: number;
  /** Standard deviation of white beat-timing jitter, ms. */
  jitterMs?: number;
}

/** Beat times (s) of a healthy sinus rhythm, first beat at ~1 s. */
export function simulateBeats(o: RrSimOptions): Float64Array {
  const mean = o.meanMs ?? 850;
  const rsa = o.rsaMs ?? 30;
  const fb = o.breathHz ?? 0.25;
  const lf = o.lfMs ?? 20;
  const pink = o.pinkMs ?? 25;
  const jitter = o.jitterMs ?? 2;
  const u = rng(o.seed);
  const g = gaussian(o.seed + 7919);
  // 1/f component: 60 log-spaced sinusoids, amplitude ∝ f^(−1/2) × sqrt(bandwidth).
  const comps: { f: number; a: number; ph: number }[] = [];
  const f0 = 0.003;
  const f1 = 0.4;
  const m = 60;
  let pow = 0;
  for (let k = 0; k < m; k++) {
    const f = f0 * Math.pow(f1 / f0, k / (m - 1));
    const df = f * (Math.pow(f1 / f0, 1 / (m - 1)) - 1);
    const a = Math.sqrt(df / f);
    comps.push({ f, a, ph: 2 * Math.PI * u() });
    pow += (a * a) / 2;
  }
  const pinkScale = pink / Math.sqrt(pow);
  const breathPh0 = 2 * Math.PI * u();
  const lfPh = 2 * Math.PI * u();
  const wanderPh = 2 * Math.PI * u();
  const ampPh = 2 * Math.PI * u();
  // Breathing phase integrated over time (rate wanders slowly).
  const beats: number[] = [];
  let t = 1;
  let breathPhase = breathPh0;
  let lastT = 0;
  while (t < o.durationSec) {
    beats.push(t);
    const rate = fb * (1 + 0.15 * Math.sin(2 * Math.PI * 0.011 * t + wanderPh));
    breathPhase += 2 * Math.PI * rate * (t - lastT);
    lastT = t;
    const rsaAmp = rsa * (1 + 0.25 * Math.sin(2 * Math.PI * 0.007 * t + ampPh));
    let p = 0;
    for (const c of comps) p += c.a * Math.sin(2 * Math.PI * c.f * t + c.ph);
    const rr = mean + rsaAmp * Math.sin(breathPhase) + lf * Math.sin(2 * Math.PI * 0.1 * t + lfPh) + pinkScale * p;
    t += Math.max(300, rr) / 1000;
  }
  // Detector timing jitter on each beat (not on the rhythm).
  return Float64Array.from(beats, (b) => b + (jitter * g()) / 1000);
}

/** Intervals (ms) between consecutive beats. */
export function intervalsMs(b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 1; i < b.length; i++) out.push(((b[i] as number) - (b[i - 1] as number)) * 1000);
  return out;
}

/** SDNN (n−1) and RMSSD of a list of intervals, successive differences only where `consecutive[i]`. */
export function sdnnRmssd(ibi: ArrayLike<number>, consecutive?: ArrayLike<boolean | number>): { sdnn: number; rmssd: number; n: number } {
  const n = ibi.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += ibi[i] as number;
  const mean = s / n;
  let ss = 0;
  let d2 = 0;
  let nd = 0;
  for (let i = 0; i < n; i++) {
    ss += ((ibi[i] as number) - mean) ** 2;
    if (i > 0 && (!consecutive || consecutive[i])) {
      d2 += ((ibi[i] as number) - (ibi[i - 1] as number)) ** 2;
      nd++;
    }
  }
  return { sdnn: Math.sqrt(ss / (n - 1)), rmssd: Math.sqrt(d2 / nd), n };
}

/** Consecutive mask of a corrected NN series (interval i starts where i − 1 ended). */
export function consecutiveOf(nnTSec: ArrayLike<number>, nnMs: ArrayLike<number>): boolean[] {
  const c: boolean[] = [false];
  for (let i = 1; i < nnMs.length; i++) c.push(Math.abs((nnTSec[i] as number) - (nnMs[i] as number) / 1000 - (nnTSec[i - 1] as number)) < 1e-6);
  return c;
}

/**
 * A raw detection series built from truth beats, keeping the mapping: `raw[i]` is a detection
 * time; `truthOf[i]` the truth beat it stands for (−1 for a spurious detection).
 */
export interface Detections {
  raw: number[];
  truthOf: number[];
  /** Indices i (into raw) whose interval raw[i−1] → raw[i] spans a gap. */
  breaks: number[];
  /** Per raw beat: detector quality (1 unless set). */
  quality: number[];
}

export function detectionsOf(truth: ArrayLike<number>): Detections {
  const raw = Array.from(truth);
  return { raw, truthOf: raw.map((_, i) => i), breaks: [], quality: raw.map(() => 1) };
}

/**
 * Apply edits to a detection series: each edit names a TRUTH beat index.
 * - `ectopic`: the beat comes early by `frac` of its interval (premature; the next beat stays: full compensatory pause).
 * - `missed`: the beat is not detected.
 * - `extra`: a spurious detection `frac` of the way into the interval that ends at this beat.
 * - `shift`: the detection is displaced by `ms`.
 */
export type Edit =
  | { kind: 'ectopic'; at: number; frac: number }
  | { kind: 'missed'; at: number }
  | { kind: 'extra'; at: number; frac: number }
  | { kind: 'shift'; at: number; ms: number };

export function applyEdits(truth: ArrayLike<number>, edits: readonly Edit[]): Detections {
  const tr = Array.from(truth);
  const drop = new Set<number>();
  const moved = new Map<number, number>();
  const extras = new Map<number, number[]>();
  for (const e of edits) {
    if (e.kind === 'missed') drop.add(e.at);
    else if (e.kind === 'ectopic') moved.set(e.at, tr[e.at - 1]! + (1 - e.frac) * (tr[e.at]! - tr[e.at - 1]!));
    else if (e.kind === 'shift') moved.set(e.at, tr[e.at]! + e.ms / 1000);
    else {
      const list = extras.get(e.at) ?? [];
      list.push(tr[e.at - 1]! + e.frac * (tr[e.at]! - tr[e.at - 1]!));
      extras.set(e.at, list);
    }
  }
  const d: Detections = { raw: [], truthOf: [], breaks: [], quality: [] };
  for (let i = 0; i < tr.length; i++) {
    for (const x of (extras.get(i) ?? []).sort((a, b) => a - b)) {
      d.raw.push(x);
      d.truthOf.push(-1);
      d.quality.push(1);
    }
    if (drop.has(i)) continue;
    d.raw.push(moved.get(i) ?? tr[i]!);
    d.truthOf.push(i);
    d.quality.push(1);
  }
  return d;
}

/**
 * Remove the detections inside [startSec, endSec) (a signal gap) and record the break: the
 * interval from the last detection before to the first after spans the gap.
 */
export function withGap(d: Detections, startSec: number, endSec: number): Detections {
  const out: Detections = { raw: [], truthOf: [], breaks: [], quality: [] };
  const oldBreakAt = new Set(d.breaks.map((b) => d.raw[b]!));
  let gapPending = false;
  for (let i = 0; i < d.raw.length; i++) {
    const t = d.raw[i]!;
    if (t >= startSec && t < endSec) {
      gapPending = true;
      continue;
    }
    if ((gapPending && t >= endSec) || oldBreakAt.has(t)) {
      if (out.raw.length > 0) out.breaks.push(out.raw.length);
      gapPending = false;
    }
    out.raw.push(t);
    out.truthOf.push(d.truthOf[i]!);
    out.quality.push(d.quality[i]!);
  }
  return out;
}

/** Every other truth beat in [fromTruth, toTruth) is missed (a half-rate run). */
export function halfRateEdits(fromTruth: number, toTruth: number): Edit[] {
  const e: Edit[] = [];
  for (let i = fromTruth + 1; i < toTruth; i += 2) e.push({ kind: 'missed', at: i });
  return e;
}

/** Truth intervals (ms) as a reference: SDNN/RMSSD of the whole truth series. */
export function truthStats(truth: ArrayLike<number>): { sdnn: number; rmssd: number; n: number } {
  return sdnnRmssd(intervalsMs(truth));
}
