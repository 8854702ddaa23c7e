/**
 * The client's access log (NEN 7513): who did what with this record, when — newest first, 50 at a
 * time with "show older entries" — with the check of the log's hash chain ("log intact" / "log
 * altered at entry n") and a CSV export. Looking at the log is itself logged (as "viewed").
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccessLogEntryView, AccessLogView } from '../../../shared/ipc/auditTypes.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { onRecordsChange, showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { saveDownload } from './download.js';
import { detailText } from './accessDetailText.js';
import { Notice } from './recordUi.js';

const PAGE = 50;

export function AccessLogCard({ clientId }: { clientId: number }) {
  const { t, fmt, locale } = useT();
  const [view, setView] = useState<AccessLogView | null>(null);
  const [entries, setEntries] = useState<AccessLogEntryView[]>([]);
  const [busy, setBusy] = useState(false);
  /** The last page was full: there may be older entries. */
  const [hasMore, setHasMore] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const loadFirst = useCallback(async () => {
    const v = await api().listAccessLog({ clientId, limit: PAGE });
    setView(v);
    setEntries(v.entries);
    setHasMore(v.entries.length === PAGE);
  }, [clientId]);

  useEffect(() => {
    setView(null);
    setEntries([]);
    loadFirst().catch(showError);
    // A change of this client's record (here or elsewhere) adds entries: show the newest again.
    const off = onRecordsChange((c) => {
      if (c.clientIds.includes(clientId)) loadFirst().catch(showError);
    });
    return off;
  }, [clientId, loadFirst]);

  const more = async () => {
    setBusy(true);
    try {
      // The next page below the oldest entry shown (the count and check are the newest).
      const last = entries[entries.length - 1];
      const v = await api().listAccessLog({ clientId, limit: PAGE, ...(last ? { beforeId: last.id } : {}) });
      setEntries([...entries, ...v.entries]);
      setHasMore(v.entries.length === PAGE);
      setView(v);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = async () => {
    setBusy(true);
    setDone(null);
    try {
      const file = await api().exportAccessLog(clientId);
      saveDownload(file);
      setDone(t('rec.export.done', { file: file.fileName }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('audit.log.title')}
      testId="access-log"
      actions={
        <button className="btn small" disabled={busy || !view} onClick={() => void exportCsv()} data-testid="access-log-export">
          {t('audit.log.export')}
        </button>
      }
    >
      {!view ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          {view.check.ok ? (
            <Notice testId="access-log-check">{t('audit.log.intact', { n: view.check.entries })}</Notice>
          ) : (
            <Notice tone="bad" testId="access-log-check">
              {t('audit.log.altered', { id: view.check.brokenAtId })}
            </Notice>
          )}
          {entries.length === 0 ? (
            <p className="muted">{t('audit.log.none')}</p>
          ) : (
            <table className="table rec-table audit-table" data-testid="access-log-table">
              <thead>
                <tr>
                  <th className="num">{t('audit.col.nr')}</th>
                  <th>{t('audit.col.time')}</th>
                  <th>{t('audit.col.action')}</th>
                  <th>{t('audit.col.user')}</th>
                  <th className="num">{t('audit.col.session')}</th>
                  <th>{t('audit.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-testid="access-log-row" data-action={e.action}>
                    <td className="num muted">{e.id}</td>
                    <td>{fmt.dateTime(e.at)}</td>
                    <td>{t(`audit.action.${e.action}` as StringKey)}</td>
                    <td>
                      {e.user} <span className="muted">({e.workstation})</span>
                    </td>
                    <td className="num">{e.sessionId ?? ''}</td>
                    <td className="small audit-detail" title={e.detail} data-stored={e.detail}>
                      {detailText(e.detail, locale, t, fmt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="audit-foot">
            <span className="small muted" data-testid="access-log-count">
              {t('audit.log.count', { shown: entries.length, total: view.total })}
            </span>
            {hasMore && (
              <button className="btn small" disabled={busy} onClick={() => void more()} data-testid="access-log-more">
                {t('audit.log.more')}
              </button>
            )}
          </div>
          {done && <Notice testId="access-log-exported">{done}</Notice>}
        </>
      )}
    </Card>
  );
}
