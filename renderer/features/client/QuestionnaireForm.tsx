/**
 * Questionnaire entry: 4DKL (four subscales), MVI (five scales) or the Nijmegen questionnaire,
 * at a moment of the course. Ranges are enforced in the form (the shared validator, same codes as
 * the core) and again by the core, which stores nothing when a score or the date is wrong.
 */
import { useState, type FormEvent } from 'react';
import { INSTRUMENTS, type Course, type Instrument, type NewQuestionnaireEntry, type QuestionnaireMoment } from '../../../shared/domain/types.js';
import { QUESTIONNAIRE_SCALES, validateQuestionnaireEntry } from '../../../shared/domain/validateQuestionnaire.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { Segmented } from '../../ui/Segmented.js';
import { courseOn, todayIso } from './recordDates.js';
import { FORM_MOMENTS, instrumentText, momentText, scaleText } from './recordLabels.js';
import { FormIssues, invalid, Notice, useSave } from './recordUi.js';
import { DateInput } from '../../ui/DateInput.js';

/** A typed score: a number, or the raw text when it is not one (the validator names it). */
const parseScore = (s: string): number | string | undefined => (s.trim() === '' ? undefined : Number.isFinite(Number(s.replace(',', '.'))) ? Number(s.replace(',', '.')) : s);

export function QuestionnaireForm({ clientId, courses, onSaved }: { clientId: number; courses: Course[]; onSaved: () => Promise<void> }) {
  const { t, fmt } = useT();
  const [instrument, setInstrument] = useState<Instrument>('4dkl');
  const [moment, setMoment] = useState<QuestionnaireMoment>('intake');
  const [date, setDate] = useState(todayIso());
  const [scores, setScores] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const s = useSave();
  const scales = QUESTIONNAIRE_SCALES[instrument];

  const pick = (i: Instrument) => {
    setInstrument(i);
    setScores({});
    s.setIssues([]);
    setSaved(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const values: Record<string, unknown> = {};
    for (const sc of scales) values[sc.key] = parseScore(scores[sc.key] ?? '');
    const courseId = courseOn(courses, date)?.id ?? null;
    const input = { clientId, courseId, instrument, moment, date, scores: values } as unknown as NewQuestionnaireEntry;
    const local = validateQuestionnaireEntry(input, new Date());
    if (!local.ok) return s.setIssues(local.issues);
    const entry = await s.save(() => api().createQuestionnaire(input));
    if (!entry) return;
    setScores({});
    setSaved(t('rec.q.saved', { instrument: instrumentText(instrument, t), moment: momentText(moment, t), date: fmt.date(date) }));
    await onSaved();
  };

  return (
    <Card title={t('rec.q.title')} testId="questionnaire-card">
      <form className="stack" onSubmit={submit} noValidate data-testid="questionnaire-form">
        <div className="rec-seg">
          <Segmented
            value={instrument}
            label={t('field.instrument')}
            options={INSTRUMENTS.map((i) => ({ value: i, label: instrumentText(i, t) }))}
            onChange={pick}
            testId="instrument"
          />
        </div>
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
        <FormIssues issues={s.issues} />
        {saved && <Notice testId="q-saved">{saved}</Notice>}
        <div className="buttons">
          <button type="submit" className="btn primary" disabled={s.busy} data-testid="q-save">
            {t('rec.q.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
