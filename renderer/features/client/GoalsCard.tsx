/** SMART goals: the agreed goals with their status (open, achieved, dropped), a new goal, and corrections (edit, delete). */
import { useState, type FormEvent } from 'react';
import { GOAL_STATUSES, type Goal, type GoalStatus } from '../../../shared/domain/types.js';
import { validateGoal } from '../../../shared/domain/validateCourse.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { todayIso } from './recordDates.js';
import { ConfirmDelete, FormIssues, invalid, useSave } from './recordUi.js';
import { DateInput } from '../../ui/DateInput.js';

export function GoalsCard({ clientId, courseId, goals, reload }: { clientId: number; courseId: number | null; goals: Goal[]; reload: () => Promise<void> }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
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
        {goals.map((g) =>
          editing === g.id ? (
            <li key={g.id}>
              <GoalForm
                clientId={clientId}
                courseId={g.courseId}
                goal={g}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) void reload();
                }}
              />
            </li>
          ) : (
            <GoalRow
              key={g.id}
              goal={g}
              onStatus={(st) => void setStatus(g, st)}
              onEdit={() => setEditing(g.id)}
              onDelete={async () => {
                await api().deleteGoal(g.id);
                await reload();
              }}
              busy={s.busy}
            />
          ),
        )}
      </ul>
      <FormIssues issues={s.issues} />
    </Card>
  );
}

function GoalRow({ goal, onStatus, onEdit, onDelete, busy }: { goal: Goal; onStatus: (s: GoalStatus) => void; onEdit: () => void; onDelete: () => Promise<void>; busy: boolean }) {
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
        <span className="rec-row-actions">
          <button type="button" className="btn small" onClick={onEdit} data-testid="goal-edit">
            {t('rec.edit')}
          </button>
          <ConfirmDelete onDelete={onDelete} testId="goal-delete" disabled={busy} />
        </span>
      </div>
    </li>
  );
}

function GoalForm({ clientId, courseId, goal, onDone }: { clientId: number; courseId: number | null; goal?: Goal; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const [text, setText] = useState(goal?.text ?? '');
  const [setDate, setSetDate] = useState(goal?.setDate ?? todayIso());
  const [targetDate, setTargetDate] = useState(goal?.targetDate ?? '');
  const s = useSave();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { clientId, courseId, text, setDate, targetDate: targetDate || null };
    const local = validateGoal(input, new Date());
    if (!local.ok) return s.setIssues(local.issues);
    const { clientId: _c, ...patch } = input;
    if (await s.save(() => (goal ? api().updateGoal(goal.id, patch) : api().createGoal(input)))) onDone(true);
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
        <button type="submit" className="btn primary" disabled={s.busy} data-testid="goal-save">
          {goal ? t('rec.saveChanges') : t('rec.goals.add')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
