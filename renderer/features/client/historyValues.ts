/**
 * How the change history shows a field and its values in the UI language: the field's label
 * (questionnaire scale scores by their scale name), dates and numbers per locale, lists as a count,
 * empty values as "–". Free text is shown as it was written (it is the therapist's own record).
 */
import { isIsoDate } from '../../../shared/domain/dates.js';
import { hasKey, type Fmt, type Params, type StringKey } from '../../app/i18n.js';
import { fieldText } from './issueText.js';

type T = (key: StringKey, params?: Params) => string;

const INSTRUMENTS = ['4dkl', 'mvi', 'nq'] as const;

/** The label of a changed field ('scores.distress' → the 4DKL's "Distress"). */
export function historyFieldText(field: string, t: T): string {
  const score = /^scores\.(\w+)$/.exec(field);
  if (score) {
    const inst = INSTRUMENTS.find((i) => hasKey(`scale.${i}.${score[1]}`));
    if (inst) return t(`scale.${inst}.${score[1]}` as StringKey);
  }
  return fieldText(field, t);
}

/** A value before or after a change, as text. */
export function historyValueText(v: unknown, t: T, fmt: Fmt): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'number') return fmt.num(v, Number.isInteger(v) ? 0 : 2);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') {
    if (isIsoDate(v)) return fmt.date(v);
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) && !Number.isNaN(Date.parse(v))) return fmt.dateTime(v);
    if (hasKey(`instrument.${v}`)) return t(`instrument.${v}` as StringKey);
    return v;
  }
  if (Array.isArray(v)) return t('audit.list', { n: v.length });
  return JSON.stringify(v);
}
