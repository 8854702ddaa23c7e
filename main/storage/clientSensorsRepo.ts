/**
 * Remembered sensor per client (issue 14, migration 8): which sensor (`sensorKey`: its spec) a
 * client last recorded with, so the group set-up assigns it again next time — like a club heart-rate
 * system's automatic sign-in. Written when a session (single or group) starts; a database from
 * before migration 8 opened read-only simply remembers nothing.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { IsoDateTime } from '../../shared/domain/types.js';

export interface ClientSensor {
  clientId: number;
  sensorKey: string;
  lastUsedAt: IsoDateTime;
}

interface Row {
  client_id: number;
  sensor_key: string;
  last_used_at: string;
}

export class ClientSensorsRepo {
  constructor(private readonly db: Db) {}

  /** False on a database from before migration 8 opened read-only. */
  get available(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'client_sensors'").get() !== undefined;
  }

  /**
   * `remember` — client `clientId` records with sensor `sensorKey` now. The same sensor remembered
   * for another client is not taken from them: each client's newest sensor is theirs (see `latest`).
   */
  remember(clientId: number, sensorKey: string, now: Date = new Date()): void {
    if (!this.available) return;
    this.db
      .prepare(
        `INSERT INTO client_sensors (client_id, sensor_key, last_used_at) VALUES (?, ?, ?)
         ON CONFLICT (client_id, sensor_key) DO UPDATE SET last_used_at = excluded.last_used_at`,
      )
      .run(clientId, sensorKey, now.toISOString());
  }

  /** Each asked client's most recently used sensor (clients without one are left out), in the order asked. */
  latest(clientIds: readonly number[]): ClientSensor[] {
    if (!this.available || clientIds.length === 0) return [];
    const q = this.db.prepare<[number], Row>(
      'SELECT client_id, sensor_key, last_used_at FROM client_sensors WHERE client_id = ? ORDER BY last_used_at DESC, rowid DESC LIMIT 1',
    );
    const out: ClientSensor[] = [];
    for (const id of new Set(clientIds)) {
      const r = q.get(id);
      if (r) out.push({ clientId: r.client_id, sensorKey: r.sensor_key, lastUsedAt: r.last_used_at });
    }
    return out;
  }
}
