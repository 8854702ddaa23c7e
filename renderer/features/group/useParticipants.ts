/**
 * The participant rows of a group set-up (the group session's and the group run's): 2–6 rows, each
 * a client and a sensor. A client's remembered sensor is filled in as soon as the client is picked
 * (or once the remembered sensors arrive), and every chosen sensor is connected next to the others;
 * a refusal is kept per sensor to show at its row. The rows live in `store` (module state of the
 * page), so they are kept across screen changes.
 */
import { useEffect, useState } from 'react';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { ApiError } from '../../../shared/ipc/contract.js';
import { GROUP_MAX, groupSetupProblem, prefillSensors, type GroupSetupProblem, type ParticipantDraft } from '../../../shared/group/groupSetup.js';
import { rememberedSpecs } from '../../../shared/group/rememberedSensors.js';
import type { ChannelView, SensorListView } from '../../../shared/ipc/apiTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';
import { useAction } from '../../ui/useAsync.js';
import { issueText } from '../client/issueText.js';
import { useRememberedSensors, type RememberedSensors } from './useRememberedSensors.js';

export const EMPTY_ROW: ParticipantDraft = { clientId: null, sensorKey: null };

export interface ParticipantStore {
  rows: ParticipantDraft[];
}

export interface Participants {
  rows: ParticipantDraft[];
  /** Each row's sensor as a channel, when it is one. */
  assigned: (ChannelView | undefined)[];
  /** Why the group cannot start as far as the rows go (a row's sensor not connected included), or null. */
  problem: GroupSetupProblem | 'notConnected' | null;
  errors: Record<string, string>;
  list: SensorListView | null;
  remembered: RememberedSensors;
  /** client → their remembered sensor's spec, as connectable now. */
  mine: ReadonlyMap<number, string>;
  busy: boolean;
  run: ReturnType<typeof useAction>['run'];
  setRows: (next: ParticipantDraft[]) => void;
  /** New rows: remembered sensors filled in where empty, and every chosen sensor connected. */
  update: (next: ParticipantDraft[]) => void;
  setRow: (i: number, patch: Partial<ParticipantDraft>) => void;
  /** Put `clientId` into the first row without a client (or a new row). */
  placeClient: (clientId: number) => void;
  /** The latest rows, even between a click and the next render. */
  latest: () => ParticipantDraft[];
}

export function useParticipants(store: ParticipantStore): Participants {
  const { t, fmt, locale } = useT();
  const channels = useApp((s) => s.channels);
  const remembered = useRememberedSensors();
  const [rows, setRowsState] = useState<ParticipantDraft[]>(store.rows);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [list, setList] = useState<SensorListView | null>(null);
  const { busy, run } = useAction();
  // The remembered sensors as specs: a USB serial number is found on whichever port it is on now.
  const mine = rememberedSpecs(remembered.byClient, channels, list?.sensors ?? []);
  const setRows = (next: ParticipantDraft[]) => {
    store.rows = next;
    setRowsState(next);
  };
  useEffect(() => void run(async () => setList(await api().listSensors())), []);

  /** Connect `key` next to the others unless it is connected; a refusal is shown at the sensor's row. */
  const connect = async (key: string): Promise<void> => {
    if (channels.some((c) => c.spec === key && c.state !== 'disconnected' && c.state !== 'error')) return;
    try {
      await api().addSensor(key);
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)));
    } catch (e) {
      const issue = e instanceof ApiError ? e.issues.find((i) => i.field === 'spec') : undefined;
      setErrors((x) => ({ ...x, [key]: issue ? issueText(issue, t, fmt, locale) : errorText(locale, codedMessage(e)) }));
    }
  };
  const update = (next: ParticipantDraft[]) => {
    const filled = prefillSensors(next, mine);
    setRows(filled);
    const keys = filled.map((r) => r.sensorKey).filter((k): k is string => k !== null);
    void run(async () => {
      for (const k of keys) await connect(k);
    });
  };
  // The remembered sensors may come after a client was picked: fill them in then.
  useEffect(() => {
    if (prefillSensors(rows, mine).some((r, i) => r !== rows[i])) update(rows);
  }, [remembered, channels, list]);
  // `store.rows` is the latest set-up even between a click and the next render (two quick clicks
  // must not both edit the rows of the earlier render).
  const setRow = (i: number, patch: Partial<ParticipantDraft>) => update(store.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const placeClient = (clientId: number) => {
    const i = rows.findIndex((r) => r.clientId === null);
    if (i >= 0) setRow(i, { clientId });
    else if (rows.length < GROUP_MAX) update([...rows, { clientId, sensorKey: null }]);
  };
  const assigned = rows.map((r) => channels.find((c) => c.spec === r.sensorKey));
  const problem = groupSetupProblem(rows) ?? (assigned.some((c) => c?.state !== 'connected') ? 'notConnected' : null);
  return { rows, assigned, problem, errors, list, remembered, mine, busy, run, setRows, update, setRow, placeClient, latest: () => store.rows };
}
