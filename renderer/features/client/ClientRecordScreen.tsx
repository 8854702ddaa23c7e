/**
 * The client page (the clinical record): the client's details, treatment course and SMART goals,
 * questionnaire scores, running log, session history with exports and RR import, reports, and the
 * audit trail (access log and change history).
 * Route: #/client/ID/TAB.
 */
import { useEffect } from 'react';
import { useT, type StringKey } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { setState, useApp } from '../../app/store.js';
import './clientRecord.css';
import { AuditTab } from './AuditTab.js';
import { ClientHeader } from './ClientHeader.js';
import { OverviewTab } from './OverviewTab.js';
import { QuestionnairesTab } from './QuestionnairesTab.js';
import { ReportsTab } from './ReportsTab.js';
import { RunningTab } from './RunningTab.js';
import { SessionsTab } from './SessionsTab.js';
import { useRecord } from './useRecord.js';

export const RECORD_TABS = ['overview', 'questionnaires', 'running', 'sessions', 'reports', 'audit'] as const;
export type RecordTab = (typeof RECORD_TABS)[number];

/** Hash of the client page. */
export function recordHash(clientId: number | null, tab: RecordTab = 'overview'): string {
  return clientId === null ? '#/client' : `#/client/${clientId}/${tab}`;
}

export function ClientRecordScreen({ clientId, tab }: { clientId: number | null; tab: string | null }) {
  const { t } = useT();
  const clients = useApp((s) => s.clients);
  const storeSelected = useApp((s) => s.selectedClientId);
  const id = clientId ?? storeSelected ?? clients[0]?.id ?? null;
  const client = clients.find((c) => c.id === id) ?? null;
  const current: RecordTab = (RECORD_TABS as readonly string[]).includes(tab ?? '') ? (tab as RecordTab) : 'overview';
  const { data, reload } = useRecord(client ? client.id : null);

  useEffect(() => {
    if (clientId !== null && clientId !== storeSelected && clients.some((c) => c.id === clientId)) setState({ selectedClientId: clientId });
  }, [clientId, storeSelected, clients]);

  if (!client) {
    return (
      <div className="record">
        <p className="muted pad" data-testid="record-empty">
          {clients.length === 0 ? t('client.none') : t('common.loading')}
        </p>
      </div>
    );
  }
  const go = (tb: RecordTab) => navigate(recordHash(client.id, tb));
  return (
    <div className="record" data-testid="client-record">
      <ClientHeader client={client} courses={data?.courses ?? []} />
      <nav className="rec-tabs" role="tablist" aria-label={t('nav.record')}>
        {RECORD_TABS.map((tb) => (
          <button key={tb} role="tab" aria-selected={tb === current} className={tb === current ? 'rec-tab on' : 'rec-tab'} onClick={() => go(tb)} data-testid={`tab-${tb}`}>
            {t(`rec.tab.${tb}` as StringKey)}
          </button>
        ))}
      </nav>
      {!data ? (
        <p className="muted pad">{t('common.loading')}</p>
      ) : (
        <div className="rec-body" role="tabpanel">
          {current === 'overview' && <OverviewTab client={client} data={data} reload={reload} />}
          {current === 'questionnaires' && <QuestionnairesTab data={data} reload={reload} />}
          {current === 'running' && <RunningTab data={data} reload={reload} />}
          {current === 'sessions' && <SessionsTab data={data} reload={reload} />}
          {current === 'reports' && <ReportsTab data={data} />}
          {current === 'audit' && <AuditTab clientId={client.id} />}
        </div>
      )}
    </div>
  );
}
