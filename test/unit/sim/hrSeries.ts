// Test helpers: heart-rate series from truth beat times and simple spectral measures (no DSP module needed).

/** Instantaneous HR (60 / interval) placed at the midpoint of each interval. */
export function hrFromBeats(tSec: ArrayLike<number>): { t: number[]; hr: number[] } {
  const t: number[] = [];
  const hr: number[] = [];
  for (let i = 1; i < tSec.length; i++) {
    t.push((tSec[i] + tSec[i - 1]) / 2);
    hr.push(60 / (tSec[i] - tSec[i - 1]));
  }
  return { t, hr };
}

/** Linear resampling of (t, y) at fsHz over [t0, t1]. */
export function resample(t: number[], y: number[], fsHz: number, t0: number, t1: number): number[] {
  const out: number[] = [];
  let j = 0;
  for (let x = t0; x <= t1; x += 1 / fsHz) {
    while (j + 2 < t.length && t[j + 1] < x) j++;
    const f = (x - t[j]) / (t[j + 1] - t[j]);
    out.push(y[j] + (y[j + 1] - y[j]) * f);
  }
  return out;
}

/** Amplitude (peak) and phase of the sinusoid a·sin(2πf t + φ) that best fits y (sampled at fsHz from t0). */
export function sineFit(y: number[], fsHz: number, t0: number, fHz: number): { amp: number; phase: number } {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < y.length; i++) {
    const w = 2 * Math.PI * fHz * (t0 + i / fsHz);
    s += (y[i] - mean) * Math.sin(w);
    c += (y[i] - mean) * Math.cos(w);
  }
  return { amp: (2 * Math.hypot(s, c)) / y.length, phase: Math.atan2(c, s) };
}

/** Frequency (Hz) with the largest sine-fit amplitude on a grid over [loHz, hiHz]. */
export function dominantFrequency(y: number[], fsHz: number, loHz: number, hiHz: number, stepHz = 0.0005): number {
  let best = loHz;
  let bestAmp = -1;
  for (let f = loHz; f <= hiHz + 1e-12; f += stepHz) {
    const { amp } = sineFit(y, fsHz, 0, f);
    if (amp > bestAmp) {
      bestAmp = amp;
      best = f;
    }
  }
  return best;
}

export const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

/** Wrap an angle to (−π, π]. */
export const wrapRad = (x: number): number => Math.atan2(Math.sin(x), Math.cos(x));
