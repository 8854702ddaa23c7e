/**
 * The access log's stored detail (English, technical; never rewritten) in the UI language: the known
 * forms through the access-log catalogue (shared/i18n/accessLogDetail.ts), changed fields and their
 * values in the change history's words; an unknown detail as it is.
 */
import { accessDetailText, type ChangeValue } from '../../../shared/i18n/accessLogDetail.js';
import type { Locale } from '../../../shared/i18n/locales.js';
import { hasKey, type Fmt, type Params, type StringKey } from '../../app/i18n.js';
import { historyFieldText, historyValueText } from './historyValues.js';

type T = (key: StringKey, params?: Params) => string;

export function detailText(detail: string, locale: Locale, t: T, fmt: Fmt): string {
  const value = (v: ChangeValue, field: string): string => {
    if (v !== null && typeof v === 'object') return historyValueText(Array.from({ length: v.list }), t, fmt);
    if (typeof v === 'string' && field === 'status' && hasKey(`goal.${v}`)) return t(`goal.${v}` as StringKey);
    if (typeof v === 'string' && field === 'moment' && hasKey(`moment.${v}`)) return t(`moment.${v}` as StringKey);
    return historyValueText(v, t, fmt);
  };
  return accessDetailText(locale, detail, { field: (f) => historyFieldText(f, t), value });
}
