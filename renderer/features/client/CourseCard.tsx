/**
 * The treatment course: start, intake, mid and final evaluation dates (planned dates may lie in
 * the future; the evaluations stay in order). A new course, or the dates of one changed in place.
 */
import { useState, type FormEvent } from 'react';
import type { Course, IsoDate } from '../../../shared/domain/types.js';
import { checkEvaluationOrder, validateCourse } from '../../../shared/domain/validateCourse.js';
import { IssueCollector } from '../../../shared/domain/validationResult.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { courseWeek, todayIso } from './recordDates.js';
import { FormIssues, invalid, useSave } from './recordUi.js';
import { DateInput } from '../../ui/DateInput.js';

type Dates = Pick<Course, 'startDate' | 'intakeDate' | 'midEvaluationDate' | 'finalEvaluationDate'>;
const DATE_FIELDS = ['startDate', 'intakeDate', 'midEvaluationDate', 'finalEvaluationDate'] as const;

export function CourseCard({ clientId, courses, reload }: { clientId: number; courses: Course[]; reload: () => Promise<void> }) {
  const { t } = useT();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const newest = [...courses].sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
  const done = async (saved: boolean): Promise<void> => {
    if (saved) await reload();
    setEditing(null);
  };
  return (
    <Card
      title={t('rec.course.title')}
      testId="course-card"
      actions={
        editing === null && (
          <button className="btn small" onClick={() => setEditing('new')} data-testid="new-course">
            {t('rec.course.new')}
          </button>
        )
      }
    >
      {editing === 'new' && <CourseForm clientId={clientId} course={null} onDone={done} />}
      {courses.length === 0 && editing === null && <p className="muted">{t('rec.course.none')}</p>}
      {newest.map((c) =>
        editing === c.id ? (
          <CourseForm key={c.id} clientId={clientId} course={c} onDone={done} />
        ) : (
          <CourseTimeline key={c.id} course={c} onEdit={editing === null ? () => setEditing(c.id) : undefined} />
        ),
      )}
    </Card>
  );
}

/** The four dates of a course as a small timeline; past dates solid, planned ones open. */
function CourseTimeline({ course, onEdit }: { course: Course; onEdit?: () => void }) {
  const { t, fmt } = useT();
  const today = todayIso();
  const week = courseWeek(course, today);
  const steps: [string, IsoDate | null][] = [
    [t('field.startDate'), course.startDate],
    [t('field.intakeDate'), course.intakeDate],
    [t('field.midEvaluationDate'), course.midEvaluationDate],
    [t('field.finalEvaluationDate'), course.finalEvaluationDate],
  ];
  return (
    <div className="rec-course" data-testid="course">
      <div className="rec-course-head">
        <span className="small muted">{week !== null ? t('rec.course.nowWeek', { n: week }) : t('rec.course.notStarted')}</span>
        {onEdit && (
          <button className="link small" onClick={onEdit} data-testid="edit-course">
            {t('rec.course.editDates')}
          </button>
        )}
      </div>
      <ol className="rec-timeline">
        {steps.map(([label, date]) => (
          <li key={label} className={date === null ? 'todo' : date <= today ? 'done' : 'planned'}>
            <span className="rec-dot" aria-hidden="true" />
            <span className="rec-step-label">{label}</span>
            <span className="rec-step-date">{date ? fmt.date(date) : t('rec.course.notSet')}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function CourseForm({ clientId, course, onDone }: { clientId: number; course: Course | null; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const [d, setD] = useState<Record<(typeof DATE_FIELDS)[number], string>>({
    startDate: course?.startDate ?? todayIso(),
    intakeDate: course?.intakeDate ?? (course ? '' : todayIso()),
    midEvaluationDate: course?.midEvaluationDate ?? '',
    finalEvaluationDate: course?.finalEvaluationDate ?? '',
  });
  const s = useSave();
  const labels: Record<(typeof DATE_FIELDS)[number], string> = {
    startDate: t('field.startDate'),
    intakeDate: t('field.intakeDate'),
    midEvaluationDate: t('field.midEvaluationDate'),
    finalEvaluationDate: t('field.finalEvaluationDate'),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dates = { startDate: d.startDate, intakeDate: d.intakeDate || null, midEvaluationDate: d.midEvaluationDate || null, finalEvaluationDate: d.finalEvaluationDate || null };
    const local = validateCourse(course ? dates : { clientId, ...dates }, course !== null);
    if (!local.ok) return s.setIssues(local.issues);
    if (course) {
      const order = new IssueCollector();
      checkEvaluationOrder(order, dates as Dates);
      if (!order.ok) return s.setIssues(order.issues);
    }
    const saved = await s.save(() => (course ? api().updateCourse(course.id, dates) : api().createCourse({ clientId, ...dates })));
    if (saved) onDone(true);
  };

  return (
    <form className="stack rec-subform" onSubmit={submit} noValidate data-testid="course-form">
      <div className="row2">
        {DATE_FIELDS.map((k) => (
          <Field key={k} label={labels[k]}>
            <DateInput value={d[k]} onChange={(v) => setD({ ...d, [k]: v })} aria-invalid={invalid(s.issues, k)} name={k} />
          </Field>
        ))}
      </div>
      <FormIssues issues={s.issues} />
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={s.busy}>
          {course ? t('rec.save') : t('rec.course.create')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
