/**
 * `BeatEngine` — from timed PPG chunks (or a sensor's own intervals) to final, artifact-corrected
 * NN beats, streaming. It is the one engine of the live worker and of the offline analysis:
 * `LivePipeline` feeds it chunk by chunk as they arrive, `analyzePpg`/`analyzeChunks` feed it a
 * whole recording and flush; both get the same beats, the same unusable stretches and the same
 * NN series (the final ones do not depend on how the stream was cut).
 *
 *   TimedChunk ─ SampleTimeline.append ─▶ SampleRepair.push ─▶ PpgPeakDetector.push ─▶ beat times → channel clock
 *     ─▶ UnusableTracker.pushBeat ─▶ NnStream.pushBeat / setUnusable ─▶ NnStream.takeFinal
 *
 * Times are on the channel clock throughout (the timeline maps the detector's sample index back).
 *
 * Beat events (the live screen's fast path, `EngineUpdate.events`): the detector's provisional
 * beats and their revisions ({@link BeatEvent}, ≈ 150–200 ms after the peak) on the channel clock,
 * plus one `final` event per beat the beat-sequence stage decided (a detection, or a sensor's own
 * beat), naming the provisional beat it confirms. Ids are unique over the engine's life (a new
 * detector after a long gap continues the numbering). Events never change the final beats.
 */
import { NnStream, type NnBeat } from './NnStream.js';
import type { NnFiducial } from './nnFiducial.js';
import { PpgPeakDetector, type BeatEvent, type DetectedBeat, type PeakDetectorSettings } from './ppgFindPeaks.js';
import { SampleRepair } from './sampleRepair.js';
import { SampleTimeline, type TimedChunk } from './sampleTimeline.js';
import type { Interval } from './signalGaps.js';
import { UnusableTracker } from './UnusableTracker.js';

/** Per-beat PPG features for the respiration estimate (channel clock). */
export interface BeatFeature {
  tSec: number;
  quality: number;
  /** Which fiducial this beat's interval is measured at (the detector's causal per-beat choice). */
  fiducial: NnFiducial;
  /** Upstroke amplitude (RIAV). */
  amplitude: number;
  /** Low-passed level at the peak (RIIV). */
  level: number;
  /** The same beat timed at its steepest upstroke and by whole-pulse alignment (channel clock; NaN if unknown): their disagreement measures timing noise. */
  tUpSec: number;
  tAlignSec: number;
}

/**
 * A beat event on the channel clock, in the order they happen:
 * - `provisional`: the fast path saw a pulse peaking at `tSec` (not decided yet);
 * - `revise`: provisional beat `id` moved to `newTSec`, or was withdrawn (`newTSec: null`);
 * - `final`: the beat-sequence stage decided a beat at `tSec` (its time never changes again);
 *   `provisionalId` is the provisional beat it confirms (null: none was shown).
 * Every provisional beat ends in exactly one `final` naming it or one withdrawal.
 */
export type LiveBeatEvent =
  | { type: 'provisional'; id: number; tSec: number }
  | { type: 'revise'; id: number; newTSec: number | null }
  | { type: 'final'; tSec: number; provisionalId: number | null };

export interface EngineUpdate {
  /** NN beats that became final (time order): what storage keeps. */
  final: NnBeat[];
  /** Unusable stretches that became final. */
  unusable: Interval[];
  /** Raw detections that became final (for quality and respiration). */
  detections: BeatFeature[];
  /** Beat events for the live screen, in order (collected only when this array is given). */
  events?: LiveBeatEvent[];
}

/** Samples repaired and detected per step of a long chunk. */
const SLICE = 4096;

const emptyUpdate = (): EngineUpdate => ({ final: [], unusable: [], detections: [] });

export class BeatEngine {
  private readonly timeline = new SampleTimeline();
  private detector: PpgPeakDetector | null = null;
  private repair: SampleRepair | null = null;
  private readonly repaired: number[] = [];
  private readonly unusable = new UnusableTracker();
  private readonly nn: NnStream;
  private missingSeen = 0;
  private lastWasNan = false;
  private readonly scratch: DetectedBeat[] = [];
  private readonly detEvents: BeatEvent[] = [];
  /** Added to the detector's provisional ids (a new detector continues the numbering). */
  private idBase = 0;
  private maxId = 0;
  private readonly settings: PeakDetectorSettings;
  private ibiClockSec = Number.NaN;
  private lastFidSec = Number.NEGATIVE_INFINITY;

  constructor(opts: { fromSensor?: boolean; detector?: PeakDetectorSettings } = {}) {
    this.nn = new NnStream({ fromSensor: opts.fromSensor });
    this.settings = opts.detector ?? {};
  }

  /** Look-ahead of the detector, s (0 before the first chunk and for interval sources). */
  get lookAheadSec(): number {
    return (this.detector?.lookAheadSec ?? 0) + (this.repair?.delaySec ?? 0);
  }

  /** Samples the repair stage filled (short gaps) and impulses it replaced (corrupt values). */
  get repairs(): { filled: number; impulses: number } {
    return { filled: this.repair?.filled ?? 0, impulses: this.repair?.impulses ?? 0 };
  }

  /** Channel time at the end of the samples pushed so far (NaN before the first). */
  get endSec(): number {
    return this.detector ? this.timeline.endSec : this.ibiClockSec;
  }

  /** Correction counts over the final beats. */
  get counts(): NnStream['counts'] {
    return this.nn.counts;
  }

  /** Every unusable stretch decided so far (not merged). */
  get unusableSoFar(): readonly Interval[] {
    return this.unusable.stretches;
  }

  /** pushChunk: the next PPG chunk on the channel clock (time order). */
  pushChunk(c: TimedChunk, out: EngineUpdate = emptyUpdate()): EngineUpdate {
    if (c.values.length === 0) return out;
    // A gap too long to fill starts a new sequence: finish the old one first (on the old timeline).
    if (this.detector && this.timeline.restartsAt(c.t0Sec)) this.finishDetector(out);
    const a = this.timeline.append(c);
    if (this.detector === null || a.restart) {
      const first = this.detector === null;
      this.detector = new PpgPeakDetector(this.timeline.firstFsHz, this.settings);
      // After a gap too long to fill, the first beats are timed partly from the band-pass's start-up
      // padding: like the far side of any gap. (Not at the very start of a stream: there no interval
      // opens before the second beat, the correction needs its first beats to start at all, and the
      // live screen would show the first heart rate two seconds later for one interval's sake.)
      if (!first) this.nn.addPadded({ startSec: c.t0Sec - 1, endSec: c.t0Sec + this.detector.paddedLeadSec });
      this.idBase = this.maxId;
      this.repair = new SampleRepair(this.timeline.firstFsHz);
      this.missingSeen = 0;
      this.lastWasNan = false;
      this.unusable.start(c.t0Sec);
    }
    const det = this.detector;
    const rep = this.repair!;
    this.scratch.length = 0;
    this.detEvents.length = 0;
    const samples = this.repaired;
    samples.length = 0;
    if (a.fill > 0) rep.push(new Float32Array(a.fill).fill(Number.NaN), samples);
    // Repair and detection take a long chunk (a whole recording offline) in slices, so the
    // repaired samples in between stay a small, reused array; both stages give the same output
    // however their input is cut.
    const values = c.values;
    for (let from = 0; from < values.length || samples.length > 0; from += SLICE) {
      if (from < values.length) rep.push(values, samples, from, Math.min(values.length, from + SLICE));
      if (samples.length > 0) {
        det.push(samples, this.scratch, out.events && this.detEvents);
        this.lastWasNan = Number.isNaN(samples[samples.length - 1]!);
        samples.length = 0;
      }
    }
    this.onDetections(out);
    return out;
  }

  /**
   * pushIntervals: intervals from the sensor itself (ms), the first starting at `startSec`
   * (channel clock; NaN = right after the previous interval; a start at the end of the previous
   * interval continues it). A jump forward starts a new segment; `markGap` the span in between.
   */
  pushIntervals(ibiMs: readonly number[], startSec: number, out: EngineUpdate = emptyUpdate()): EngineUpdate {
    if (Number.isNaN(this.ibiClockSec)) {
      this.ibiClockSec = Number.isNaN(startSec) ? 0 : startSec;
      this.unusable.start(this.ibiClockSec);
      this.addSensorBeat(this.ibiClockSec, out);
    } else if (!Number.isNaN(startSec) && startSec > this.ibiClockSec + 1e-6) {
      this.ibiClockSec = startSec;
      this.addSensorBeat(startSec, out);
    }
    for (const v of ibiMs) {
      if (!(v > 0)) continue;
      this.ibiClockSec += v / 1000;
      this.addSensorBeat(this.ibiClockSec, out);
    }
    this.drain(out);
    return out;
  }

  /** pushBeatTimes: beats at these times (channel clock, ascending; quality 1), e.g. a stored interval session. */
  pushBeatTimes(beatsSec: readonly number[], out: EngineUpdate = emptyUpdate()): EngineUpdate {
    for (const t of beatsSec) {
      if (Number.isNaN(this.ibiClockSec)) this.unusable.start(t);
      if (!(t > this.ibiClockSec) && !Number.isNaN(this.ibiClockSec)) continue;
      this.ibiClockSec = t;
      this.addSensorBeat(t, out);
    }
    this.drain(out);
    return out;
  }

  /** A span no interval may bridge (interval sources: a sensor gap), channel clock. */
  markGap(startSec: number, endSec: number, out: EngineUpdate = emptyUpdate()): EngineUpdate {
    this.unusable.missingStarted(startSec);
    this.unusable.missingEnded(endSec, out.unusable);
    this.nn.setUnusable(out.unusable, this.unusable.finalUntilSec);
    return out;
  }

  /** The beats that are not final yet, provisionally corrected (live screen). */
  provisional(out: NnBeat[] = []): NnBeat[] {
    return this.nn.provisional(out);
  }

  /** End of the stream: everything becomes final. */
  flush(out: EngineUpdate = emptyUpdate()): EngineUpdate {
    if (this.detector) this.finishDetector(out);
    const end = this.endSec;
    this.unusable.flush(Number.isFinite(end) ? end : 0, out.unusable);
    this.nn.setUnusable(out.unusable, Infinity);
    this.nn.flush(out.final);
    return out;
  }

  private finishDetector(out: EngineUpdate): void {
    const det = this.detector!;
    // The last beats of a sequence are timed partly from the padding det.flush() runs through the band-pass.
    const end = this.timeline.endSec;
    if (Number.isFinite(end)) this.nn.addPadded({ startSec: end - det.paddedTailSec, endSec: end + 1 });
    this.scratch.length = 0;
    this.detEvents.length = 0;
    // The samples the repair stage still holds, then the detector's own look-ahead.
    const rest = this.repair!.flush([]);
    const ev = out.events && this.detEvents;
    if (rest.length > 0) det.push(rest, this.scratch, ev);
    det.flush(this.scratch, ev);
    this.lastWasNan = false;
    this.onDetections(out);
  }

  private toChannel(detSec: number): number {
    return this.timeline.timeAt(detSec * this.detector!.fsHz);
  }

  private onDetections(out: EngineUpdate): void {
    const det = this.detector!;
    // Missing-sample runs: closed ones are final stretches, an open one holds finalisation back.
    const runs = det.missingRuns;
    for (let k = this.missingSeen; k < runs.length; k++) {
      const r = runs[k]!;
      this.unusable.missingStarted(this.toChannel(r.startSec));
      const open = k === runs.length - 1 && this.lastWasNan;
      if (open) break;
      this.unusable.missingEnded(this.toChannel(r.endSec), out.unusable);
      // The band-pass held its last value through the run: the beats just before and after it are
      // timed partly from that padding.
      this.nn.addPadded({ startSec: this.toChannel(r.startSec) - det.paddedTailSec, endSec: this.toChannel(r.endSec) + det.paddedLeadSec });
      this.missingSeen = k + 1;
    }
    // The fast path's events on the channel clock, in the order they happened.
    const events = out.events;
    if (events) for (const e of this.detEvents) events.push(this.channelEvent(e));
    for (const b of this.scratch) {
      const t = this.toChannel(b.tSec);
      // The fiducial the detector chose for this beat (causal, per beat), kept in beat order.
      const f = Number.isFinite(b.tFidSec) && Math.abs(b.tFidSec - b.tSec) < 0.1 ? this.toChannel(b.tFidSec) : t;
      const fid = f > this.lastFidSec ? f : t;
      this.lastFidSec = fid;
      out.detections.push({
        tSec: t,
        quality: b.quality,
        fiducial: b.fiducial,
        amplitude: b.upstroke,
        level: b.level,
        tUpSec: Number.isFinite(b.tUpSec) ? this.toChannel(b.tUpSec) : Number.NaN,
        tAlignSec: Number.isFinite(b.tAlignSec) ? this.toChannel(b.tAlignSec) : Number.NaN,
      });
      this.addBeat(t, fid, b.quality, out, b.discordant);
    }
    this.drain(out);
  }

  /** A detector event on the channel clock, its id made unique over the engine's life. */
  private channelEvent(e: BeatEvent): LiveBeatEvent {
    if (e.type === 'final') return { type: 'final', tSec: this.toChannel(e.tSec), provisionalId: e.provisionalId === null ? null : this.idBase + e.provisionalId };
    const id = this.idBase + e.id;
    if (id > this.maxId) this.maxId = id;
    if (e.type === 'provisional') return { type: 'provisional', id, tSec: this.toChannel(e.tSec) };
    return { type: 'revise', id, newTSec: e.newTSec === null ? null : this.toChannel(e.newTSec) };
  }

  /** A beat from the sensor's own intervals: final at once (no provisional beat). */
  private addSensorBeat(tSec: number, out: EngineUpdate): void {
    out.events?.push({ type: 'final', tSec, provisionalId: null });
    this.addBeat(tSec, tSec, 1, out);
  }

  private addBeat(tSec: number, fidSec: number, quality: number, out: EngineUpdate, untimed = false): void {
    const before = out.unusable.length;
    this.unusable.pushBeat(tSec, quality, out.unusable);
    this.nn.pushBeat(tSec, fidSec, quality, untimed);
    if (out.unusable.length > before) this.nn.setUnusable(out.unusable.slice(before), this.unusable.finalUntilSec);
  }

  private drain(out: EngineUpdate): void {
    this.nn.setUnusable([], this.unusable.finalUntilSec);
    this.nn.takeFinal(out.final);
  }
}
