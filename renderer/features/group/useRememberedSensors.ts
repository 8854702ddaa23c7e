/**
 * The remembered sensor of every client in the list (`getClientSensors`, asked a group's worth of
 * clients at a time): client → sensor key, and sensor key → the client who used it last (the one
 * a streaming sensor is recognised as). Re-read when the client list changes or a group starts.
 */
import { useEffect, useState } from 'react';
import type { ClientSensorView } from '../../../shared/ipc/apiTypes.js';
import { MAX_GROUP_CLIENTS } from '../../../shared/ipc/requestSchemas.js';
import { api } from '../../app/api.js';
import { showError, useApp } from '../../app/store.js';

export interface RememberedSensors {
  byClient: ReadonlyMap<number, string>;
  byKey: ReadonlyMap<string, number>;
}

const EMPTY: RememberedSensors = { byClient: new Map(), byKey: new Map() };

export function useRememberedSensors(): RememberedSensors {
  const clients = useApp((s) => s.clients);
  const groupId = useApp((s) => s.session.groupId);
  const [value, setValue] = useState<RememberedSensors>(EMPTY);
  useEffect(() => {
    let live = true;
    const ids = clients.map((c) => c.id);
    void (async () => {
      const rows: ClientSensorView[] = [];
      for (let i = 0; i < ids.length; i += MAX_GROUP_CLIENTS) rows.push(...(await api().getClientSensors(ids.slice(i, i + MAX_GROUP_CLIENTS))));
      if (!live) return;
      const byClient = new Map(rows.map((r) => [r.clientId, r.sensorKey]));
      const byKey = new Map<string, number>();
      for (const r of [...rows].sort((a, b) => a.lastUsedAt.localeCompare(b.lastUsedAt))) byKey.set(r.sensorKey, r.clientId); // the newest user wins
      setValue({ byClient, byKey });
    })().catch(showError);
    return () => {
      live = false;
    };
  }, [clients, groupId]);
  return value;
}
