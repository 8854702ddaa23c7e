/**
 * Questionnaire entry: 4DKL (four subscales), MVI (five scales) or the Nijmegen questionnaire,
 * at a moment of the course — as scale scores, or per item (the scales then computed with the
 * published key, `QuestionnaireItems.tsx`). Ranges are enforced in the form (the shared validator,
 * same codes as the core) and again by the core, which stores nothing when a score or the date is
 * wrong. A moment that already has a result of the questionnaire asks "replace or keep both".
 * With `editing`, the form corrects that stored result instead (`updateQuestionnaire`).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { INSTRUMENTS, type Course, type Instrument, type NewQuestionnaireEntry, type OnExisting, type QuestionnaireEntry, type QuestionnaireMoment } from '../../../shared/domain/types.js';
import { scoreItemAnswers } from '../../../shared/domain/questionnaireItems.js';
import { QUESTIONNAIRE_SCALES, validateQuestionnaireEntry } from '../../../shared/domain/validateQuestionnaire.js';
import type { QuestionnairePatch, SaveResult } from '../../../shared/ipc/recordTypes.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { Segmented } from '../../ui/Segmented.js';
import { ComputedScores, emptyAnswers, ItemGrid, parseAnswers } from './QuestionnaireItems.js';
import { courseOn, todayIso } from './recordDates.js';
import { FORM_MOMENTS, instrumentText, momentText, scaleText } from './recordLabels.js';
import { FormIssues, invalid, Notice, useSave } from './recordUi.js';
import { DateInput } from '../../ui/DateInput.js';

/** A typed score: a number, or the raw text when it is not one (the validator names it). */
const parseScore = (s: string): number | string | undefined => (s.trim() === '' ? undefined : Number.isFinite(Number(s.replace(',', '.'))) ? Number(s.replace(',', '.')) : s);

type Mode = 'totals' | 'items';

export function QuestionnaireForm({
  clientId,
  courses,
  onSaved,
  editing = null,
  onStopEditing = () => {},
}: {
  clientId: number;
  courses: Course[];
  onSaved: () => Promise<void>;
  editing?: QuestionnaireEntry | null;
  onStopEditing?: () => void;
}) {
  const { t, fmt } = useT();
  const [instrument, setInstrument] = useState<Instrument>('4dkl');
  const [mode, setMode] = useState<Mode>('totals');
  const [moment, setMoment] = useState<QuestionnaireMoment>('intake');
  const [date, setDate] = useState(todayIso());
  const [scores, setScores] = useState<Record<string, string>>({});
  const [items, setItems] = useState<string[]>(() => emptyAnswers('4dkl'));
  const [saved, setSaved] = useState<string | null>(null);
  const [conflict, setConflict] = useState<QuestionnaireEntry | null>(null);
  const s = useSave();
  const scales = QUESTIONNAIRE_SCALES[instrument];

  // Load the result to correct into the form.
  useEffect(() => {
    if (!editing) return reset(instrument);
    setInstrument(editing.instrument);
    setMoment(editing.moment);
    setDate(editing.date);
    setMode(editing.items ? 'items' : 'totals');
    setScores(Object.fromEntries(Object.entries(editing.scores).map(([k, v]) => [k, String(v)])));
    setItems(editing.items ? editing.items.map(String) : emptyAnswers(editing.instrument));
    setConflict(null);
    setSaved(null);
    s.setIssues([]);
    // Only when another result is picked.
  }, [editing?.id]);

  const reset = (i: Instrument) => {
    setScores({});
    setItems(emptyAnswers(i));
    setConflict(null);
    s.setIssues([]);
  };
  const pick = (i: Instrument) => {
    setInstrument(i);
    reset(i);
    setSaved(null);
  };

  /** The entry as typed (unchecked: the validator names what is wrong). */
  const typed = () => {
    const courseId = courseOn(courses, date)?.id ?? null;
    if (mode === 'items') {
      const answers = parseAnswers(items);
      const computed = scoreItemAnswers(instrument, answers);
      // The core computes the scores from the items itself; these only satisfy the request's shape.
      const sc = computed.ok ? computed.value : Object.fromEntries(scales.map((x) => [x.key, x.min]));
      return { clientId, courseId, instrument, moment, date, scores: sc, items: answers } as unknown as NewQuestionnaireEntry;
    }
    const values: Record<string, unknown> = {};
    for (const sc of scales) values[sc.key] = parseScore(scores[sc.key] ?? '');
    return { clientId, courseId, instrument, moment, date, scores: values } as unknown as NewQuestionnaireEntry;
  };

  const done = async (text: string) => {
    reset(instrument);
    setSaved(text);
    await onSaved();
  };

  const send = async (onExisting: OnExisting) => {
    setSaved(null);
    setConflict(null);
    const input = typed();
    const local = validateQuestionnaireEntry(input, new Date());
    if (!local.ok) return s.setIssues(local.issues);
    const what = { instrument: instrumentText(instrument, t), moment: momentText(moment, t), date: fmt.date(date) };
    if (editing) {
      const patch: QuestionnairePatch = { courseId: input.courseId ?? null, moment, date, ...(mode === 'items' ? { items: input.items ?? null } : { scores: input.scores }) };
      if (!(await s.save(() => api().updateQuestionnaire(editing.id, patch)))) return;
      onStopEditing();
      return done(t('rec.q.updated', what));
    }
    let existing: QuestionnaireEntry | null = null;
    const entry = await s.save(async (): Promise<SaveResult<QuestionnaireEntry>> => {
      const r = await api().createQuestionnaire({ ...input, onExisting });
      if (!r.ok && 'existing' in r) {
        existing = r.existing;
        return { ok: false, issues: [], message: r.message };
      }
      return r;
    });
    if (existing) return setConflict(existing);
    if (entry) await done(t('rec.q.saved', what));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send('ask');
  };

  const title = editing
    ? t('rec.q.editing', { instrument: instrumentText(editing.instrument, t), moment: momentText(editing.moment, t), date: fmt.date(editing.date) })
    : t('rec.q.title');
  return (
    <Card title={title} testId="questionnaire-card">
      <form className="stack" onSubmit={submit} noValidate data-testid="questionnaire-form">
        {!editing && (
          <div className="rec-seg">
            <Segmented value={instrument} label={t('field.instrument')} options={INSTRUMENTS.map((i) => ({ value: i, label: instrumentText(i, t) }))} onChange={pick} testId="instrument" />
          </div>
        )}
        <p className="small muted">{t(`rec.q.hint.${instrument}` as StringKey)}</p>
        <div className="row2">
          <Field label={t('field.moment')}>
            <select value={moment} onChange={(e) => setMoment(e.target.value as QuestionnaireMoment)} data-testid="q-moment">
              {FORM_MOMENTS.map((m) => (
                <option key={m} value={m}>
                  {momentText(m, t)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('rec.q.date')}>
            <DateInput value={date} max={todayIso()} onChange={(v) => setDate(v)} aria-invalid={invalid(s.issues, 'date')} data-testid="q-date" />
          </Field>
        </div>
        <div className="rec-seg">
          <Segmented
            value={mode}
            label={t('rec.q.mode')}
            options={[
              { value: 'totals' as Mode, label: t('rec.q.mode.totals') },
              { value: 'items' as Mode, label: t('rec.q.mode.items') },
            ]}
            onChange={(m) => {
              setMode(m);
              s.setIssues([]);
            }}
            testId="q-mode"
          />
        </div>
        {mode === 'items' ? (
          <>
            <p className="small muted">{t(`rec.q.itemsHint.${instrument}` as StringKey)}</p>
            <ItemGrid instrument={instrument} values={items} onChange={setItems} issues={s.issues} />
            <ComputedScores instrument={instrument} values={items} />
          </>
        ) : (
          <div className="rec-scores">
            {scales.map((sc) => (
              <label key={String(sc.key)} className="rec-score">
                <span className="rec-score-label">{scaleText(instrument, String(sc.key), t)}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={sc.min}
                  max={sc.max}
                  step={1}
                  value={scores[sc.key] ?? ''}
                  onChange={(e) => setScores({ ...scores, [sc.key]: e.target.value })}
                  aria-invalid={invalid(s.issues, `${instrument}.${String(sc.key)}`)}
                  data-testid={`score-${String(sc.key)}`}
                />
                <span className="rec-score-range">{t('rec.q.range', { min: sc.min, max: sc.max })}</span>
              </label>
            ))}
          </div>
        )}
        <FormIssues issues={s.issues} />
        {conflict && (
          <Notice tone="bad" testId="q-conflict">
            <div className="rec-question">
              <span>{t('rec.q.exists', { instrument: instrumentText(conflict.instrument, t), moment: momentText(conflict.moment, t), date: fmt.date(conflict.date) })}</span>
              <span className="buttons">
                <button type="button" className="btn small primary" disabled={s.busy} onClick={() => void send('replace')} data-testid="q-replace">
                  {t('rec.q.replace')}
                </button>
                <button type="button" className="btn small" disabled={s.busy} onClick={() => void send('keep')} data-testid="q-keep">
                  {t('rec.q.keepBoth')}
                </button>
                <button type="button" className="btn small" onClick={() => setConflict(null)}>
                  {t('common.cancel')}
                </button>
              </span>
            </div>
          </Notice>
        )}
        {saved && <Notice testId="q-saved">{saved}</Notice>}
        <div className="buttons">
          <button type="submit" className="btn primary" disabled={s.busy} data-testid="q-save">
            {editing ? t('rec.saveChanges') : t('rec.q.save')}
          </button>
          {editing && (
            <button type="button" className="btn" onClick={onStopEditing} data-testid="q-cancel-edit">
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </Card>
  );
}
