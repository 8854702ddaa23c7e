import { lowerBound } from './nnGaps.js';
import { selectKth } from './quickselect.js';
import { SortedWindow } from './SortedWindow.js';

/** Candidate upstrokes the scale is taken from. */
const SCALE_RING = 24;
/** Intervals between emitted beats kept for the heart-period estimate of the scale. */
const IBI_RING = 9;
/** Intervals needed before that estimate replaces {@link PRIOR_IBI_SEC}. */
const MIN_IBIS = 5;
/** Heart period assumed until then, s (≈ 30 bpm: the prior that counts the fewest beats, so it never takes ripples for beats). */
const PRIOR_IBI_SEC = 2;
/** The scale is this quantile from the top of the upstrokes of the beats expected in the ring. */
const SCALE_RANK = 0.4;

/**
 * `UpstrokeScale` — the upstroke scale of {@link BeatSequenceDp}: the typical upstroke of the
 * beats among the recent candidates (see `update`), with the heart period it assumes (the median
 * interval between the emitted beats, see `noteInterval`).
 */
export class UpstrokeScale {
  private readonly ups = new Float64Array(SCALE_RING);
  private readonly upT = new Float64Array(SCALE_RING);
  private upsCount = 0;
  private readonly ibis = new Float64Array(IBI_RING);
  private readonly ibiSorted = new Float64Array(IBI_RING);
  /**
   * The same intervals kept in order, so the median is read without a selection per beat (the
   * same order statistic as `selectKth`); not used once a NaN was noted (then the selection runs,
   * until `reset`).
   */
  private readonly ibiWin = new SortedWindow(IBI_RING);
  private ibiWinOk = true;
  private ibiCount = 0;
  /** Median of the recent intervals between emitted beats, s (0 until MIN_IBIS are known). */
  private ibiMedianSec = 0;
  private readonly sorted = new Float64Array(SCALE_RING + 1);
  /** Current upstroke scale (0 before any candidate). */
  scale = 0;

  /** Intervals outside minIbiSec … maxIbiSec (s) do not count towards the heart period. */
  constructor(
    private readonly minIbiSec: number,
    private readonly maxIbiSec: number,
  ) {}

  /**
   * A candidate's upstroke at tSec (one that is not > 0 leaves the scale unchanged). The scale: of the last SCALE_RING candidate upstrokes (kept sorted: binary insert/remove),
   * the one SCALE_RANK of the way down the n largest, n being the number of beats the ring's time
   * span holds at the recent heart period (median interval between emitted beats; PRIOR_IBI_SEC
   * before MIN_IBIS intervals are known). Every candidate counts, so the scale follows a
   * weakening pulse; but a fixed percentile of all candidates would not measure beats: a slow
   * pulse's long diastole holds many ripples (at 35 bpm the ring is 80 % ripples, and the 80th
   * percentile flips between pulse and ripple size, letting ripples in as beats), while a fast
   * pulse with alternating strong and weak beats needs the weak ones in the scale.
   */
  update(up: number, tSec: number): void {
    if (!(up > 0)) return;
    const sorted = this.sorted;
    let m = Math.min(this.upsCount, SCALE_RING);
    if (this.upsCount >= SCALE_RING) {
      const old = this.ups[this.upsCount % SCALE_RING]!;
      const i = lowerBound(sorted, old, 0, m);
      // (Shifts written out: `copyWithin` is a runtime call, costlier than these few moves.)
      for (let q = i; q < m - 1; q++) sorted[q] = sorted[q + 1]!;
      m--;
    }
    const j = lowerBound(sorted, up, 0, m);
    for (let q = m; q > j; q--) sorted[q] = sorted[q - 1]!;
    sorted[j] = up;
    m++;
    this.ups[this.upsCount % SCALE_RING] = up;
    this.upT[this.upsCount % SCALE_RING] = tSec;
    this.upsCount++;
    const oldestSec = this.upT[this.upsCount >= SCALE_RING ? this.upsCount % SCALE_RING : 0]!;
    // Beats in the span: at the known heart period, those it holds (the first one included);
    // before that, the fewest it can hold at the slowest heart rate.
    const spanSec = tSec - oldestSec;
    const expected = this.ibiMedianSec > 0 ? Math.round(spanSec / this.ibiMedianSec) + 1 : Math.floor(spanSec / PRIOR_IBI_SEC);
    const beats = Math.max(1, Math.min(m, expected));
    this.scale = sorted[m - 1 - Math.floor(SCALE_RANK * beats)]!;
  }

  /** A beat was emitted `dSec` after the previous one: update the heart-period estimate of the scale. */
  noteInterval(dSec: number): void {
    // Only once the ring is full: the first candidates include the filters' start-up.
    if (this.upsCount < SCALE_RING || dSec < this.minIbiSec || dSec > this.maxIbiSec) return;
    const slot = this.ibiCount % IBI_RING;
    if (this.ibiWinOk) {
      if (dSec !== dSec) {
        this.ibiWinOk = false;
      } else {
        if (this.ibiCount >= IBI_RING) this.ibiWin.remove(this.ibis[slot]!);
        this.ibiWin.insert(dSec);
      }
    }
    this.ibis[slot] = dSec;
    this.ibiCount++;
    const n = Math.min(this.ibiCount, IBI_RING);
    if (n < MIN_IBIS) return;
    if (this.ibiWinOk) {
      this.ibiMedianSec = this.ibiWin.kth(n >> 1);
      return;
    }
    const a = this.ibiSorted;
    for (let i = 0; i < n; i++) a[i] = this.ibis[i]!;
    this.ibiMedianSec = selectKth(a, n, n >> 1);
  }

  reset(): void {
    this.upsCount = 0;
    this.ibiCount = 0;
    this.ibiWin.clear();
    this.ibiWinOk = true;
    this.ibiMedianSec = 0;
    this.scale = 0;
  }
}
