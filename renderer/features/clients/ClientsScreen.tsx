/**
 * Clients and their saved sessions: the client list, the selected client's sessions with their
 * summary numbers, and the summary of the chosen session (opening into its review).
 */
import { useEffect, useState } from 'react';
import type { SessionListItem } from '../../../shared/domain/types.js';
import { api } from '../../app/api.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { onRecordsChange, setState, showError, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { SessionSummaryCard } from '../review/SessionSummaryCard.js';
import { NewClientForm } from './NewClientForm.js';

const num = (o: unknown, key: string): number | null => {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function ClientsScreen({ clientId }: { clientId: number | null }) {
  const { t, fmt } = useT();
  const clients = useApp((s) => s.clients);
  const storeSelected = useApp((s) => s.selectedClientId);
  const selected = clientId ?? storeSelected;
  const [sessions, setSessions] = useState<SessionListItem[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const client = clients.find((c) => c.id === selected);

  useEffect(() => {
    setSessions(null);
    setOpen(null);
    if (selected === null) return;
    let live = true;
    const load = (first: boolean) =>
      api()
        .listSessions(selected)
        .then((l) => {
          if (!live) return;
          setSessions(l);
          if (first) setOpen(l[0]?.id ?? null);
        }, showError);
    void load(true);
    // Sessions of this client recorded or ended elsewhere (another window, `cadans record`): only this list again.
    const off = onRecordsChange((c) => {
      if (c.clientIds.includes(selected)) void load(false);
    });
    return () => {
      live = false;
      off();
    };
  }, [selected]);

  const pick = (id: number) => {
    setState({ selectedClientId: id });
    navigate(`#/clients/${id}`);
  };

  return (
    <div className="clients">
      <Card
        title={t('clients.title')}
        className="client-list"
        actions={
          <button className="btn small" onClick={() => setCreating(true)}>
            {t('client.new')}
          </button>
        }
      >
        {creating && <NewClientForm onDone={() => setCreating(false)} />}
        <ul className="list" data-testid="client-list">
          {clients.map((c) => (
            <li key={c.id}>
              <button className={c.id === selected ? 'list-item on' : 'list-item'} onClick={() => pick(c.id)}>
                <span className="list-title">{c.name}</span>
                <span className="small muted">
                  {t('clients.sessionCount', { n: c.sessionCount })}
                  {c.lastSessionAt ? ` · ${fmt.date(c.lastSessionAt)}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {clients.length === 0 && <p className="muted">{t('client.none')}</p>}
      </Card>
      <div className="client-detail">
        {client && (
          <Card title={client.name} testId="client-sessions">
            <p className="small muted">
              {[client.dateOfBirth ? t('client.bornOn', { date: fmt.date(client.dateOfBirth) }) : null, client.complaint ? (hasKey(`complaint.${client.complaint}`) ? t(`complaint.${client.complaint}` as StringKey) : client.complaint) : null]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {sessions === null ? (
              <p className="muted">{t('common.loading')}</p>
            ) : sessions.length === 0 ? (
              <p className="muted">{t('clients.noSessions')}</p>
            ) : (
              <table className="table" data-testid="session-table">
                <thead>
                  <tr>
                    <th>{t('clients.col.date')}</th>
                    <th>{t('clients.col.type')}</th>
                    <th>{t('summary.duration')}</th>
                    <th>{t('metrics.meanHr')}</th>
                    <th>RMSSD</th>
                    <th>{t('summary.coherenceMean')}</th>
                    <th>{t('clients.col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.id} className={s.id === open ? 'on' : ''} onClick={() => setOpen(s.id)} data-testid="session-row">
                      <td>{fmt.dateTime(s.startedAt)}</td>
                      <td>{t(`type.${s.type}`)}</td>
                      <td>{fmt.duration(s.durationSec)}</td>
                      <td>{fmt.num(num(s.summary, 'meanHrBpm'), 0)}</td>
                      <td>{fmt.num(num(s.summary, 'rmssdMs'), 0)}</td>
                      <td>{fmt.num(num(s.summary, 'coherenceMean'), 2)}</td>
                      <td>{t(`status.${s.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        )}
        {open !== null && <SessionSummaryCard sessionId={open} />}
      </div>
    </div>
  );
}
