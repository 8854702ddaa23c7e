/**
 * ECG R-peak detector used as TRUTH for the beat-accuracy benchmark (offline, whole record).
 *
 * Detection follows Pan & Tompkins (1985, IEEE TBME 32:230) with the threshold rules of
 * Hamilton & Tompkins (1986): band-pass 5–15 Hz → five-point derivative → squaring →
 * 150 ms moving-window integration (MWI); MWI peaks are classified with adaptive signal/noise
 * levels (THR1 = NPKI + 0.25·(SPKI − NPKI)), a 200 ms refractory period, T-wave rejection
 * within 360 ms (slope < ½ of the previous QRS), and search-back with THR2 = ½·THR1 when no
 * beat is found within 166 % of the average RR. All filters run forward–backward (zero
 * phase), so no group delay has to be compensated.
 *
 * Correction with the record's median QRS template (ECG band-passed 0.5–40 Hz, ±100 ms):
 * each beat is aligned to the template (best Pearson correlation within ±60 ms); in intervals
 * shorter than 65 % of the local median RR the worse-matching beat is dropped unless that
 * leaves a gap (premature beats with a compensatory pause stay); intervals longer than 160 %
 * are searched for a template match ≥ 0.7 (missed beats).
 *
 * Localisation: the R peak is the extremum of the 0.5–40 Hz ECG of the template's polarity
 * (its largest deflection: inverted leads are handled) within ±8 ms of the aligned fiducial,
 * refined to sub-sample time by parabolic interpolation of the three samples around it.
 *
 * Truth quality: a beat whose QRS correlates < 0.5 with the template, or whose neighbourhood
 * holds a noise burst (QRS-band energy outside the QRS ≥ half the median QRS energy), makes the
 * stretch from the previous to the next beat `unreliable`; benchmarks leave those out.
 */

/** Direct-form biquad coefficients (a0 normalised to 1). */
interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** 2nd-order Butterworth low- or high-pass (bilinear transform, RBJ cookbook with Q = 1/√2). */
function butter2(kind: 'low' | 'high', cutoffHz: number, fsHz: number): Biquad {
  const w0 = (2 * Math.PI * cutoffHz) / fsHz;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
  const a0 = 1 + alpha;
  const b1 = kind === 'low' ? 1 - cos : -(1 + cos);
  const b0 = kind === 'low' ? (1 - cos) / 2 : (1 + cos) / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

function biquadInPlace(x: Float64Array, f: Biquad): void {
  // Start in the steady state for the first sample to limit the edge transient.
  const dcGain = (f.b0 + f.b1 + f.b2) / (1 + f.a1 + f.a2);
  const y0 = x[0]! * dcGain;
  let x1 = x[0]!;
  let x2 = x[0]!;
  let y1 = y0;
  let y2 = y0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = f.b0 * xi + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = yi;
    x[i] = yi;
  }
}

/**
 * Zero-phase (forward–backward) cascade of 2nd-order Butterworth sections, with the signal
 * extended by odd reflection (1 s) at both ends to tame edge transients.
 */
export function filtfilt(x: Float64Array, fsHz: number, sections: readonly Biquad[]): Float64Array {
  const pad = Math.min(x.length - 1, Math.round(fsHz));
  const n = x.length;
  const ext = new Float64Array(n + 2 * pad);
  for (let i = 0; i < pad; i++) {
    ext[pad - 1 - i] = 2 * x[0]! - x[i + 1]!;
    ext[pad + n + i] = 2 * x[n - 1]! - x[n - 2 - i]!;
  }
  ext.set(x, pad);
  for (const s of sections) biquadInPlace(ext, s);
  ext.reverse();
  for (const s of sections) biquadInPlace(ext, s);
  ext.reverse();
  return ext.slice(pad, pad + n);
}

/** Zero-phase band-pass from `loHz` to `hiHz` (each edge a 2nd-order Butterworth, applied twice). */
export function bandPass(x: Float64Array, fsHz: number, loHz: number, hiHz: number): Float64Array {
  const hi = Math.min(hiHz, 0.45 * fsHz);
  return filtfilt(x, fsHz, [butter2('high', loHz, fsHz), butter2('low', hi, fsHz)]);
}

/** Replace NaN samples by linear interpolation (edges: nearest valid value). */
function fillNaN(x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(x as ArrayLike<number>);
  let last = -1;
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && Number.isNaN(out[i]!)) continue;
    if (i - last > 1) {
      const a = last >= 0 ? out[last]! : i < out.length ? out[i]! : 0;
      const b = i < out.length ? out[i]! : a;
      for (let k = last + 1; k < i; k++) out[k] = a + ((b - a) * (k - last)) / (i - last);
    }
    last = i;
  }
  return out;
}

/** Local maxima of `y` (plateaus: first sample). */
function localMaxima(y: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < y.length - 1; i++) if (y[i]! > y[i - 1]! && y[i]! >= y[i + 1]!) out.push(i);
  return out;
}

/** Pan–Tompkins QRS detection on the MWI signal; returns MWI peak indices of the QRS complexes. */
function classifyPeaks(mwi: Float64Array, slope: Float64Array, fsHz: number): { qrs: number[]; searchBack: number } {
  const refractory = Math.round(0.2 * fsHz);
  const tWaveWindow = Math.round(0.36 * fsHz);
  const learn = Math.min(mwi.length, Math.round(2 * fsHz));
  let learnMax = 0;
  let learnSum = 0;
  for (let i = 0; i < learn; i++) {
    learnMax = Math.max(learnMax, mwi[i]!);
    learnSum += mwi[i]!;
  }
  let spki = learnMax / 3;
  let npki = learnSum / learn / 2;
  const thr1 = (): number => npki + 0.25 * (spki - npki);

  const peaks = localMaxima(mwi);
  const qrs: number[] = [];
  const rrRecent: number[] = []; // last 8 RR (samples)
  const rrRegular: number[] = []; // last 8 RR within 92–116 % of the regular average
  let lastSlope = 0;
  let searchBack = 0;
  let noiseSince: number[] = []; // candidate peaks since the last QRS that were not beats

  const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
  const accept = (p: number, fromSearchBack: boolean): void => {
    const h = mwi[p]!;
    if (fromSearchBack) spki = 0.25 * h + 0.75 * spki;
    else spki = 0.125 * h + 0.875 * spki;
    if (qrs.length > 0) {
      const rr = p - qrs[qrs.length - 1]!;
      rrRecent.push(rr);
      if (rrRecent.length > 8) rrRecent.shift();
      const avg2 = rrRegular.length > 0 ? mean(rrRegular) : rr;
      if (rrRegular.length < 2 || (rr > 0.92 * avg2 && rr < 1.16 * avg2)) {
        rrRegular.push(rr);
        if (rrRegular.length > 8) rrRegular.shift();
      }
    }
    qrs.push(p);
    lastSlope = slope[p]!;
    noiseSince = [];
  };

  for (const p of peaks) {
    // Search-back: no beat within 166 % of the average RR → best earlier peak above THR2.
    if (qrs.length > 0 && rrRegular.length >= 2) {
      const last = qrs[qrs.length - 1]!;
      const missLimit = 1.66 * mean(rrRegular);
      if (p - last > missLimit) {
        const thr2 = 0.5 * thr1();
        let best = -1;
        for (const q of noiseSince) {
          if (q - last > refractory && mwi[q]! > thr2 && (best < 0 || mwi[q]! > mwi[best]!)) best = q;
        }
        if (best >= 0) {
          accept(best, true);
          searchBack++;
          // Peaks after `best` stay candidates for the rest of this loop iteration.
        }
      }
    }
    const last = qrs.length > 0 ? qrs[qrs.length - 1]! : -Infinity;
    const h = mwi[p]!;
    if (p - last <= refractory) {
      // Within the refractory period: keep the larger of the two as the QRS.
      if (qrs.length > 0 && h > mwi[last]!) {
        qrs[qrs.length - 1] = p;
        lastSlope = slope[p]!;
      }
      continue;
    }
    if (h > thr1()) {
      if (p - last < tWaveWindow && qrs.length > 0 && slope[p]! < 0.5 * lastSlope) {
        npki = 0.125 * h + 0.875 * npki; // T wave
        noiseSince.push(p);
        continue;
      }
      accept(p, false);
    } else {
      npki = 0.125 * h + 0.875 * npki;
      noiseSince.push(p);
    }
  }
  return { qrs, searchBack };
}

/** Pearson correlation of `tpl` with `x[start … start + tpl.length)`; −1 when out of range or flat. */
function correlationAt(x: Float64Array, start: number, tpl: Float64Array): number {
  const m = tpl.length;
  if (start < 0 || start + m > x.length) return -1;
  let sx = 0;
  let st = 0;
  for (let k = 0; k < m; k++) {
    sx += x[start + k]!;
    st += tpl[k]!;
  }
  const mx = sx / m;
  const mt = st / m;
  let sxy = 0;
  let sxx = 0;
  let stt = 0;
  for (let k = 0; k < m; k++) {
    const a = x[start + k]! - mx;
    const b = tpl[k]! - mt;
    sxy += a * b;
    sxx += a * a;
    stt += b * b;
  }
  return sxx > 0 && stt > 0 ? sxy / Math.sqrt(sxx * stt) : -1;
}

function medianOf(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/** Local median RR (samples) around interval `i` (between beats i−1 and i), over ±8 intervals. */
function localMedianRr(pos: readonly number[], i: number): number {
  const rr: number[] = [];
  for (let k = Math.max(1, i - 8); k <= Math.min(pos.length - 1, i + 8); k++) if (k !== i) rr.push(pos[k]! - pos[k - 1]!);
  return rr.length > 0 ? medianOf(rr) : pos.length > 1 ? pos[i]! - pos[i - 1]! : NaN;
}

export interface RPeaks {
  /** R-peak times, seconds from the first sample (sub-sample). */
  tSec: number[];
  /** Per beat: correlation of its QRS with the record's median QRS template (−1…1). */
  quality: number[];
  /** Per beat: the largest QRS energy between its neighbours (outside its QRS) relative to the median QRS energy. */
  noise: number[];
  /** +1: the R wave points up; −1: the lead is inverted (the negative peaks are followed). */
  polarity: 1 | -1;
  /** Stretches where the ECG cannot serve as truth: around beats with a poor template match or a noise burst. */
  unreliable: { startSec: number; endSec: number }[];
  /** Corrections made after Pan–Tompkins: candidates removed (T waves, noise) and beats added by template search. */
  removed: number;
  added: number;
  /** Beats found by Pan–Tompkins search-back. */
  searchBack: number;
}

/** Template correlation below which a beat is not trusted as truth (its QRS is buried or odd). */
export const RPEAK_MIN_QUALITY = 0.5;
/** Noise ratio (see `RPeaks.noise`) above which the stretch around a beat is not trusted as truth. */
export const RPEAK_MAX_NOISE = 0.5;

/** Detect R peaks in an ECG sampled at `fsHz`. NaN samples are interpolated over. */
export function detectRPeaks(ecgIn: ArrayLike<number>, fsHz: number): RPeaks {
  const ecg = fillNaN(ecgIn);
  const n = ecg.length;
  const none: RPeaks = { tSec: [], quality: [], noise: [], polarity: 1, unreliable: [], removed: 0, added: 0, searchBack: 0 };
  if (n < fsHz * 2) return none;

  const bp = bandPass(ecg, fsHz, 5, 15);
  // Five-point derivative (centred, zero phase), squaring, 150 ms centred moving integration.
  const sq = new Float64Array(n);
  for (let i = 2; i < n - 2; i++) {
    const d = (2 * bp[i + 1]! + bp[i + 2]! - bp[i - 2]! - 2 * bp[i - 1]!) * (fsHz / 8);
    sq[i] = d * d;
  }
  const win = Math.max(1, Math.round(0.15 * fsHz));
  const half = win >> 1;
  const mwi = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n + half; i++) {
    if (i < n) acc += sq[i]!;
    if (i - win >= 0) acc -= sq[i - win]!;
    const c = i - half;
    if (c >= 0 && c < n) mwi[c] = acc / win;
  }
  // Slope near each sample: the largest absolute derivative within ±75 ms (for T-wave tests).
  const sw = Math.round(0.075 * fsHz);
  const slope = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = Math.max(0, i - sw); k <= Math.min(n - 1, i + sw); k++) m = Math.max(m, sq[k]!);
    slope[i] = Math.sqrt(m);
  }
  const { qrs, searchBack } = classifyPeaks(mwi, slope, fsHz);
  if (qrs.length < 3) return { ...none, searchBack };

  // QRS centres: the largest |band-passed ECG| within ±60 ms of each MWI peak.
  const w = Math.max(2, Math.round(0.06 * fsHz));
  const centreOf = (p: number): number => {
    let best = p;
    for (let k = Math.max(0, p - w); k <= Math.min(n - 1, p + w); k++) if (Math.abs(bp[k]!) > Math.abs(bp[best]!)) best = k;
    return best;
  };
  let pos = qrs.map(centreOf);

  // Median QRS template (0.5–40 Hz ECG, ±100 ms) over beats with regular neighbouring intervals.
  const clean = bandPass(ecg, fsHz, 0.5, 40);
  const pre = Math.round(0.1 * fsHz);
  const tplLen = 2 * pre + 1;
  const medRr = medianOf(pos.slice(1).map((p, i) => p - pos[i]!));
  const regular = pos.filter((p, i) => {
    const a = i > 0 ? p - pos[i - 1]! : medRr;
    const b = i < pos.length - 1 ? pos[i + 1]! - p : medRr;
    return Math.abs(a - medRr) < 0.15 * medRr && Math.abs(b - medRr) < 0.15 * medRr && p - pre >= 0 && p + pre < n;
  });
  const basis = regular.length >= 5 ? regular : pos.filter((p) => p - pre >= 0 && p + pre < n);
  const tpl = new Float64Array(tplLen);
  const column = new Float64Array(basis.length);
  for (let k = 0; k < tplLen; k++) {
    basis.forEach((p, j) => (column[j] = clean[p - pre + k]!));
    tpl[k] = medianOf(column);
  }
  // Fiducial: the template's largest deflection from its baseline gives the R time and polarity.
  const base = medianOf(tpl);
  let fid = pre;
  for (let k = pre - w; k <= pre + w; k++) if (Math.abs(tpl[k]! - base) > Math.abs(tpl[fid]! - base)) fid = k;
  const polarity: 1 | -1 = tpl[fid]! >= base ? 1 : -1;

  // Best template alignment of a beat near position p (±`reach` samples): the correlation and
  // the predicted fiducial sample.
  const align = (p: number, reach: number): { corr: number; at: number } => {
    let corr = -1;
    let at = p;
    for (let lag = -reach; lag <= reach; lag++) {
      const c = correlationAt(clean, p + lag - pre, tpl);
      if (c > corr) {
        corr = c;
        at = p + lag - pre + fid;
      }
    }
    return { corr, at };
  };
  const aligned = pos.map((p) => align(p, w));
  pos = aligned.map((a) => a.at);
  let corr = aligned.map((a) => a.corr);

  // Remove extra detections (T waves, noise): in an interval shorter than 65 % of the local
  // median RR, drop the beat of the pair that matches the template worse, provided that the
  // merged interval stays ≤ 140 % of the median (a premature beat followed by its compensatory
  // pause merges into ~200 % and is kept) and unless both beats match the template well.
  let removed = 0;
  const merged = (k: number): number =>
    (k + 1 < pos.length ? pos[k + 1]! : Infinity) - (k > 0 ? pos[k - 1]! : -Infinity);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 1; i < pos.length; i++) {
      const med = localMedianRr(pos, i);
      if (pos[i]! - pos[i - 1]! >= 0.65 * med) continue;
      const order = corr[i]! < corr[i - 1]! ? [i, i - 1] : [i - 1, i];
      const worse = order.find((k) => corr[k]! < 0.8 && merged(k) <= 1.4 * med);
      if (worse === undefined) continue; // a genuine premature beat
      pos.splice(worse, 1);
      corr.splice(worse, 1);
      removed++;
      changed = true;
      break;
    }
  }

  // Add missed beats: in an interval longer than 160 % of the local median RR, the position
  // with the best template match (≥ 0.7) that leaves both parts ≥ 35 % of the median.
  let added = 0;
  for (let guard = 0; guard < pos.length; guard++) {
    let inserted = false;
    for (let i = 1; i < pos.length; i++) {
      const med = localMedianRr(pos, i);
      if (pos[i]! - pos[i - 1]! <= 1.6 * med) continue;
      const lo = Math.round(pos[i - 1]! + 0.35 * med);
      const hi = Math.round(pos[i]! - 0.35 * med);
      let best = { corr: -1, at: -1 };
      for (let p = lo; p <= hi; p++) {
        const c = correlationAt(clean, p - fid, tpl);
        if (c > best.corr) best = { corr: c, at: p };
      }
      if (best.corr >= 0.7) {
        pos.splice(i, 0, best.at);
        corr.splice(i, 0, best.corr);
        added++;
        inserted = true;
        break;
      }
    }
    if (!inserted) break;
  }
  corr = pos.map((p, i) => (corr[i]! > -1 ? corr[i]! : align(p, 0).corr));

  // Sub-sample R time: the extremum of the polarity-corrected ECG within ±2 samples (±8 ms at
  // high rates) of the aligned fiducial, parabolic interpolation of the 3 samples around it.
  const r = Math.max(2, Math.round(0.008 * fsHz));
  const tSec: number[] = [];
  const quality: number[] = [];
  pos.forEach((p, i) => {
    let best = -1;
    for (let k = Math.max(1, p - r); k <= Math.min(n - 2, p + r); k++) {
      if (best < 0 || polarity * clean[k]! > polarity * clean[best]!) best = k;
    }
    if (best < 0) return;
    const y0 = polarity * clean[best - 1]!;
    const y1 = polarity * clean[best]!;
    const y2 = polarity * clean[best + 1]!;
    const den = y0 - 2 * y1 + y2;
    const off = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (y0 - y2)) / den)) : 0;
    tSec.push((best + off) / fsHz);
    quality.push(corr[i]!);
  });

  // Noise between beats: the largest QRS-energy (MWI) value outside ±150 ms of this beat,
  // between its neighbours, relative to the record's median QRS energy. Motion artifacts and
  // noise bursts score ≥ 0.5; clean ECG (T waves, ectopic beats included) stays below ~0.2.
  const g = Math.round(0.15 * fsHz);
  const qrsEnergy = medianOf(
    tSec.map((t) => {
      const c = Math.round(t * fsHz);
      let m = 0;
      for (let k = Math.max(0, c - w); k <= Math.min(n - 1, c + w); k++) m = Math.max(m, mwi[k]!);
      return m;
    }),
  );
  const noise = tSec.map((t, i) => {
    const c = Math.round(t * fsHz);
    const a = i > 0 ? Math.round(tSec[i - 1]! * fsHz) : c - Math.round(medRr);
    const b = i < tSec.length - 1 ? Math.round(tSec[i + 1]! * fsHz) : c + Math.round(medRr);
    let m = 0;
    for (let k = Math.max(0, a + g); k <= Math.min(n - 1, b - g); k++) if (Math.abs(k - c) > g) m = Math.max(m, mwi[k]!);
    return qrsEnergy > 0 ? m / qrsEnergy : 0;
  });

  // Stretches where the ECG is no truth: from the beat before to the beat after a beat whose
  // QRS does not match the template or whose surroundings hold a noise burst.
  const unreliable: { startSec: number; endSec: number }[] = [];
  quality.forEach((q, i) => {
    if (q >= RPEAK_MIN_QUALITY && noise[i]! <= RPEAK_MAX_NOISE) return;
    const startSec = i > 0 ? tSec[i - 1]! : 0;
    const endSec = i < tSec.length - 1 ? tSec[i + 1]! : n / fsHz;
    const last = unreliable[unreliable.length - 1];
    if (last && startSec <= last.endSec) last.endSec = Math.max(last.endSec, endSec);
    else unreliable.push({ startSec, endSec });
  });
  return { tSec, quality, noise, polarity, unreliable, removed, added, searchBack };
}
