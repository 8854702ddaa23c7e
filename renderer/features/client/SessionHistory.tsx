/**
 * Session history of the client (the stored sessions with their summary numbers, newest first),
 * and for the chosen session: exports (CSV raw signal, Kubios RR text, JSON), the session report
 * (preview + PDF) and its summary card (opening into the review).
 */
import { useState } from 'react';
import type { SessionListItem } from '../../../shared/domain/types.js';
import type { SessionExportFormat } from '../../../shared/ipc/recordTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { saveDownload } from './download.js';
import { Notice } from './recordUi.js';
import { localFileName } from './download.js';

const num = (o: unknown, key: string): number | null => {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Is the session an imported RR file or HeartMath export (no raw signal)? */
export const isRrImport = (s: SessionListItem): boolean => s.sensorInfo.kind === 'rr-import' || s.sensorInfo.kind === 'home-import';

/** The source column: the file's product for a HeartMath import (a name, the same in every language). */
function sourceLabel(s: SessionListItem, t: ReturnType<typeof useT>['t']): string {
  if (s.sensorInfo.kind === 'home-import') return s.sensorInfo.source === 'inner-balance' ? 'Inner Balance' : 'emWave';
  if (isRrImport(s)) return t('rec.sessions.rrFile');
  return s.sensorSpec.startsWith('sim') ? t('sensor.simulated') : t('rec.sessions.sensor');
}

export function SessionTable({ sessions, selected, onSelect }: { sessions: SessionListItem[]; selected: number | null; onSelect: (id: number) => void }) {
  const { t, fmt } = useT();
  return (
    <table className="table rec-table" data-testid="record-session-table">
      <thead>
        <tr>
          <th>{t('clients.col.date')}</th>
          <th>{t('clients.col.type')}</th>
          <th>{t('rec.sessions.source')}</th>
          <th className="num">{t('summary.duration')}</th>
          <th className="num">{t('rec.sessions.hr')}</th>
          <th className="num">RMSSD</th>
          <th className="num">{t('rec.sessions.coherence')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} className={s.id === selected ? 'on' : ''} onClick={() => onSelect(s.id)} data-testid="record-session-row" data-session-id={s.id}>
            <td>{fmt.dateTime(s.startedAt)}</td>
            <td>{t(`type.${s.type}`)}</td>
            <td className="muted">{sourceLabel(s, t)}</td>
            <td className="num">{fmt.duration(s.durationSec)}</td>
            <td className="num">{fmt.num(num(s.summary, 'meanHrBpm'), 0)}</td>
            <td className="num">{fmt.num(num(s.summary, 'rmssdMs'), 0)}</td>
            <td className="num">{fmt.num(num(s.summary, 'coherenceMean'), 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Export and report buttons of one session. */
export function SessionActions({ session, onReport }: { session: SessionListItem; onReport: () => void }) {
  const { t, locale } = useT();
  const [busy, setBusy] = useState<SessionExportFormat | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const noSignal = session.samples === 0;
  const exportAs = async (format: SessionExportFormat) => {
    setBusy(format);
    setDone(null);
    try {
      const file = localFileName(await api().exportSession(session.id, format), locale, session.id, format);
      saveDownload(file);
      setDone(t('rec.export.done', { file: file.fileName }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t('rec.sessions.actions')} testId="session-actions">
      <div className="rec-actions">
        <div className="rec-action-group">
          <span className="field-label">{t('rec.report.session')}</span>
          <button className="btn small primary" onClick={onReport} data-testid="open-session-report">
            {t('rec.report.open')}
          </button>
        </div>
        <div className="rec-action-group">
          <span className="field-label">{t('rec.export.title')}</span>
          <div className="buttons">
            <button className="btn small" disabled={busy !== null || noSignal} title={noSignal ? t('rec.export.noSignal') : undefined} onClick={() => void exportAs('csv')} data-testid="export-csv">
              {t('rec.export.csv')}
            </button>
            <button className="btn small" disabled={busy !== null} onClick={() => void exportAs('rr')} data-testid="export-rr">
              {t('rec.export.rr')}
            </button>
            <button className="btn small" disabled={busy !== null} onClick={() => void exportAs('json')} data-testid="export-json">
              {t('rec.export.json')}
            </button>
            <button className="btn small" disabled={busy !== null || noSignal} title={noSignal ? t('rec.export.noSignal') : undefined} onClick={() => void exportAs('edf')} data-testid="export-edf">
              {t('rec.export.edf')}
            </button>
            <button className="btn small" disabled={busy !== null} title={t('rec.export.zipHint')} onClick={() => void exportAs('zip')} data-testid="export-zip">
              {t('rec.export.zip')}
            </button>
          </div>
          {noSignal && <span className="field-hint">{t('rec.export.noSignal')}</span>}
        </div>
      </div>
      {done && <Notice testId="export-done">{done}</Notice>}
    </Card>
  );
}
