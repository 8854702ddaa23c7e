/**
 * Item entry of a questionnaire: one small field per item NUMBER (the items' texts are not shipped),
 * typed from the paper form in order — a typed answer moves on to the next item — and the scale
 * scores computed live with the published key (shared/domain/questionnaireItems.ts), with their
 * cut-offs.
 */
import { useRef } from 'react';
import type { Instrument } from '../../../shared/domain/types.js';
import { ITEM_KEYS, itemField, scoreItemAnswers } from '../../../shared/domain/questionnaireItems.js';
import { cutoffLevel } from '../../../shared/domain/questionnaireCutoffs.js';
import { QUESTIONNAIRE_SCALES } from '../../../shared/domain/validateQuestionnaire.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { useT } from '../../app/i18n.js';
import { scaleText } from './recordLabels.js';
import { invalid } from './recordUi.js';

/** Typed answers as the validator takes them: a number, the raw text when it is not one, or null. */
export function parseAnswers(texts: readonly string[]): (number | string | null)[] {
  return texts.map((s) => {
    const v = s.trim();
    return v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;
  });
}

export function emptyAnswers(instrument: Instrument): string[] {
  return Array.from({ length: ITEM_KEYS[instrument].items }, () => '');
}

export function ItemGrid({ instrument, values, onChange, issues }: { instrument: Instrument; values: string[]; onChange: (v: string[]) => void; issues: readonly ValidationIssue[] }) {
  const { t } = useT();
  const key = ITEM_KEYS[instrument];
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  const set = (i: number, text: string) => {
    onChange(values.map((v, k) => (k === i ? text : v)));
    // One digit is a whole answer: on to the next item, as on the paper form.
    if (/^\d$/.test(text.trim()) && i + 1 < values.length) refs.current[i + 1]?.focus();
  };
  const done = values.filter((v) => v.trim() !== '').length;
  return (
    <div className="stack">
      <div className="rec-items" data-testid="q-items">
        {values.map((v, i) => (
          <label key={i} className="rec-item">
            <span>{i + 1}</span>
            <input
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="text"
              inputMode="numeric"
              maxLength={2}
              value={v}
              onChange={(e) => set(i, e.target.value)}
              onFocus={(e) => e.target.select()}
              aria-label={t('rec.q.itemField', { instrument: t(`instrument.${instrument}`), n: i + 1 })}
              aria-invalid={invalid(issues, itemField(instrument, i + 1))}
              placeholder={`${key.minAnswer}–${key.maxAnswer}`}
              data-testid={`item-${i + 1}`}
            />
          </label>
        ))}
      </div>
      <p className="small muted" data-testid="q-items-done">
        {t('rec.q.itemsDone', { n: done, total: values.length })}
      </p>
    </div>
  );
}

/** The scale scores of the answers so far (shown once every item is answered validly). */
export function ComputedScores({ instrument, values }: { instrument: Instrument; values: string[] }) {
  const { t, fmt } = useT();
  const r = scoreItemAnswers(instrument, parseAnswers(values));
  const scores = r.ok ? (r.value as unknown as Record<string, number>) : null;
  return (
    <table className="table rec-computed" data-testid="q-computed">
      <caption className="small muted">{t('rec.q.computed')}</caption>
      <tbody>
        {QUESTIONNAIRE_SCALES[instrument].map((sc) => {
          const k = String(sc.key);
          const v = scores?.[k];
          const level = v === undefined ? null : cutoffLevel(instrument, k, v);
          return (
            <tr key={k}>
              <td>{scaleText(instrument, k, t)}</td>
              <td className={`num ${level === 2 ? 'rec-q-strong' : level === 1 ? 'rec-q-elevated' : ''}`} data-testid={`computed-${k}`}>
                {v === undefined ? '–' : fmt.num(v, 0)}
                {level === 2 ? ` (${t('rec.q.stronglyElevated')})` : level === 1 ? ` (${t('rec.q.elevated')})` : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
