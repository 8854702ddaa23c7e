/**
 * The record's change history: every correction or deletion of a questionnaire result, goal,
 * running-log entry, marker or session notes — when, what, and per field what it was and what it
 * became (a deletion: what the record held) — newest first, in the UI language.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RecordHistoryView } from '../../../shared/ipc/auditTypes.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { onRecordsChange, showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { historyFieldText, historyValueText } from './historyValues.js';

export function ChangeHistoryCard({ clientId }: { clientId: number }) {
  const { t, fmt } = useT();
  const [rows, setRows] = useState<RecordHistoryView[] | null>(null);
  const load = useCallback(() => api().listRecordHistory(clientId).then(setRows, showError), [clientId]);

  useEffect(() => {
    setRows(null);
    void load();
    return onRecordsChange((c) => {
      if (c.recordClientIds.includes(clientId)) void load();
    });
  }, [clientId, load]);

  return (
    <Card title={t('audit.history.title')} testId="change-history">
      {!rows ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('audit.history.none')}</p>
      ) : (
        <ul className="audit-history">
          {rows.map((h) => (
            <li key={h.id} data-testid="history-entry" data-record={h.record} data-action={h.action}>
              <div className="audit-history-head">
                <strong>{t(`audit.record.${h.record}` as StringKey)}</strong>
                {h.sessionId !== null && <span className="muted"> · {t('audit.history.ofSession', { id: h.sessionId })}</span>}
                <span className={h.action === 'delete' ? 'audit-tag bad' : 'audit-tag'}>{t(`audit.history.${h.action}` as StringKey)}</span>
                <span className="muted small">{fmt.dateTime(h.at)}</span>
              </div>
              <table className="table rec-table audit-changes">
                <thead>
                  <tr>
                    <th>{t('audit.col.field')}</th>
                    <th>{t('audit.col.before')}</th>
                    {h.action === 'edit' && <th>{t('audit.col.after')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {h.changes.map((c) => (
                    <tr key={c.field} data-testid="history-change" data-field={c.field}>
                      <td>{historyFieldText(c.field, t)}</td>
                      <td className="audit-before">{historyValueText(c.before, t, fmt)}</td>
                      {h.action === 'edit' && <td className="audit-after">{historyValueText(c.after, t, fmt)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
