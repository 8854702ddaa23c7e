/** SMART goals: the agreed goals with their status (open, achieved, dropped), and a new goal. */
import { useState, type FormEvent } from 'react';
import { GOAL_STATUSES, type Goal, type GoalStatus } from '../../../shared/domain/types.js';
import { validateGoal } from '../../../shared/domain/validateCourse.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { todayIso } from './recordDates.js';
import { FormIssues, invalid, useSave } from './recordUi.js';
import { DateInput } from '../../ui/DateInput.js';

export function GoalsCard({ clientId, courseId, goals, reload }: { clientId: number; courseId: number | null; goals: Goal[]; reload: () => Promise<void> }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const s = useSave();
  const done = async (saved: boolean): Promise<void> => {
    if (saved) await reload();
    setAdding(false);
  };
  const setStatus = async (g: Goal, status: GoalStatus) => {
    if (await s.save(() => api().setGoalStatus({ goalId: g.id, status }))) await reload();
  };
  return (
    <Card
      title={t('rec.goals.title')}
      testId="goals-card"
      actions={
        !adding && (
          <button className="btn small" onClick={() => setAdding(true)} data-testid="new-goal">
            {t('rec.goals.new')}
          </button>
        )
      }
    >
      {adding && <GoalForm clientId={clientId} courseId={courseId} onDone={done} />}
      {goals.length === 0 && !adding && <p className="muted">{t('rec.goals.none')}</p>}
      <ul className="rec-goals" data-testid="goal-list">
        {goals.map((g) => (
          <GoalRow key={g.id} goal={g} onStatus={(st) => void setStatus(g, st)} busy={s.busy} />
        ))}
      </ul>
      <FormIssues issues={s.issues} />
    </Card>
  );
}

function GoalRow({ goal, onStatus, busy }: { goal: Goal; onStatus: (s: GoalStatus) => void; busy: boolean }) {
  const { t, fmt } = useT();
  const meta = [
    t('rec.goals.agreed', { date: fmt.date(goal.setDate) }),
    goal.targetDate ? t('rec.goals.targetOn', { date: fmt.date(goal.targetDate) }) : null,
    goal.closedDate ? t(`rec.goals.closed.${goal.status}` as StringKey, { date: fmt.date(goal.closedDate) }) : null,
  ].filter(Boolean);
  return (
    <li className={`rec-goal rec-goal-${goal.status}`} data-testid="goal" data-status={goal.status}>
      <div className="rec-goal-text">
        <p>{goal.text}</p>
        <p className="small muted">{meta.join(' · ')}</p>
      </div>
      <div className="rec-goal-status">
        <select
          className={`rec-status rec-status-${goal.status}`}
          value={goal.status}
          disabled={busy}
          onChange={(e) => onStatus(e.target.value as GoalStatus)}
          aria-label={t('field.status')}
          data-testid="goal-status"
        >
          {GOAL_STATUSES.map((st) => (
            <option key={st} value={st}>
              {t(`goal.${st}` as StringKey)}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

function GoalForm({ clientId, courseId, onDone }: { clientId: number; courseId: number | null; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [setDate, setSetDate] = useState(todayIso());
  const [targetDate, setTargetDate] = useState('');
  const s = useSave();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { clientId, courseId, text, setDate, targetDate: targetDate || null };
    const local = validateGoal(input, new Date());
    if (!local.ok) return s.setIssues(local.issues);
    if (await s.save(() => api().createGoal(input))) onDone(true);
  };
  return (
    <form className="stack rec-subform" onSubmit={submit} noValidate data-testid="goal-form">
      <Field label={t('field.text')} hint={t('rec.goals.smartHint')}>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} aria-invalid={invalid(s.issues, 'text')} name="goal-text" />
      </Field>
      <div className="row2">
        <Field label={t('field.setDate')}>
          <DateInput value={setDate} max={todayIso()} onChange={(v) => setSetDate(v)} aria-invalid={invalid(s.issues, 'setDate')} />
        </Field>
        <Field label={t('field.targetDate')}>
          <DateInput value={targetDate} onChange={(v) => setTargetDate(v)} aria-invalid={invalid(s.issues, 'targetDate')} />
        </Field>
      </div>
      <FormIssues issues={s.issues} />
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={s.busy}>
          {t('rec.goals.add')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
