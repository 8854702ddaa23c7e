/**
 * The participants card of a group set-up (the group session's and the group run's, issue 14/15):
 * a row per participant (`ParticipantRow`: client, sensor, quality, remembered), room for one more
 * up to six, the connected sensors no row has yet offered as participants (`NewcomerList`), and a
 * new client created on the spot. `extra` adds a page's own fields under each row (the group run:
 * resting HR and HRmax).
 */
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { GROUP_MAX, type ParticipantDraft } from '../../../shared/group/groupSetup.js';
import { sensorLabelText, simPresetText } from '../../../shared/i18n/sessionTexts.js';
import { usbGuessText } from '../../../shared/i18n/usbGuessText.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { reloadClients, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { sensorChoices } from './groupSensors.js';
import { NewcomerList } from './NewcomerList.js';
import { ParticipantRow } from './ParticipantRow.js';
import { sensorName } from './sensorName.js';
import { EMPTY_ROW, type Participants } from './useParticipants.js';

export function ParticipantsCard({ p, title, extra }: { p: Participants; title: string; extra?: (i: number, row: ParticipantDraft) => ReactNode }) {
  const ui = useT();
  const { t, locale } = ui;
  const clients = useApp((s) => s.clients);
  const channels = useApp((s) => s.channels);
  const quality = useApp((s) => s.quality);
  const [newName, setNewName] = useState('');
  const { rows, assigned, mine, remembered, busy } = p;
  const createClient = (e: FormEvent) => {
    e.preventDefault();
    void p.run(async () => {
      const c = await api().createClient({ name: newName.trim() });
      await reloadClients(api());
      setNewName('');
      p.placeClient(c.id);
    });
  };
  const choices = sensorChoices(channels, p.list, [...mine.values()], {
    sim: (n) => t('group.simN', { n }),
    channel: (c) => sensorName(c, ui),
    listed: (o) => (o.kind === 'sim' ? (simPresetText(locale, o.spec) ?? o.spec) : sensorLabelText(locale, o.label, o.spec)) + (o.detail ? ` — ${usbGuessText(locale, o.detail)}` : ''),
  });
  const newcomers = channels.filter((c) => c.state === 'connected' && !rows.some((r) => r.sensorKey === c.spec));
  return (
    <Card title={title} testId="group-participants">
      <div className="stack">
        <p className="small muted">{t('group.setupHint')}</p>
        {rows.map((r, i) => (
          <Fragment key={i}>
            <ParticipantRow
              index={i}
              row={r}
              clients={clients}
              sensors={choices}
              channel={assigned[i]}
              quality={assigned[i] ? quality[assigned[i].channel] : undefined}
              remembered={r.clientId !== null && r.sensorKey !== null && mine.get(r.clientId) === r.sensorKey}
              error={r.sensorKey !== null ? (p.errors[r.sensorKey] ?? null) : null}
              busy={busy}
              onClient={(clientId) => {
                // The previous client's remembered sensor goes with them; a sensor picked by hand stays.
                const theirs = r.clientId !== null && r.sensorKey !== null && mine.get(r.clientId) === r.sensorKey;
                p.setRow(i, { clientId, sensorKey: theirs && clientId !== r.clientId ? null : r.sensorKey });
              }}
              onSensor={(sensorKey) => p.setRow(i, { sensorKey })}
              onRemove={rows.length > 2 ? () => p.setRows(rows.filter((_, j) => j !== i)) : null}
            />
            {extra?.(i, r)}
          </Fragment>
        ))}
        <div className="buttons">
          <button className="btn small" disabled={rows.length >= GROUP_MAX} onClick={() => p.setRows([...rows, EMPTY_ROW])} data-testid="group-add-row">
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
            const rows = p.latest();
            if (rows.some((r) => r.sensorKey === c.spec)) return; // a second click before the list re-rendered
            const i = rows.findIndex((r) => r.sensorKey === null && (clientId === null || r.clientId === null || r.clientId === clientId));
            if (i >= 0) p.setRow(i, { sensorKey: c.spec, ...(clientId !== null ? { clientId } : {}) });
            else if (rows.length < GROUP_MAX) p.update([...rows, { clientId, sensorKey: c.spec }]);
            else {
              const free = rows.findIndex((r) => r.sensorKey === null);
              if (free >= 0) p.setRow(free, { sensorKey: c.spec });
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
  );
}
