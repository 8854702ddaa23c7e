/** Metric time series of a session ('coherence', 'rmssd', 'resp_rate', 'hr' ...); null values = not available. */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { MetricPoint, MetricSeries } from '../../shared/domain/types.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';
import { finiteOrNull, isForeignKeyError, requireFinite } from './storageHelpers.js';

interface MetricDbRow {
  name: string;
  t_sec: number;
  value: number | null;
}

export class MetricsRepo {
  private readonly insertStmt;
  private readonly seriesStmt;
  private readonly allStmt;
  private readonly namesStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO metric_points (session_id, name, t_sec, value) VALUES (?, ?, ?, ?)');
    this.seriesStmt = db.prepare<[number, string, number, number], MetricDbRow>(
      `SELECT name, t_sec, value FROM metric_points
       WHERE session_id = ? AND name = ? AND t_sec >= ? AND t_sec < ? ORDER BY t_sec, id`,
    );
    this.allStmt = db.prepare<[number], MetricDbRow>(
      'SELECT name, t_sec, value FROM metric_points WHERE session_id = ? ORDER BY name, t_sec, id',
    );
    this.namesStmt = db.prepare<[number], string>(
      'SELECT DISTINCT name FROM metric_points WHERE session_id = ? ORDER BY name',
    ).pluck();
  }

  /** Store points (one transaction); non-finite values are stored as null. Returns the number stored. */
  append(sessionId: number, points: readonly MetricPoint[]): number {
    if (points.length === 0) return 0;
    const rows = points.map((p) => {
      if (typeof p.name !== 'string' || p.name === '') throw new TypeError('MetricsRepo.append: name must be non-empty text.');
      return [p.name, requireFinite('MetricsRepo.append', 'tSec', p.tSec), finiteOrNull(p.value)] as const;
    });
    try {
      const insertAll = (): void => {
        for (const r of rows) this.insertStmt.run(sessionId, ...r);
      };
      if (this.db.inTransaction) insertAll();
      else this.db.transaction(insertAll)();
    } catch (e) {
      if (isForeignKeyError(e)) throw new NotFoundError('session', sessionId);
      throw e;
    }
    return rows.length;
  }

  /** One series, optionally limited to `fromSec ≤ t < toSec`. */
  series(sessionId: number, name: string, fromSec = -Infinity, toSec = Infinity): MetricSeries {
    const out: MetricSeries = { tSec: [], value: [] };
    for (const r of this.seriesStmt.all(sessionId, name, fromSec, toSec)) {
      out.tSec.push(r.t_sec);
      out.value.push(r.value);
    }
    return out;
  }

  /** All series of a session by name. */
  all(sessionId: number): Record<string, MetricSeries> {
    const out: Record<string, MetricSeries> = {};
    for (const r of this.allStmt.all(sessionId)) {
      const s = (out[r.name] ??= { tSec: [], value: [] });
      s.tSec.push(r.t_sec);
      s.value.push(r.value);
    }
    return out;
  }

  /** Names of the stored series. */
  names(sessionId: number): string[] {
    return this.namesStmt.all(sessionId);
  }
}
