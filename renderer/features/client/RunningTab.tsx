/**
 * Running tab: the run/walk programme (status, next session, week schedule, builder) on top; the
 * log entry (or correction) and the run import from a sport watch on the left; continuous running
 * over the weeks, the logged runs (edit, delete) and perceived-versus-measured exertion on the right.
 */
import { useState } from 'react';
import type { RunningLogEntry, RunWalkInterval } from '../../../shared/domain/types.js';
import { api } from '../../app/api.js';
import { useT, type Fmt, type Params, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { courseOn, courseWeek } from './recordDates.js';
import { RunningLogForm } from './RunningLogForm.js';
import { RunTrendChart } from './RunTrendChart.js';
import { ConfirmDelete } from './recordUi.js';
import type { RecordData } from './useRecord.js';
import { ProgrammeCard } from './ProgrammeCard.js';
import { RunImportCard } from './RunImportCard.js';
import { ExertionCard } from './ExertionCard.js';

/** "4 × 3′ run / 1′ walk" per block. */
export function scheduleText(blocks: RunWalkInterval[], t: (k: StringKey, p?: Params) => string, fmt: Fmt): string {
  const m = (v: number): string => fmt.num(v, v % 1 ? 1 : 0);
  return blocks.map((b) => t(b.walkMin > 0 ? 'rec.run.block' : 'rec.run.blockRunOnly', { reps: b.reps, run: m(b.runMin), walk: m(b.walkMin) })).join(', ');
}

export function RunningTab({ data, reload }: { data: RecordData; reload: () => Promise<void> }) {
  const { t } = useT();
  const [editing, setEditing] = useState<RunningLogEntry | null>(null);
  const remove = async (r: RunningLogEntry) => {
    await api().deleteRunningLogEntry(r.id);
    if (editing?.id === r.id) setEditing(null);
    await reload();
  };
  return (
    <div className="rec-stack">
      <ProgrammeCard data={data} />
      <div className="rec-cols rec-cols-form">
        <div className="rec-col">
          <RunningLogForm clientId={data.clientId} courses={data.courses} onSaved={reload} editing={editing} onStopEditing={() => setEditing(null)} />
          <RunImportCard clientId={data.clientId} onChanged={reload} />
        </div>
        <div className="rec-col">
          <Card title={t('rec.run.history')} testId="running-history">
            {data.runs.length === 0 ? (
              <p className="muted">{t('rec.run.none')}</p>
            ) : (
              <>
                <p className="small muted">{t('rec.run.chart')}</p>
                <RunTrendChart runs={data.runs} />
                <RunTable runs={data.runs} data={data} onEdit={setEditing} onDelete={remove} />
              </>
            )}
          </Card>
          <ExertionCard data={data} />
        </div>
      </div>
    </div>
  );
}

function RunTable({ runs, data, onEdit, onDelete }: { runs: RunningLogEntry[]; data: RecordData; onEdit: (r: RunningLogEntry) => void; onDelete: (r: RunningLogEntry) => Promise<void> }) {
  const { t, fmt } = useT();
  const newest = [...runs].reverse();
  return (
    <table className="table rec-table" data-testid="run-table">
      <thead>
        <tr>
          <th>{t('field.date')}</th>
          <th>{t('rec.run.col.schedule')}</th>
          <th className="num">{t('rec.run.col.continuous')}</th>
          <th className="num">Borg</th>
          <th className="num">
            {t('rec.run.col.hr')}
            <span className="rec-th-sub">{t('rec.run.col.hrSub')}</span>
          </th>
          <th>{t('field.notes')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {newest.map((r) => {
          const course = courseOn(data.courses, r.date);
          const week = course ? courseWeek(course, r.date) : null;
          return (
            <tr key={r.id} data-testid="run-row">
              <td>
                {fmt.date(r.date)}
                {week !== null && <span className="rec-th-sub">{t('rec.course.week', { n: week })}</span>}
              </td>
              <td>{r.intervals.length ? scheduleText(r.intervals, t, fmt) : '–'}</td>
              <td className="num">{r.continuousRunMin === null ? '–' : `${fmt.num(r.continuousRunMin, r.continuousRunMin % 1 ? 1 : 0)} min`}</td>
              <td className="num">{fmt.num(r.borg, 0)}</td>
              <td className="num">
                {fmt.num(r.hrAvgBpm, 0)}
                {r.hrMaxBpm !== null ? ` / ${fmt.num(r.hrMaxBpm, 0)}` : ''}
              </td>
              <td className="rec-note-cell">{r.notes}</td>
              <td>
                <span className="rec-row-actions">
                  <button type="button" className="btn small" onClick={() => onEdit(r)} data-testid="run-edit">
                    {t('rec.edit')}
                  </button>
                  <ConfirmDelete onDelete={() => onDelete(r)} testId="run-delete" />
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
