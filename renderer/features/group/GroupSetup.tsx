/**
 * The group set-up (issue 14): 2–6 participants, each a client (picked, or created here) with a
 * sensor of their own — serial, Bluetooth and simulators in any mix. A client's remembered sensor
 * (the one they last recorded with) is filled in and connected as soon as the client is picked; a
 * connected sensor no row has yet is offered as a participant: as the client it is remembered for,
 * or as a new participant. One shared pacer (the pacer form and its checks), then start: every
 * client gets a session in their own record.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { ApiError } from '../../../shared/ipc/contract.js';
import { GROUP_MAX, groupSetupProblem, prefillSensors, type ParticipantDraft } from '../../../shared/group/groupSetup.js';
import { rememberedSpecs } from '../../../shared/group/rememberedSensors.js';
import type { SensorListView } from '../../../shared/ipc/apiTypes.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { simPresetText } from '../../../shared/i18n/sessionTexts.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { reloadClients, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import { issueText } from '../client/issueText.js';
import { ClientDisplayPanel } from '../display/ClientDisplayPanel.js';
import { checkDraft, DEFAULT_DRAFT, PacerForm, sendPacerCall, type PacerDraft } from '../pacer/PacerForm.js';
import { sensorChoices } from './groupSensors.js';
import { sensorName } from './sensorName.js';
import { NewcomerList } from './NewcomerList.js';
import { ParticipantRow } from './ParticipantRow.js';
import { useRememberedSensors } from './useRememberedSensors.js';

const EMPTY_ROW: ParticipantDraft = { clientId: null, sensorKey: null };
// Kept across screen changes.
let savedRows: ParticipantDraft[] = [EMPTY_ROW, EMPTY_ROW];
let savedDraft: PacerDraft = DEFAULT_DRAFT;
let savedUsePacer = true;

export function GroupSetup() {
  const { t, fmt, locale } = useT();
  const clients = useApp((s) => s.clients);
  const channels = useApp((s) => s.channels);
  const quality = useApp((s) => s.quality);
  const remembered = useRememberedSensors();
  const [rows, setRowsState] = useState<ParticipantDraft[]>(savedRows);
  const [draft, setDraftState] = useState<PacerDraft>(savedDraft);
  const [usePacer, setUsePacer] = useState(savedUsePacer);
  const [pacerIssues, setPacerIssues] = useState<ValidationIssue[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [list, setList] = useState<SensorListView | null>(null);
  const [newName, setNewName] = useState('');
  const { busy, run } = useAction();
  // The remembered sensors as specs: a USB serial number is found on whichever port it is on now.
  const mine = rememberedSpecs(remembered.byClient, channels, list?.sensors ?? []);
  const setRows = (next: ParticipantDraft[]) => {
    savedRows = next;
    setRowsState(next);
  };
  const setDraft = (d: PacerDraft) => {
    setPacerIssues([]);
    savedDraft = d;
    setDraftState(d);
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
  /** New rows: remembered sensors filled in where empty, and every chosen sensor connected. */
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
  // `savedRows` is the latest set-up even between a click and the next render (two quick clicks
  // must not both edit the rows of the earlier render).
  const setRow = (i: number, patch: Partial<ParticipantDraft>) => update(savedRows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  /** Put `clientId` into the first row without a client (or a new row). */
  const placeClient = (clientId: number) => {
    const i = rows.findIndex((r) => r.clientId === null);
    if (i >= 0) setRow(i, { clientId });
    else if (rows.length < GROUP_MAX) update([...rows, { clientId, sensorKey: null }]);
  };
  const createClient = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const c = await api().createClient({ name: newName.trim() });
      await reloadClients(api());
      setNewName('');
      placeClient(c.id);
    });
  };

  const checked = checkDraft(draft);
  const assigned = rows.map((r) => channels.find((c) => c.spec === r.sensorKey));
  const problem = groupSetupProblem(rows) ?? (assigned.some((c) => c?.state !== 'connected') ? 'notConnected' : null) ?? (usePacer && !checked.ok ? 'fixPacer' : null);
  const start = () =>
    void run(async () => {
      if (problem !== null) return;
      const req = { clients: rows.map((r, i) => ({ clientId: r.clientId!, channel: assigned[i]!.channel })), pacer: usePacer && checked.ok ? checked.value : null };
      savedUsePacer = usePacer;
      await sendPacerCall(() => api().startGroupSession(req), setPacerIssues);
    });

  const choices = sensorChoices(channels, list, [...mine.values()], {
    sim: (n) => t('group.simN', { n }),
    channel: (c) => sensorName(c, t, fmt),
    listed: (o) => (o.kind === 'sim' ? (simPresetText(locale, o.spec) ?? o.spec) : o.label) + (o.detail ? ` — ${o.detail}` : ''),
  });
  const newcomers = channels.filter((c) => c.state === 'connected' && !rows.some((r) => r.sensorKey === c.spec));

  return (
    <div className="group-setup" data-testid="group-setup">
      <div className="group-setup-main">
        <Card title={t('group.participants')} testId="group-participants">
          <div className="stack">
            <p className="small muted">{t('group.setupHint')}</p>
            {rows.map((r, i) => (
              <ParticipantRow
                key={i}
                index={i}
                row={r}
                clients={clients}
                sensors={choices}
                channel={assigned[i]}
                quality={assigned[i] ? quality[assigned[i].channel] : undefined}
                remembered={r.clientId !== null && r.sensorKey !== null && mine.get(r.clientId) === r.sensorKey}
                error={r.sensorKey !== null ? (errors[r.sensorKey] ?? null) : null}
                busy={busy}
                onClient={(clientId) => {
                  // The previous client's remembered sensor goes with them; a sensor picked by hand stays.
                  const theirs = r.clientId !== null && r.sensorKey !== null && mine.get(r.clientId) === r.sensorKey;
                  setRow(i, { clientId, sensorKey: theirs && clientId !== r.clientId ? null : r.sensorKey });
                }}
                onSensor={(sensorKey) => setRow(i, { sensorKey })}
                onRemove={rows.length > 2 ? () => setRows(rows.filter((_, j) => j !== i)) : null}
              />
            ))}
            <div className="buttons">
              <button className="btn small" disabled={rows.length >= GROUP_MAX} onClick={() => setRows([...rows, EMPTY_ROW])} data-testid="group-add-row">
                {t('group.addParticipant')}
              </button>
            </div>
            <NewcomerList
              newcomers={newcomers}
              knownClient={(c) => {
                const id = remembered.byKey.get(c.sensorKey);
                return id === undefined || rows.some((r) => r.clientId === id) ? null : (clients.find((x) => x.id === id) ?? null);
              }}
              full={rows.length >= GROUP_MAX && rows.every((r) => r.sensorKey !== null)}
              onAdd={(c, clientId) => {
                // A row without a sensor (a recognised client: one without a client, or theirs); else a new row; a full group: the first row without a sensor.
                const rows = savedRows;
                if (rows.some((r) => r.sensorKey === c.spec)) return; // a second click before the list re-rendered
                const i = rows.findIndex((r) => r.sensorKey === null && (clientId === null || r.clientId === null || r.clientId === clientId));
                if (i >= 0) setRow(i, { sensorKey: c.spec, ...(clientId !== null ? { clientId } : {}) });
                else if (rows.length < GROUP_MAX) update([...rows, { clientId, sensorKey: c.spec }]);
                else {
                  const free = rows.findIndex((r) => r.sensorKey === null);
                  if (free >= 0) setRow(free, { sensorKey: c.spec });
                }
              }}
            />
            <form className="connect-row" onSubmit={createClient}>
              <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={t('client.name')} maxLength={200} aria-label={t('client.new')} data-testid="group-new-client-name" />
              <button className="btn" type="submit" disabled={busy || newName.trim() === ''} data-testid="group-new-client">
                {t('client.new')}
              </button>
            </form>
          </div>
        </Card>
        <Card title={t('group.startTitle')} testId="group-start-card">
          <div className="stack">
            <label className="check">
              <input type="checkbox" checked={usePacer} onChange={(e) => setUsePacer(e.target.checked)} />
              {t('group.withPacer')}
            </label>
            <button className="btn primary big" disabled={busy || problem !== null} onClick={start} data-testid="group-start">
              {t('group.start', { n: rows.length })}
            </button>
            {problem !== null && (
              <p className="small muted" data-testid="group-problem" data-problem={problem}>
                {t(`group.problem.${problem}`)}
              </p>
            )}
          </div>
        </Card>
      </div>
      <aside className="side">
        <PacerForm draft={draft} onChange={setDraft} apiIssues={pacerIssues} onApiIssues={setPacerIssues} />
        <ClientDisplayPanel group />
      </aside>
    </div>
  );
}
