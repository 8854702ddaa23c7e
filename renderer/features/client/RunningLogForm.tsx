/**
 * Running-log entry: date, run/walk blocks (minutes run, minutes walked, repetitions), the longest
 * continuous run, Borg RPE 6–20, heart rate and notes. Validated in the form and by the core.
 * With `editing`, the form corrects that stored entry (`updateRunningLogEntry`).
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Course, NewRunningLogEntry, RunningLogEntry } from '../../../shared/domain/types.js';
import { BORG_MAX, BORG_MIN, validateRunningLog } from '../../../shared/domain/validateRunningLog.js';
import { api } from '../../app/api.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { courseOn, todayIso } from './recordDates.js';
import { FormIssues, invalid, Notice, useSave } from './recordUi.js';
import { DateInput } from '../../ui/DateInput.js';

interface BlockText {
  runMin: string;
  walkMin: string;
  reps: string;
}
const EMPTY_BLOCK: BlockText = { runMin: '', walkMin: '', reps: '' };

/** Text of a number field: a number, the raw text when it is not one, or undefined when empty. */
const num = (s: string): number | string | undefined => {
  const v = s.trim().replace(',', '.');
  return v === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : s;
};

const text = (v: number | null): string => (v === null ? '' : String(v));

export function RunningLogForm({
  clientId,
  courses,
  onSaved,
  editing = null,
  onStopEditing = () => {},
}: {
  clientId: number;
  courses: Course[];
  onSaved: () => Promise<void>;
  editing?: RunningLogEntry | null;
  onStopEditing?: () => void;
}) {
  const { t, fmt } = useT();
  const [date, setDate] = useState(todayIso());
  const [blocks, setBlocks] = useState<BlockText[]>([{ ...EMPTY_BLOCK }]);
  const [cont, setCont] = useState('');
  const [borg, setBorg] = useState('');
  const [hrAvg, setHrAvg] = useState('');
  const [hrMax, setHrMax] = useState('');
  const [notes, setNotes] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const s = useSave();
  const borgKey = `borg.${borg.trim()}`;

  const clear = () => {
    setBlocks([{ ...EMPTY_BLOCK }]);
    setCont('');
    setBorg('');
    setHrAvg('');
    setHrMax('');
    setNotes('');
  };

  // Load the entry to correct into the form (or empty it again).
  useEffect(() => {
    s.setIssues([]);
    if (!editing) return clear();
    setSaved(null);
    setDate(editing.date);
    setBlocks(editing.intervals.length ? editing.intervals.map((b) => ({ runMin: String(b.runMin), walkMin: String(b.walkMin), reps: String(b.reps) })) : [{ ...EMPTY_BLOCK }]);
    setCont(text(editing.continuousRunMin));
    setBorg(text(editing.borg));
    setHrAvg(text(editing.hrAvgBpm));
    setHrMax(text(editing.hrMaxBpm));
    setNotes(editing.notes);
    // Only when another entry is picked.
  }, [editing?.id]);

  const setBlock = (i: number, patch: Partial<BlockText>) => setBlocks(blocks.map((b, k) => (k === i ? { ...b, ...patch } : b)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const intervals = blocks
      .filter((b) => b.runMin.trim() || b.walkMin.trim() || b.reps.trim())
      .map((b) => ({ runMin: num(b.runMin), walkMin: num(b.walkMin) ?? 0, reps: num(b.reps) ?? 1 }));
    const input = {
      clientId,
      courseId: courseOn(courses, date)?.id ?? null,
      date,
      intervals,
      continuousRunMin: num(cont) ?? null,
      borg: num(borg) ?? null,
      hrAvgBpm: num(hrAvg) ?? null,
      hrMaxBpm: num(hrMax) ?? null,
      notes,
    } as unknown as NewRunningLogEntry;
    const local = validateRunningLog(input, new Date());
    if (!local.ok) return s.setIssues(local.issues);
    const { clientId: _c, ...patch } = input;
    if (!(await s.save(() => (editing ? api().updateRunningLogEntry(editing.id, patch) : api().createRunningLogEntry(input))))) return;
    if (editing) onStopEditing();
    clear();
    setSaved(t(editing ? 'rec.run.updated' : 'rec.run.saved', { date: fmt.date(date) }));
    await onSaved();
  };

  return (
    <Card title={editing ? t('rec.run.editing', { date: fmt.date(editing.date) }) : t('rec.run.title')} testId="running-card">
      <form className="stack" onSubmit={submit} noValidate data-testid="running-form">
        <Field label={t('field.date')}>
          <DateInput value={date} max={todayIso()} onChange={(v) => setDate(v)} aria-invalid={invalid(s.issues, 'date')} data-testid="run-date" />
        </Field>
        <fieldset className="rec-blocks">
          <legend className="field-label">{t('rec.run.blocks')}</legend>
          <div className="rec-block rec-block-head small muted" aria-hidden="true">
            <span>{t('field.runMin')}</span>
            <span>{t('field.walkMin')}</span>
            <span>{t('field.reps')}</span>
            <span />
          </div>
          {blocks.map((b, i) => (
            <div className="rec-block" key={i} data-testid="run-block">
              <input type="number" min={0} step={0.5} value={b.runMin} onChange={(e) => setBlock(i, { runMin: e.target.value })} aria-label={`${t('field.runMin')} ${i + 1}`} aria-invalid={invalid(s.issues, `intervals[${i}].runMin`)} />
              <input type="number" min={0} step={0.5} value={b.walkMin} onChange={(e) => setBlock(i, { walkMin: e.target.value })} aria-label={`${t('field.walkMin')} ${i + 1}`} aria-invalid={invalid(s.issues, `intervals[${i}].walkMin`)} />
              <input type="number" min={1} step={1} value={b.reps} placeholder="1" onChange={(e) => setBlock(i, { reps: e.target.value })} aria-label={`${t('field.reps')} ${i + 1}`} aria-invalid={invalid(s.issues, `intervals[${i}].reps`)} />
              <button type="button" className="btn ghost small" onClick={() => setBlocks(blocks.length > 1 ? blocks.filter((_, k) => k !== i) : [{ ...EMPTY_BLOCK }])} aria-label={t('rec.run.removeBlock')}>
                ×
              </button>
            </div>
          ))}
          <button type="button" className="link small" onClick={() => setBlocks([...blocks, { ...EMPTY_BLOCK }])} data-testid="add-block">
            {t('rec.run.addBlock')}
          </button>
        </fieldset>
        <div className="row2">
          <Field label={t('field.continuousRunMin')}>
            <input type="number" min={0} step={0.5} value={cont} onChange={(e) => setCont(e.target.value)} aria-invalid={invalid(s.issues, 'continuousRunMin')} data-testid="run-continuous" />
          </Field>
          <Field label={t('field.borg')} hint={hasKey(borgKey) ? t(borgKey as StringKey) : t('rec.run.borgHint', { min: BORG_MIN, max: BORG_MAX })}>
            <input type="number" min={BORG_MIN} max={BORG_MAX} step={1} value={borg} onChange={(e) => setBorg(e.target.value)} aria-invalid={invalid(s.issues, 'borg')} data-testid="run-borg" />
          </Field>
        </div>
        <div className="row2">
          <Field label={t('field.hrAvgBpm')}>
            <input type="number" min={30} max={230} step={1} value={hrAvg} onChange={(e) => setHrAvg(e.target.value)} aria-invalid={invalid(s.issues, 'hrAvgBpm')} data-testid="run-hr-avg" />
          </Field>
          <Field label={t('field.hrMaxBpm')}>
            <input type="number" min={30} max={230} step={1} value={hrMax} onChange={(e) => setHrMax(e.target.value)} aria-invalid={invalid(s.issues, 'hrMaxBpm')} data-testid="run-hr-max" />
          </Field>
        </div>
        <Field label={t('field.notes')}>
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} data-testid="run-notes" />
        </Field>
        <FormIssues issues={s.issues} />
        {saved && <Notice testId="run-saved">{saved}</Notice>}
        <div className="buttons">
          <button type="submit" className="btn primary" disabled={s.busy} data-testid="run-save">
            {editing ? t('rec.saveChanges') : t('rec.save')}
          </button>
          {editing && (
            <button type="button" className="btn" onClick={onStopEditing}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </Card>
  );
}
