/** Labels of questionnaire instruments, scales and moments in the UI language. */
import type { Instrument, QuestionnaireMoment } from '../../../shared/domain/types.js';
import { hasKey, type Params, type StringKey } from '../../app/i18n.js';

type T = (key: StringKey, params?: Params) => string;

/** Moments offered in the form, in course order. */
export const FORM_MOMENTS: readonly QuestionnaireMoment[] = [
  'intake',
  ...Array.from({ length: 12 }, (_, i) => `week${i + 1}` as QuestionnaireMoment),
  'mid',
  'final',
  'followup',
  'other',
];

export function instrumentText(i: Instrument, t: T): string {
  return t(`instrument.${i}` as StringKey);
}

export function scaleText(i: Instrument, key: string, t: T): string {
  const k = `scale.${i}.${key}`;
  return hasKey(k) ? t(k as StringKey) : key;
}

export function momentText(m: string, t: T): string {
  const week = /^week(\d+)$/.exec(m);
  if (week) return t('moment.week', { n: Number(week[1]) });
  return hasKey(`moment.${m}`) ? t(`moment.${m}` as StringKey) : m;
}
