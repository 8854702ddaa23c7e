import { medianInPlace } from './quickselect.js';
import { SortedWindow } from './SortedWindow.js';

/**
 * `BeatTemplate` — per-beat quality from morphology: keeps a ring of the band-passed signal and a
 * running average pulse shape (the template, aligned on the systolic peak, −0.2…+0.25 s), and
 * scores each beat by the Pearson correlation of its pulse with the template times a relative
 * amplitude factor (see `score`). Template matching as a PPG quality index follows Orphanidou et al. 2015
 * ("Signal-quality indices for the electrocardiogram and photoplethysmogram", IEEE JBHI) and
 * Li & Clifford 2012.
 */
/** Quality of a beat whose pulse shape cannot be checked (at the very start of a recording): not trusted. */
export const UNKNOWN_QUALITY = 0.3;
const LOW_REL = 0.3;
const HIGH_REL = 1.6;

export class BeatTemplate {
  private readonly ring: Float64Array;
  private readonly pre: number;
  private readonly upSearch: number;
  private readonly post: number;
  private readonly tpl: Float64Array;
  private readonly win: Float64Array;
  private tplCount = 0;
  private latest = -1;
  private readonly ups = new Float64Array(25);
  private readonly upScratch = new Float64Array(25);
  private upCount = 0;
  /**
   * The same upstrokes kept in order, so the reference amplitude is read without a selection per
   * beat (the same order statistics as `medianInPlace`); not used once a NaN or zero upstroke was
   * pushed (then the selection runs as before, until the ring is cleared).
   */
  private readonly upsSorted = new SortedWindow(25);
  private upsSortedOk = true;
  private pos = 0; // ring index of sample latest + 1

  constructor(fsHz: number, ringSamples: number) {
    this.pre = Math.max(2, Math.round(0.2 * fsHz));
    this.post = Math.max(2, Math.round(0.25 * fsHz));
    this.upSearch = Math.max(3, Math.round(0.3 * fsHz));
    this.ring = new Float64Array(Math.max(ringSamples, this.pre + this.post + 8));
    this.tpl = new Float64Array(this.pre + this.post + 1);
    this.win = new Float64Array(this.pre + this.post + 1);
  }

  /** The stored filtered sample with index k, or NaN when the ring no longer (or not yet) holds it. */
  at(k: number): number {
    return k <= this.latest && k > this.latest - this.ring.length && k >= 0 ? this.ring[k % this.ring.length]! : NaN;
  }

  /** Whether the ring holds every sample in [lo, hi]. */
  holds(lo: number, hi: number): boolean {
    return lo >= 0 && hi <= this.latest && lo > this.latest - this.ring.length;
  }

  /** Copy the stored samples lo … hi (`holds(lo, hi)` must be true) to dst[0 … hi − lo]. */
  copyRange(lo: number, hi: number, dst: Float64Array): void {
    const ring = this.ring;
    let at = lo % ring.length;
    for (let k = 0; k <= hi - lo; k++) {
      dst[k] = ring[at]!;
      if (++at === ring.length) at = 0;
    }
  }

  /** Store the filtered samples y[from … to − 1], with indices m0, m0 + 1, … (consecutive with the last stored). */
  storeBlock(y: Float64Array, from: number, to: number, m0: number): void {
    if (from >= to) return;
    const ring = this.ring;
    const len = ring.length;
    let pos = this.pos;
    for (let k = from; k < to; k++) {
      ring[pos] = y[k]!;
      if (++pos === len) pos = 0;
    }
    this.pos = pos;
    this.latest = m0 + (to - from - 1);
  }

  /**
   * Quality 0..1 of the beat peaking at sample p: correlation with the template (≤ 0 → 0) times an
   * amplitude factor: 1 for upstrokes between 0.3 and 1.6 × the reference amplitude, falling
   * quadratically below (noise on a detached clip, ripples amid artifacts) and above (motion
   * artifacts, whose bumps are 2–6 × a pulse). The reference amplitude is the median upstroke of the last 25
   * well-shaped beats (correlation > 0.85), so it needs over a dozen consecutive beats to follow
   * a lasting change (sensor moved) and is not pulled along by a burst of noise or motion.
   * The template follows good beats; during the first beats a poorly matching template restarts.
   */
  score(p: number, upstroke: number): number {
    const L = this.win.length;
    const start = p - this.pre;
    if (start < 0 || p + this.post > this.latest || this.latest - start >= this.ring.length) return UNKNOWN_QUALITY;
    let mean = 0;
    const ring = this.ring;
    const win = this.win;
    const tpl = this.tpl;
    let at = start % ring.length; // ring[k % len] holds sample k
    for (let i = 0; i < L; i++) {
      const v = ring[at]!;
      win[i] = v;
      mean += v;
      if (++at === ring.length) at = 0;
    }
    mean /= L;
    if (this.tplCount === 0) {
      for (let i = 0; i < L; i++) win[i] -= mean;
      tpl.set(win);
      this.tplCount = 1;
      this.pushUp(upstroke);
      return UNKNOWN_QUALITY;
    }
    // The window made zero-mean and correlated with the template in one pass.
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < L; i++) {
      const a = win[i]! - mean;
      win[i] = a;
      const b = tpl[i]!;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    const ref = this.refAmp();
    const rel = ref > 0 ? upstroke / ref : 1;
    // Too small (detached clip, noise) or far too large (motion) for a pulse of this person now.
    const amp = rel < LOW_REL ? (rel / LOW_REL) ** 2 : rel > HIGH_REL ? (HIGH_REL / rel) ** 2 : 1;
    if (r > 0.85) this.pushUp(upstroke);
    if (r > 0.8 && amp >= 1) {
      const alpha = this.tplCount < 8 ? 1 / (this.tplCount + 1) : 0.125;
      const k = Math.sqrt(syy / sxx); // amplitude-normalised template update
      for (let i = 0; i < L; i++) tpl[i] = (1 - alpha) * tpl[i]! + alpha * win[i]! * k;
      this.tplCount++;
    } else if (this.tplCount < 3 && r <= 0.8) {
      // Early on, a poor first template must not lock in: restart from this beat.
      tpl.set(win);
      this.clearUps();
      this.pushUp(upstroke);
      return UNKNOWN_QUALITY;
    }
    return Math.max(0, r) * amp;
  }

  /**
   * Time of the steepest point of the upstroke before the peak at sample p (fractional sample
   * index, parabolic interpolation of the central-difference derivative), searched over the
   * 0.3 s before the peak; NaN when the ring does not hold it. The maximum-slope point is a
   * pulse-timing fiducial less affected than the systolic peak by the reflected wave (Peralta
   * et al. 2019, "Optimal fiducial points for pulse rate variability analysis from forehead and
   * finger PPG signals", Physiol Meas 40).
   */
  upstrokeIndex(p: number): number {
    const len = this.ring.length;
    const lo = p - this.upSearch;
    if (lo < 1 || p + 1 > this.latest || this.latest - lo + 1 >= len) return NaN;
    const ring = this.ring;
    let best = p;
    let bestD = -Infinity;
    if (p === (p | 0)) {
      // Ring slots of k − 1 and k + 1 stepped along (no division per sample).
      let iPrev = (lo - 1) % len;
      let iNext = (lo + 1) % len;
      for (let k = lo; k <= p; k++) {
        const d = ring[iNext] - ring[iPrev];
        if (d > bestD) {
          bestD = d;
          best = k;
        }
        if (++iPrev === len) iPrev = 0;
        if (++iNext === len) iNext = 0;
      }
    } else {
      for (let k = lo; k <= p; k++) {
        const d = ringAt(ring, k + 1) - ringAt(ring, k - 1);
        if (d > bestD) {
          bestD = d;
          best = k;
        }
      }
    }
    const d0 = ringAt(ring, best) - ringAt(ring, best - 2);
    const d2 = ringAt(ring, best + 2) - ringAt(ring, best);
    const den = d0 - 2 * bestD + d2;
    const delta = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (d0 - d2)) / den)) : 0;
    return best + delta;
  }

  private pushUp(up: number): void {
    const slot = this.upCount % this.ups.length;
    if (this.upsSortedOk) {
      if (!(up > 0 || up < 0)) {
        // NaN has no place in the order, and ±0 would be told apart by nothing but their sign.
        this.upsSortedOk = false;
      } else {
        // (The oldest upstroke leaves as this one arrives: one `replace`, as remove then insert.)
        if (this.upCount < this.ups.length || !this.upsSorted.replace(this.ups[slot]!, up)) this.upsSorted.insert(up);
      }
    }
    this.ups[slot] = up;
    this.upCount++;
  }

  private clearUps(): void {
    this.ups.fill(0);
    this.upCount = 0;
    this.upsSorted.clear();
    this.upsSortedOk = true;
  }

  /** Median upstroke of the recent well-shaped beats (0 when none yet). */
  private refAmp(): number {
    const n = Math.min(this.upCount, this.ups.length);
    if (n === 0) return 0;
    if (this.upsSortedOk) return this.upsSorted.median();
    const a = this.upScratch;
    for (let i = 0; i < n; i++) a[i] = this.ups[i];
    return medianInPlace(a, n);
  }

  reset(): void {
    this.ring.fill(0);
    this.tpl.fill(0);
    this.tplCount = 0;
    this.clearUps();
    this.latest = -1;
    this.pos = 0;
  }
}

/** The ring slot of sample k (ring[k % length]). */
function ringAt(ring: Float64Array, k: number): number {
  return ring[k % ring.length]!;
}
