import { BeatSequenceDp, DEFAULT_DP, type DpSettings, type PeakCandidate } from './BeatSequenceDp.js';
import { BlockDecimator } from './BlockDecimator.js';
import { PpgCleaner, type PpgCleanSettings } from './ppgClean.js';
import { BeatTemplate } from './BeatTemplate.js';
import { NnFiducialSelector } from './nnFiducial.js';
import { DEFAULT_PULSE_ALIGN, PulseAligner } from './pulseAlign.js';
import type { DetectedBeat, MissingRun } from './DetectedBeat.js';
import { ProvisionalBeats, type BeatEvent } from './pulseProvisional.js';

export type { BeatEvent } from './pulseProvisional.js';
export type { DetectedBeat, MissingRun } from './DetectedBeat.js';

export interface PeakDetectorSettings {
  clean?: PpgCleanSettings;
  dp?: Partial<DpSettings>;
}

/** Detection-rate samples processed per block (see `PpgPeakDetector.run`). */
const BLOCK = 512;
/** Slots of `PpgPeakDetector.fstate`. */
const F_Y1 = 0;
const F_Y2 = 1;
const F_MIN = 2;

/**
 * `PpgPeakDetector` — streaming PPG beat detector: `push(chunk)` any number of samples at a time,
 * `flush()` at the end. The same sample-by-sample computation runs live and offline
 * ({@link ppgFindPeaks}), so both give identical beats whatever the chunking.
 *
 * Pipeline: {@link PpgCleaner} (linear-phase 0.8–4.5 Hz band-pass) → candidate systolic peaks
 * (local maxima with their upstroke = peak − preceding trough) → {@link BeatSequenceDp}
 * (which candidates are beats) → sub-sample peak time by parabolic interpolation of the three
 * samples around the maximum (the delay of the linear-phase filter is exact and removed) →
 * per-beat quality from template correlation ({@link BeatTemplate}) and amplitude.
 *
 * Beat timing: each final beat also carries its maximum-upstroke-slope time, its whole-pulse
 * template alignment ({@link PulseAligner}) and the NN fiducial chosen causally per beat
 * ({@link NnFiducialSelector}) as `tFidSec`; `tSec` stays the systolic peak.
 *
 * Look-ahead (live latency of a final beat after its peak): the filter delay plus the DP lag,
 * `lookAheadSec` (≈ 2.8 s with the defaults). Finalisation runs only at candidate arrivals
 * and at fixed sample-time ticks, which keeps the output independent of chunk sizes.
 *
 * Provisional path ({@link ProvisionalBeats}): a causal detector on the low-passed signal emits
 * each pulse as a `provisional` {@link BeatEvent} ≈ 150–200 ms after its peak; when the DP makes
 * the beat final, `DetectedBeat.provisionalId` names that event, and a `revise` event moves it
 * (final time > 20 ms away) or withdraws it (not a beat); a `final` event marks each final beat in
 * the event stream. Final beats are unaffected by this path.
 * `flush()` emits every pending final beat and withdraws the provisional beats none confirms.
 */
export class PpgPeakDetector {
  readonly fsHz: number;
  readonly lookAheadSec: number;
  /**
   * The end of a stream's last `paddedTailSec` seconds: a beat peaking there is timed partly from
   * the padding `flush()` runs through the band-pass (the filter's delay, plus the part of the
   * pulse the whole-pulse alignment reads after the peak), not from data alone. On the real
   * recordings such a beat's fiducial time moved by 2–3 ms on average (up to 14 ms) against the
   * same beat with the signal going on, while beats further from the end did not move at all.
   */
  readonly paddedTailSec: number;
  /**
   * Likewise the first `paddedLeadSec` seconds after a run of missing samples (and of a stream):
   * the band-pass holds (or starts from) a constant there, and the alignment reads the pulse before
   * the peak. (On the real recordings a beat's fiducial moved by 4 ms on average, up to 50 ms,
   * within 0.5 s after a 2-s gap, and by up to 25 ms within 0.5 s of the start.)
   */
  readonly paddedLeadSec: number;
  /** Decimation factor M and the detection rate fsHz / M. */
  readonly decim: number;
  readonly fsDet: number;
  private readonly timeOffsetSec: number;
  private j = 0; // detection-rate samples produced
  private readonly cleaner: PpgCleaner;
  private readonly dp: BeatSequenceDp;
  private readonly template: BeatTemplate;
  private readonly aligner: PulseAligner;
  private readonly selector = new NnFiducialSelector();
  private readonly prov = new ProvisionalBeats();
  private readonly lagSec: number;
  private readonly lpDelay: number;
  /** Running lag systolic peak − max upstroke slope, detection-rate samples (NaN until known). */
  private upLag = NaN;
  private readonly delay: number;
  private readonly tickEvery: number;
  private readonly suspectSpan: number;
  private tick = 0;
  /**
   * The per-sample floating-point state (the filtered values at m − 1 and m − 2, the lowest
   * filtered value since the last candidate), in a typed array rather than fields: the hot loop
   * keeps them in unboxed locals.
   */
  private readonly fstate = Float64Array.of(0, 0, Infinity);
  // Missing-sample runs (input indices), the last few kept for the suspect test.
  private readonly nanStart = new Float64Array(16);
  private readonly nanEnd = new Float64Array(16);
  private nanCount = 0;
  private readonly fin: PeakCandidate[] = [];

  constructor(fsHz: number, settings: PeakDetectorSettings = {}) {
    if (!(fsHz >= 20 && fsHz <= 5000)) throw new RangeError(`sample rate ${fsHz} Hz is out of range (20–5000 Hz)`);
    this.fsHz = fsHz;
    // Detection runs at fsHz / M ≥ 100 Hz: the pulse has no content above ~10 Hz. Each block of M
    // input samples is averaged (a boxcar/CIC decimator), centred at (M − 1) / 2 within its block.
    this.decim = Math.max(1, Math.floor(fsHz / 100));
    this.fsDet = fsHz / this.decim;
    this.timeOffsetSec = (this.decim - 1) / 2 / fsHz;
    this.dec = new BlockDecimator(fsHz, this.decim, BLOCK);
    this.cleaner = new PpgCleaner(this.fsDet, settings.clean);
    this.dp = new BeatSequenceDp(settings.dp);
    this.delay = this.cleaner.delaySamples;
    this.template = new BeatTemplate(this.fsDet, Math.ceil(((settings.dp?.lagSec ?? 2) + 8) * this.fsDet + this.delay));
    this.aligner = new PulseAligner(this.fsDet);
    this.lagSec = settings.dp?.lagSec ?? DEFAULT_DP.lagSec;
    this.lpDelay = this.cleaner.lowPassDelaySamples;
    this.tickEvery = Math.max(1, Math.round(this.fsDet / 5)); // release final beats every 0.2 s of signal
    this.suspectSpan = 3 * Math.max(3, Math.round(this.fsDet / 18) | 1);
    this.lookAheadSec = this.delay / this.fsDet + this.decim / fsHz + (settings.dp?.lagSec ?? 2);
    this.paddedTailSec = (this.delay + 1) / this.fsDet + this.decim / fsHz + DEFAULT_PULSE_ALIGN.postSec + DEFAULT_PULSE_ALIGN.searchSec;
    this.paddedLeadSec = (this.delay + 1) / this.fsDet + this.decim / fsHz + DEFAULT_PULSE_ALIGN.preSec + DEFAULT_PULSE_ALIGN.searchSec;
  }

  /** Missing-sample runs seen so far (seconds). */
  get missingRuns(): readonly MissingRun[] {
    return this.dec.missing;
  }

  /**
   * Push a chunk of raw samples (NaN = missing). Returns the beats that became final. `events`
   * receives the provisional beats, their revisions and a `final` event per final beat (see
   * {@link BeatEvent}), in the order they happen.
   */
  push(values: ArrayLike<number>, out: DetectedBeat[] = [], events?: BeatEvent[]): DetectedBeat[] {
    let i = 0;
    let nb = 0; // detection-rate samples waiting in the decimator's block
    const dec = this.dec;
    while (i < values.length) {
      // (One block at a time through a short-lived call: the decimation loop then runs as
      // ordinarily optimised code, whatever the chunk size.)
      nb = dec.fill(values, i, nb);
      i = dec.next;
      if (nb === BLOCK) {
        this.run(nb, out, events);
        nb = 0;
      }
    }
    if (nb > 0) this.run(nb, out, events);
    return out;
  }

  /** The first stage: input samples into blocks of detection-rate samples (and the missing runs). */
  private readonly dec: BlockDecimator;

  // Detection-rate samples are processed in blocks of up to BLOCK: the decimator's values (NaN =
  // missing) and missing flags, then the cleaner's outputs for the block.
  private readonly blkY = new Float64Array(BLOCK);
  private readonly blkLpNow = new Float64Array(BLOCK);
  private readonly blkLp = new Float64Array(BLOCK);

  /**
   * The detection-rate samples blkX[0 … nb − 1]: the cleaner filters the whole block first (it
   * depends on nothing downstream), then the candidate test and the finalisation ticks run
   * sample by sample, the provisional path and the template ring brought up to date before each
   * of them. Every stage sees its samples in the order and with the state of a one-sample-at-a-
   * time pipeline, so the beats and events are the same whatever the chunking.
   */
  private run(nb: number, out: DetectedBeat[], events: BeatEvent[] | undefined): void {
    const dec = this.dec;
    const blkNan = dec.blkNan;
    const blkY = this.blkY;
    const blkLp = this.blkLp;
    const blkX = dec.blkX;
    if (dec.anyNan) {
      for (let k = 0; k < nb; k++) if (blkNan[k] !== 0) blkX[k] = NaN;
      dec.anyNan = false;
    }
    this.cleaner.pushBlock(blkX, nb, blkY, this.blkLpNow, blkLp);
    const lpDelay = this.lpDelay;
    const delay = this.delay;
    const tickEvery = this.tickEvery;
    const dp = this.dp;
    const j0 = this.j;
    const fstate = this.fstate;
    let y1 = fstate[F_Y1]!; // filtered value at m−1
    let y2 = fstate[F_Y2]!; // filtered value at m−2
    let minSinceMax = fstate[F_MIN]!;
    let tick = this.tick;
    // The provisional path (low-passed samples of index ≥ 0, i.e. block index ≥ lpDelay − j0) and
    // the template ring (band-passed samples, block index ≥ delay − j0) are brought up to the
    // current sample in stretches: before each candidate and tick (which read them, and a
    // candidate may change the DP's scale that the provisional path uses) and at the block's end.
    let provDone = Math.max(0, lpDelay - j0);
    let tplDone = Math.max(0, delay - j0);
    for (let k = 0; k < nb; k++) {
      const jIdx = j0 + k;
      if (blkNan[k] !== 0) this.markNan(jIdx);
      const m = jIdx - delay; // index of y in the detection-rate time base
      if (m < 0) continue;
      const y = blkY[k]!;
      if (m >= 2 && y1 > y2 && y1 >= y) {
        this.catchUp(provDone, tplDone, k + 1, j0, events);
        provDone = tplDone = k + 1;
        this.onCandidate(m - 1, y2, y1, y, y1 - minSinceMax, blkLp[k]!, out, events);
        minSinceMax = y;
      } else if (y < minSinceMax) {
        minSinceMax = y;
      }
      y2 = y1;
      y1 = y;
      if (++tick === tickEvery) {
        this.catchUp(provDone, tplDone, k + 1, j0, events);
        provDone = tplDone = k + 1;
        tick = 0;
        this.clearFin();
        this.emit(dp.advance(this.timeOf(m), this.fin), out, events);
        this.prov.expire(this.timeOf(m) - this.lagSec, events);
      }
    }
    this.catchUp(provDone, tplDone, nb, j0, events);
    this.j = j0 + nb;
    fstate[F_Y1] = y1;
    fstate[F_Y2] = y2;
    fstate[F_MIN] = minSinceMax;
    this.tick = tick;
  }

  /**
   * The provisional path over block samples provFrom … to − 1 (from the low-passed values) and
   * the template ring over tplFrom … to − 1 (band-passed values); j0 is the block's first
   * detection-rate index. Each stretch may be empty (not started yet: within the filter delays).
   */
  private catchUp(provFrom: number, tplFrom: number, to: number, j0: number, events: BeatEvent[] | undefined): void {
    if (provFrom < to) this.prov.pushBlock(this.blkLpNow, provFrom, to, j0 + provFrom - this.lpDelay, this.dp.scale, this.timeOfFn, events);
    if (tplFrom < to) this.template.storeBlock(this.blkY, tplFrom, to, j0 + tplFrom - this.delay);
  }

  /** Empty the DP's output scratch (by `pop`: a length write is a runtime call and drops the array's storage). */
  private clearFin(): void {
    const fin = this.fin;
    while (fin.length > 0) fin.pop();
  }

  private readonly timeOfFn = (k: number): number => this.timeOf(k);

  /** Time (s, input time base) of detection-rate sample index k (may be fractional). */
  private timeOf(k: number): number {
    return (k * this.decim) / this.fsHz + this.timeOffsetSec;
  }

  private markNan(j: number): void {
    const k = (this.nanCount - 1) % 16;
    if (this.nanCount > 0 && this.nanEnd[k]! >= j - 1) {
      this.nanEnd[k] = j;
    } else {
      const kk = this.nanCount++ % 16;
      this.nanStart[kk] = j;
      this.nanEnd[kk] = j;
    }
  }

  /** End of data: emit every remaining beat (and withdraw the provisional beats none confirms). */
  flush(out: DetectedBeat[] = [], events?: BeatEvent[]): DetectedBeat[] {
    // Run the filter's delay worth of the last value through the pipeline so the tail is filtered
    // too (the padding is not recorded as data: no missing run, no sample count).
    const last = this.dec.lastValid;
    const hold = last === last ? last : 0;
    let steps = this.delay + 2;
    while (steps > 0) {
      const nb = Math.min(steps, BLOCK);
      this.dec.blkX.fill(hold, 0, nb);
      this.dec.blkNan.fill(0, 0, nb);
      this.run(nb, out, events);
      steps -= nb;
    }
    this.clearFin();
    this.emit(this.dp.flush(this.fin), out, events);
    this.prov.expire(Infinity, events);
    return out;
  }

  reset(): void {
    this.cleaner.reset();
    this.dp.reset();
    this.template.reset();
    this.aligner.reset();
    this.selector.reset();
    this.prov.reset();
    this.upLag = NaN;
    this.dec.reset();
    this.j = 0;
    this.tick = 0;
    this.fstate.set([0, 0, Infinity]);
    this.nanCount = 0;
  }

  /** A local maximum a1 at p (a0, a2 its neighbours), `up` above the lowest value since the previous one, `level` the low-passed level there. */
  private onCandidate(p: number, a0: number, a1: number, a2: number, up: number, level: number, out: DetectedBeat[], events: BeatEvent[] | undefined): void {
    if (!(up > 0)) return;
    const den = a0 - 2 * a1 + a2;
    let delta = den < 0 ? (0.5 * (a0 - a2)) / den : 0;
    if (delta > 0.5) delta = 0.5;
    else if (delta < -0.5) delta = -0.5;
    const c: PeakCandidate = {
      tSec: this.timeOf(p + delta),
      upstroke: up,
      sampleIndex: p,
      suspect: this.nearMissing(p),
      level,
    };
    this.clearFin();
    this.emit(this.dp.push(c, this.fin), out, events);
  }

  private emit(cands: PeakCandidate[], out: DetectedBeat[], events: BeatEvent[] | undefined): void {
    for (const c of cands) {
      const q = this.template.score(c.sampleIndex, c.upstroke) * (c.suspect ? 0.3 : 1);
      const up = this.template.upstrokeIndex(c.sampleIndex);
      const tUpSec = Number.isFinite(up) ? this.timeOf(up) : NaN;
      const tAlignSec = c.suspect ? NaN : this.alignPulse(c, up);
      const fid = this.selector.push(c.tSec, tUpSec, tAlignSec);
      const provisionalId = this.prov.onFinal(c.tSec, q, events);
      events?.push({ type: 'final', tSec: c.tSec, provisionalId });
      out.push({
        tSec: c.tSec,
        tUpSec,
        tAlignSec,
        tFidSec: fid.tSec,
        fiducial: fid.fiducial,
        discordant: fid.discordant,
        sampleIndex: Math.round(c.tSec * this.fsHz),
        upstroke: c.upstroke,
        level: c.level ?? NaN,
        quality: q,
        provisionalId,
      });
    }
  }

  /** Template alignment of the pulse of candidate c (expected at its upstroke + the usual lag, else at its peak). */
  private alignPulse(c: PeakCandidate, up: number): number {
    const peak = (c.tSec - this.timeOffsetSec) * this.fsDet; // fractional detection-rate index
    if (up === up) {
      const lag = peak - up;
      if (this.upLag !== this.upLag) this.upLag = lag;
      else if (Math.abs(lag - this.upLag) < 0.1 * this.fsDet) this.upLag += 0.1 * (lag - this.upLag);
    }
    const centre = up === up && this.upLag === this.upLag ? up + this.upLag : peak;
    const reach = this.aligner.reach;
    const lo = Math.floor(centre) - reach.before;
    const hi = Math.ceil(centre) + reach.after;
    if (!this.template.holds(lo, hi)) return NaN;
    // Copy the stretch once (contiguous) for the aligner.
    if (this.segment.length < hi - lo + 1) this.segment = new Float64Array(hi - lo + 1);
    this.template.copyRange(lo, hi, this.segment);
    const tau = this.aligner.align(this.segment, centre - lo);
    return tau === tau ? this.timeOf(tau + lo) : NaN;
  }

  private segment = new Float64Array(0);

  private nearMissing(p: number): boolean {
    const lo = p - this.suspectSpan;
    const hi = p + this.suspectSpan;
    const k0 = Math.max(0, this.nanCount - 16);
    for (let k = k0; k < this.nanCount; k++) {
      const j = k % 16;
      if (this.nanEnd[j]! >= lo && this.nanStart[j]! <= hi) return true;
    }
    return false;
  }
}

/**
 * `ppgFindPeaks` — offline beat detection on a whole PPG recording with {@link PpgPeakDetector}
 * (identical to the live path). Returns the beats and the missing-sample runs.
 */
export function ppgFindPeaks(
  values: ArrayLike<number>,
  fsHz: number,
  settings?: PeakDetectorSettings,
): { beats: DetectedBeat[]; missing: MissingRun[]; lookAheadSec: number } {
  const det = new PpgPeakDetector(fsHz, settings);
  const beats: DetectedBeat[] = [];
  det.push(values, beats);
  det.flush(beats);
  return { beats, missing: [...det.missingRuns], lookAheadSec: det.lookAheadSec };
}
