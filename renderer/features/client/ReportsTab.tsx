/** Reports tab: the progress report of the client (all records, or one treatment course), previewed and as PDF. */
import { useState } from 'react';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { ReportPreview } from './ReportPreview.js';
import type { RecordData } from './useRecord.js';

export function ReportsTab({ data }: { data: RecordData }) {
  const { t, fmt } = useT();
  const [courseId, setCourseId] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const pickCourse = (value: string): void => {
    setCourseId(value ? Number(value) : null);
    setOpen(false);
  };
  const counts = {
    sessions: data.sessions.length,
    questionnaires: data.questionnaires.length,
    runs: data.runs.length,
    goals: data.goals.length,
  };
  return (
    <div className="rec-stack">
      <Card title={t('rec.report.progress')} testId="progress-controls">
        <div className="rec-report-controls">
          <Field label={t('rec.report.scope')}>
            <select value={courseId ?? ''} onChange={(e) => pickCourse(e.target.value)} data-testid="report-course">
              <option value="">{t('rec.report.allRecords')}</option>
              {data.courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('rec.report.courseFrom', { date: fmt.date(c.startDate) })}
                </option>
              ))}
            </select>
          </Field>
          <p className="small muted rec-report-counts">{t('rec.report.contains', counts)}</p>
          <button className="btn primary" onClick={() => setOpen(true)} data-testid="open-progress-report">
            {t('rec.report.open')}
          </button>
        </div>
        <p className="small muted">{t('rec.report.hint')}</p>
      </Card>
      {open && <ReportPreview request={{ kind: 'progress', clientId: data.clientId, courseId }} onClose={() => setOpen(false)} testId="progress-report" />}
    </div>
  );
}
