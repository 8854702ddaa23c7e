/**
 * Validation problems (`ValidationIssue`: message code, field path, parameters — see
 * shared/domain/validationMessages.ts) as sentences in the UI language. The same validators run in
 * the form (before sending) and in the core (which stores nothing when they object), so both
 * kinds of problem read the same. Dates in the parameters are shown with Intl per locale.
 */
import { isIsoDate } from '../../../shared/domain/dates.js';
import { FIELD_LABELS_EN, type MessageCode } from '../../../shared/domain/validationMessages.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { hasKey, type Fmt, type Params, type StringKey } from '../../app/i18n.js';

type T = (key: StringKey, params?: Params) => string;

/** One UI string per message code (a new code fails type-checking until it has one). */
const CODE_KEYS: Record<MessageCode, StringKey> = {
  required: 'val.required',
  notANumber: 'val.notANumber',
  notAnInteger: 'val.notAnInteger',
  outOfRange: 'val.outOfRange',
  belowMin: 'val.belowMin',
  notText: 'val.notText',
  emptyText: 'val.emptyText',
  tooLong: 'val.tooLong',
  controlChars: 'val.controlChars',
  invalidDate: 'val.invalidDate',
  invalidDateTime: 'val.invalidDateTime',
  futureDate: 'val.futureDate',
  dateTooEarly: 'val.dateTooEarly',
  dateBefore: 'val.dateBefore',
  lowerThan: 'val.lowerThan',
  unknownValue: 'val.unknownValue',
  unknownInstrument: 'val.unknownInstrument',
  unknownField: 'val.unknownField',
  notAnObject: 'val.notAnObject',
  notAList: 'val.notAList',
  invalidMoment: 'val.invalidMoment',
  notFound: 'val.notFound',
  courseOfOtherClient: 'val.courseOfOtherClient',
  momentTaken: 'val.momentTaken',
  invalidValue: 'val.invalidValue',
  aboveMax: 'val.aboveMax',
  tooManyItems: 'val.tooManyItems',
  unknownKey: 'val.unknownKey',
  phaseTooShort: 'val.phaseTooShort',
  sensorUnknown: 'val.sensorUnknown',
  sensorFileRefused: 'val.sensorFileRefused',
  sensorPortNotListed: 'val.sensorPortNotListed',
  sensorReplayUnknown: 'val.sensorReplayUnknown',
  sensorUnknownSetting: 'val.sensorUnknownSetting',
  sensorBadSetting: 'val.sensorBadSetting',
  sensorOpenFailed: 'val.sensorOpenFailed',
  sensorInUse: 'val.sensorInUse',
};

/** Label of a field path: 'borg', '4dkl.distress', 'intervals[1].runMin'. */
export function fieldText(path: string, t: T): string {
  if (hasKey(`field.${path}`)) return t(`field.${path}` as StringKey);
  if (hasKey(`instrument.${path}`)) return t(`instrument.${path}` as StringKey);
  const scale = /^(4dkl|mvi|nq)\.(\w+)$/.exec(path);
  if (scale && hasKey(`scale.${path}`)) return `${t(`instrument.${scale[1]}` as StringKey)} – ${t(`scale.${path}` as StringKey)}`;
  const item = /^(4dkl|mvi|nq)\.item(\d+)$/.exec(path);
  if (item) return t('rec.q.itemField', { instrument: t(`instrument.${item[1]}` as StringKey), n: Number(item[2]) });
  const block = /^intervals\[(\d+)\]\.(\w+)$/.exec(path);
  if (block && hasKey(`field.${block[2]}`)) return `${t(`field.${block[2]}` as StringKey)} (${t('rec.run.blockN', { n: Number(block[1]) + 1 })})`;
  return FIELD_LABELS_EN[path] ?? path;
}

/** A label the core wrote in English (e.g. `{other}`) back to its field, in the UI language. */
function relabel(english: string, t: T): string {
  const path = Object.keys(FIELD_LABELS_EN).find((k) => FIELD_LABELS_EN[k] === english);
  return path ? fieldText(path, t) : english;
}

/** A parameter value for display: ISO dates and numbers per locale, quotes of text values kept. */
function showParam(v: string | number, fmt: Fmt): string {
  if (typeof v === 'number') return fmt.num(v, Number.isInteger(v) ? 0 : 1);
  const bare = v.replace(/^"(.*)"$/, '$1');
  if (isIsoDate(bare)) return fmt.date(bare);
  if (/^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return fmt.num(n, Number.isInteger(n) ? 0 : Math.min(2, v.split('.')[1]!.length));
  }
  return v === 'nothing' ? '–' : v;
}

/** `issueText` — one problem as a sentence in the UI language. */
export function issueText(issue: ValidationIssue, t: T, fmt: Fmt): string {
  const params: Params = {};
  for (const [k, v] of Object.entries(issue.params)) params[k] = showParam(v, fmt);
  params.field = fieldText(issue.field, t);
  if (typeof issue.params.other === 'string') params.other = relabel(issue.params.other, t);
  if (typeof issue.params.instrument === 'string') params.instrument = relabel(issue.params.instrument, t);
  if (typeof issue.params.entity === 'string') params.entity = relabel(issue.params.entity, t);
  return t(CODE_KEYS[issue.code] ?? 'val.unknownValue', params);
}

/** Problems per field path (first one wins), for marking the inputs. */
export function issuesByField(issues: readonly ValidationIssue[]): Map<string, ValidationIssue> {
  const m = new Map<string, ValidationIssue>();
  for (const i of issues) if (!m.has(i.field)) m.set(i.field, i);
  return m;
}
