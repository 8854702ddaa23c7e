/** Sessions tab: RR import on the left; the session history, the chosen session's exports, report and summary on the right. */
import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { SessionSummaryCard } from '../review/SessionSummaryCard.js';
import { PracticeLogCard } from './PracticeLogCard.js';
import { ReportPreview } from './ReportPreview.js';
import { RrImportCard } from './RrImportCard.js';
import { SessionActions, SessionTable } from './SessionHistory.js';
import type { RecordData } from './useRecord.js';

export function SessionsTab({ data, reload }: { data: RecordData; reload: () => Promise<void> }) {
  const { t } = useT();
  const [selected, setSelected] = useState<number | null>(data.sessions[0]?.id ?? null);
  const [report, setReport] = useState(false);
  const session = data.sessions.find((s) => s.id === selected) ?? null;

  useEffect(() => {
    if (selected === null && data.sessions.length > 0) setSelected(data.sessions[0]!.id);
  }, [data.sessions, selected]);

  const select = (id: number) => {
    setSelected(id);
    setReport(false);
  };

  return (
    <div className="rec-stack">
      <div className="rec-cols rec-cols-form">
        <div className="rec-col">
          <RrImportCard
            clientId={data.clientId}
            onImported={async (id) => {
              await reload();
              select(id);
            }}
          />
          <PracticeLogCard clientId={data.clientId} sessions={data.sessions} />
        </div>
        <div className="rec-col">
          <Card title={t('rec.sessions.title')} testId="session-history">
            {data.sessions.length === 0 ? <p className="muted">{t('clients.noSessions')}</p> : <SessionTable sessions={data.sessions} selected={selected} onSelect={select} />}
          </Card>
          {session && <SessionActions key={session.id} session={session} onReport={() => setReport(true)} />}
          {session && !report && <SessionSummaryCard sessionId={session.id} />}
        </div>
      </div>
      {session && report && <ReportPreview request={{ kind: 'session', sessionId: session.id }} onClose={() => setReport(false)} testId="session-report" />}
    </div>
  );
}
