/**
 * `MonitorBeatLines` — the beat stream of `cadans monitor --beats`: one JSON object per line on
 * stdout, from the live stream's beat events (`LiveBatch.beatEvents`, the screen's fast path):
 *
 *   {"type":"beat","tSec":n,"ibiMs":n|null,"provisional":bool,"emittedAtMs":n}
 *       a beat is first known: provisionally (the pulse peak ≈ 0.2 s ago, not decided yet) or
 *       decided (the beat-sequence stage found it, ≈ 3 s after its peak: no provisional one was shown);
 *   {"type":"revise","tSec":n,"newTSec":n|null}
 *       a provisional beat shown at `tSec` moved to `newTSec`, or was withdrawn (null).
 *
 * `tSec` is seconds since the channel's first sample (the channel clock); `ibiMs` the interval
 * from the beat before it on this stream (null for the first beat, after a gap, or when that beat
 * is more than 2.5 s before: a missed beat); `emittedAtMs` is `Date.now()` when the line is written.
 *
 * The beat lines come in ascending `tSec`. Two things keep them so:
 * - at the start, the fast path begins a few beats after the beat-sequence stage, so its first
 *   provisional beats are held back until the stage has confirmed one of them (until then every
 *   beat comes decided, in order);
 * - a beat decided later without a provisional one (the fast path missed it) that lies before
 *   provisional beats already shown: those are withdrawn (`revise` … `null`), the late beat
 *   follows, and they are shown again after it (new `beat` lines, same times).
 * With `untilSec` (`--seconds`), beats after it are left out (a provisional beat moved past it is
 * withdrawn), so the beat lines minus the withdrawals count exactly the summary's beats.
 */
import type { LiveBatch, LiveBeatEvent } from '../../shared/ipc/liveTypes.js';

export type MonitorBeatLine =
  | { type: 'beat'; tSec: number; ibiMs: number | null; provisional: boolean; emittedAtMs: number }
  | { type: 'revise'; tSec: number; newTSec: number | null };

/** A beat on the stream: its provisional id while not yet decided (null once decided, or for a decided one). */
interface Shown {
  tSec: number;
  pendingId: number | null;
}

/** An interval longer than this gets no ibiMs (a missed beat), s. */
const MAX_IBI_SEC = 2.5;
/** Beats kept for ordering and intervals, s before the newest. */
const KEEP_SEC = 30;
/** Slack when comparing with --seconds (sums of intervals differ in the last bits), as the summary. */
const EPS = 1e-6;

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

export class MonitorBeatLines {
  private readonly shown: Shown[] = [];
  /** Provisional beats held back at the start, id → time. */
  private readonly held = new Map<number, number>();
  private inStep = false;
  private readonly gaps: { startSec: number; endSec: number }[] = [];
  private count = 0;

  constructor(
    private readonly write: (line: MonitorBeatLine) => void,
    private readonly untilSec: number | null = null,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Beats on the stream now (beat lines minus withdrawals). */
  get beats(): number {
    return this.count;
  }

  addBatch(b: Pick<LiveBatch, 'beatEvents' | 'gaps' | 'analysisRestarted'>): void {
    for (const g of b.gaps) this.gaps.push({ startSec: g.startSec, endSec: g.endSec });
    if (b.analysisRestarted) this.restart();
    for (const e of b.beatEvents) this.event(e);
  }

  private event(e: LiveBeatEvent): void {
    if (e.type === 'provisional') {
      if (this.inStep) this.append(e.tSec, e.id);
      else this.held.set(e.id, e.tSec);
    } else if (e.type === 'revise') {
      if (this.held.has(e.id)) {
        if (e.newTSec === null) this.held.delete(e.id);
        else this.held.set(e.id, e.newTSec);
        return;
      }
      const k = this.shown.findIndex((s) => s.pendingId === e.id);
      if (k < 0) return;
      const s = this.shown[k]!;
      if (e.newTSec === null || !this.within(e.newTSec)) {
        this.withdraw(k);
      } else {
        this.write({ type: 'revise', tSec: round(s.tSec, 4), newTSec: round(e.newTSec, 4) });
        s.tSec = e.newTSec;
      }
    } else {
      const id = e.provisionalId;
      if (id !== null && this.held.delete(id)) {
        // The first provisional beat confirmed: the fast path is in step; what it held follows.
        this.insert(e.tSec, null);
        this.inStep = true;
        for (const [hid, t] of [...this.held].sort((a, b) => a[1] - b[1])) if (t > e.tSec) this.append(t, hid);
        this.held.clear();
        return;
      }
      const s = id === null ? undefined : this.shown.find((x) => x.pendingId === id);
      if (s) s.pendingId = null;
      else this.insert(e.tSec, null);
    }
  }

  /** A decided beat first known now: in its place (the provisional beats after it are shown again after it). */
  private insert(tSec: number, pendingId: number | null): void {
    if (!this.within(tSec)) return;
    const after: Shown[] = [];
    while (this.shown.length > 0 && this.shown[this.shown.length - 1]!.tSec >= tSec) {
      const k = this.shown.length - 1;
      after.unshift(this.shown[k]!);
      this.withdraw(k);
    }
    this.append(tSec, pendingId);
    for (const s of after) this.append(s.tSec, s.pendingId);
  }

  /** A beat after every beat on the stream. */
  private append(tSec: number, pendingId: number | null): void {
    if (!this.within(tSec)) return;
    const prev = this.shown[this.shown.length - 1];
    if (prev && !(tSec > prev.tSec)) return this.insert(tSec, pendingId);
    const ibiSec = prev ? tSec - prev.tSec : Number.NaN;
    const gapBetween = prev !== undefined && this.gaps.some((g) => g.endSec > prev.tSec && g.startSec < tSec);
    const ibiMs = ibiSec > 0 && ibiSec <= MAX_IBI_SEC && !gapBetween ? round(ibiSec * 1000, 1) : null;
    this.shown.push({ tSec, pendingId });
    this.count++;
    this.write({ type: 'beat', tSec: round(tSec, 4), ibiMs, provisional: pendingId !== null, emittedAtMs: this.nowMs() });
    while (this.shown.length > 8 && this.shown[0]!.tSec < tSec - KEEP_SEC) this.shown.shift();
  }

  private withdraw(k: number): void {
    const s = this.shown[k]!;
    this.shown.splice(k, 1);
    this.count--;
    this.write({ type: 'revise', tSec: round(s.tSec, 4), newTSec: null });
  }

  /** A new analysis pipeline: its provisional beats are new; the old pending ones will not be settled. */
  private restart(): void {
    for (let k = this.shown.length - 1; k >= 0; k--) if (this.shown[k]!.pendingId !== null) this.withdraw(k);
    this.held.clear();
    this.inStep = false;
  }

  private within(tSec: number): boolean {
    return this.untilSec === null || tSec <= this.untilSec + EPS;
  }
}
