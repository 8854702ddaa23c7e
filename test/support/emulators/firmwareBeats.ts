/**
 * FirmwareBeatDetector: the device's own beat detection, so that the BPM/IBI fields of
 * the PulseSensor sketches and the CMS50 beat bit / pulse rate are what real firmware
 * would report for the emulated waveform (not the emulator's truth).
 *
 * Behaviour modelled on PulseSensorPlayground `src/utility/PulseSensor.cpp`
 * (`resetVariables`, `processLatestSample`), described here in our own terms:
 * - it runs on every ADC sample (every 2 ms, 500 Hz) with an integer ms counter;
 * - a beat starts when the signal rises above the threshold, at least 250 ms and at
 *   least 3/5 of the last IBI after the previous beat; the IBI is the counter difference
 *   (a multiple of 2 ms);
 * - while above the threshold the peak is tracked, below it (after 3/5 IBI) the trough;
 *   when the signal falls below the threshold again, the threshold moves to the middle
 *   of trough and peak;
 * - the first beat after a start or reset is not reported; the second seeds a 10-IBI
 *   history; BPM = 60000 / (integer mean of the last 10 IBIs), integer division;
 * - 2.5 s without a beat resets: threshold back to the setting, peak/trough 512, BPM 0,
 *   IBI 600; at start BPM is 0 and IBI 750.
 * For the CMS50 (no public firmware) the same detector runs on the 60 Hz pleth with a
 * 4-beat average (`cms50Options`).
 */

export interface FirmwareBeatOptions {
  /** Sample interval, ms (PulseSensor: 2). */
  sampleMs: number;
  /** Threshold setting in device units (PulseSensor sketches: 550). */
  threshold: number;
  /** Peak/trough reset value (PulseSensor: 512, half the 10-bit range). */
  mid: number;
  /** IBIs averaged for BPM (PulseSensor: 10). */
  averageCount: number;
  /** Whether the first beat after a (re)start is withheld (PulseSensor: yes). */
  discardFirstBeat: boolean;
}

export const PULSESENSOR_BEATS: FirmwareBeatOptions = { sampleMs: 2, threshold: 550, mid: 512, averageCount: 10, discardFirstBeat: true };

export function cms50Options(fsHz: number): FirmwareBeatOptions {
  return { sampleMs: 1000 / fsHz, threshold: 64, mid: 64, averageCount: 4, discardFirstBeat: true };
}

/** A reported beat: IBI and BPM as the firmware prints them. */
export interface FirmwareBeat {
  readonly ibiMs: number;
  readonly bpm: number;
}

export class FirmwareBeatDetector {
  /** BPM as the firmware would print it now (0 until two beats). */
  bpm = 0;
  /** IBI as the firmware would print it now, ms. */
  ibiMs = 750;
  private counterMs = 0;
  private lastBeatMs = 0;
  private thresh: number;
  private peak: number;
  private trough: number;
  private inPulse = false;
  private first = true;
  private second = false;
  private history: number[] = [];

  constructor(private readonly o: FirmwareBeatOptions) {
    this.thresh = o.threshold;
    this.peak = this.trough = o.mid;
    this.first = o.discardFirstBeat;
  }

  /** step: one ADC sample; returns the beat reported at this sample, if any. */
  step(value: number): FirmwareBeat | null {
    const o = this.o;
    this.counterMs += o.sampleMs;
    const since = this.counterMs - this.lastBeatMs;
    const refractory = Math.floor(this.ibiMs / 5) * 3;
    let beat: FirmwareBeat | null = null;
    if (value < this.thresh && since > refractory && value < this.trough) this.trough = value;
    if (value > this.thresh && value > this.peak) this.peak = value;
    if (since > 250 && value > this.thresh && !this.inPulse && since > refractory) {
      this.inPulse = true;
      this.ibiMs = Math.round(since);
      this.lastBeatMs = this.counterMs;
      if (this.second) {
        this.second = false;
        this.history = Array.from({ length: o.averageCount }, () => this.ibiMs);
      }
      if (this.first) {
        this.first = false;
        this.second = true;
      } else {
        if (this.history.length === 0) this.history = Array.from({ length: o.averageCount }, () => this.ibiMs);
        this.history.push(this.ibiMs);
        if (this.history.length > o.averageCount) this.history.shift();
        const mean = Math.floor(this.history.reduce((s, v) => s + v, 0) / this.history.length);
        this.bpm = Math.floor(60000 / mean);
        beat = { ibiMs: this.ibiMs, bpm: this.bpm };
      }
    }
    if (value < this.thresh && this.inPulse) {
      this.inPulse = false;
      const amp = this.peak - this.trough;
      this.thresh = this.trough + amp / 2;
      this.peak = this.trough = this.thresh;
    }
    if (this.counterMs - this.lastBeatMs > 2500) {
      this.thresh = o.threshold;
      this.peak = this.trough = o.mid;
      this.lastBeatMs = this.counterMs;
      this.first = o.discardFirstBeat;
      this.second = false;
      this.history = [];
      this.bpm = 0;
      this.ibiMs = 600;
      this.inPulse = false;
    }
    return beat;
  }
}
