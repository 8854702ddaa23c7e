/**
 * `breakAtGaps` — a time series prepared so that a chart shows signal gaps as gaps: values whose
 * time lies inside a gap become null (the live screen showed them frozen: not data), and a null is
 * put between two points whose segment crosses a gap, so a line never bridges one (uPlot breaks at
 * null with spanGaps off; the printed reports do the same with `seriesRuns`' breaks). Pure: the
 * review screen and its tests use the same code.
 */

export interface TimeSpan {
  startSec: number;
  endSec: number;
}

/** How far (s) a segment may touch a gap and still be drawn: an interval ending on the gap's edge. */
export const GAP_EDGE_TOLERANCE_SEC = 0.05;

/** The gaps sorted, empty and reversed ones left out. */
export function sortedGaps(gaps: readonly TimeSpan[]): TimeSpan[] {
  return gaps.filter((g) => g.endSec > g.startSec).sort((a, b) => a.startSec - b.startSec);
}

function overlapSec(a: number, b: number, g: TimeSpan): number {
  return Math.min(Math.max(a, b), g.endSec) - Math.max(Math.min(a, b), g.startSec);
}

/** Whether the segment from time a to b reaches more than the tolerance into one of the gaps. */
export function crossesGap(a: number, b: number, gaps: readonly TimeSpan[]): boolean {
  for (const g of gaps) if (overlapSec(a, b, g) > GAP_EDGE_TOLERANCE_SEC) return true;
  return false;
}

/** Whether time t lies inside a gap (beyond the edge tolerance). */
export function insideGap(t: number, gaps: readonly TimeSpan[]): boolean {
  for (const g of gaps) if (t > g.startSec + GAP_EDGE_TOLERANCE_SEC && t < g.endSec - GAP_EDGE_TOLERANCE_SEC) return true;
  return false;
}

/**
 * The series (x ascending) with nulls for non-finite values and for points inside a gap, and a null
 * point (at the middle of the segment) wherever consecutive drawn points would be joined across a
 * gap. x stays ascending.
 */
export function breakAtGaps(xs: ArrayLike<number>, ys: ArrayLike<number | null>, gaps: readonly TimeSpan[]): { x: number[]; y: (number | null)[] } {
  const g = sortedGaps(gaps);
  const x: number[] = [];
  const y: (number | null)[] = [];
  let lastDrawn: number | null = null;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const t = xs[i]!;
    const raw = ys[i];
    const v = raw !== null && raw !== undefined && Number.isFinite(raw) && !insideGap(t, g) ? raw : null;
    // (A null already between them breaks the line.)
    if (v !== null && lastDrawn !== null && y[y.length - 1] !== null && crossesGap(lastDrawn, t, g)) {
      x.push((lastDrawn + t) / 2);
      y.push(null);
    }
    x.push(t);
    y.push(v);
    if (v !== null) lastDrawn = t;
  }
  return { x, y };
}
