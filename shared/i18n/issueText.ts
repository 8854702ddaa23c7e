/**
 * Validation problems (`ValidationIssue`: message code, field path, parameters — see
 * shared/domain/validationMessages.ts) as sentences in the user's language, from the shared
 * catalogue validationTexts.{nl,en}.ts. The UI (renderer/features/client/issueText.ts, whose
 * catalogue holds the same texts) and the CLI (`issueSentence`) read the same words. Numbers and
 * ISO dates in the parameters are shown per locale; a `sensorOpenFailed` problem that carries the
 * coded error behind it (`errorCode`, `errorParams`) shows that error's sentence as its detail.
 */
import { isIsoDate } from '../domain/dates.js';
import { FIELD_LABELS_EN, type MessageCode } from '../domain/validationMessages.js';
import type { ValidationIssue } from '../domain/validationResult.js';
import { errorText, isErrorCode } from './CadansError.js';
import { makeFmt, type Fmt } from './formatters.js';
import type { Locale } from './locales.js';
import { createTranslator, type MessageParams } from './messageFormat.js';
import { validationTextsEn } from './validationTexts.en.js';
import { validationTextsNl } from './validationTexts.nl.js';

export type ValidationTextKey = keyof typeof validationTextsNl;
type T = (key: ValidationTextKey, params?: MessageParams) => string;

const translate = createTranslator<ValidationTextKey>({ nl: validationTextsNl, en: validationTextsEn });

export function hasValidationText(key: string): key is ValidationTextKey {
  return Object.hasOwn(validationTextsNl, key);
}

/** The catalogue key of each message code (a new code fails type-checking until it has one). */
export const ISSUE_TEXT_KEYS: { readonly [C in MessageCode]: `val.${C}` & ValidationTextKey } = {
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
  sensorNoPath: 'val.sensorNoPath',
  pacerSpec: 'val.pacerSpec',
};

/** Label of a field path ('borg', '4dkl.distress', 'intervals[1].runMin') with the translator `t`. */
export function fieldTextWith(path: string, t: T): string {
  if (hasValidationText(`field.${path}`)) return t(`field.${path}` as ValidationTextKey);
  if (hasValidationText(`instrument.${path}`)) return t(`instrument.${path}` as ValidationTextKey);
  const scale = /^(4dkl|mvi|nq)\.(\w+)$/.exec(path);
  if (scale && hasValidationText(`scale.${path}`)) return `${t(`instrument.${scale[1]}` as ValidationTextKey)} – ${t(`scale.${path}` as ValidationTextKey)}`;
  const item = /^(4dkl|mvi|nq)\.item(\d+)$/.exec(path);
  if (item) return t('rec.q.itemField', { instrument: t(`instrument.${item[1]}` as ValidationTextKey), n: Number(item[2]) });
  const block = /^intervals\[(\d+)\]\.(\w+)$/.exec(path);
  if (block && hasValidationText(`field.${block[2]}`)) return `${t(`field.${block[2]}` as ValidationTextKey)} (${t('rec.run.blockN', { n: Number(block[1]) + 1 })})`;
  return FIELD_LABELS_EN[path] ?? path;
}

/** A label the core wrote in English (e.g. `{other}`) back to its field, in the language of `t`. */
function relabel(english: string, t: T): string {
  const path = Object.keys(FIELD_LABELS_EN).find((k) => FIELD_LABELS_EN[k] === english);
  return path ? fieldTextWith(path, t) : english;
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

/** The coded error a `sensorOpenFailed` issue carries, as a sentence in `locale` (null when it carries none). */
function codedDetail(issue: ValidationIssue, locale: Locale): string | null {
  const { errorCode, errorParams } = issue.params;
  if (!isErrorCode(errorCode)) return null;
  let params: unknown = {};
  try {
    params = typeof errorParams === 'string' ? JSON.parse(errorParams) : {};
  } catch {
    /* no params */
  }
  return errorText(locale, { code: errorCode, params: params !== null && typeof params === 'object' ? params : {}, message: '' });
}

/** One problem as a sentence, with the translator `t` and formatters `fmt` of `locale`. */
export function issueTextWith(issue: ValidationIssue, t: T, fmt: Fmt, locale: Locale): string {
  const params: MessageParams = {};
  for (const [k, v] of Object.entries(issue.params)) params[k] = showParam(v, fmt);
  params.field = fieldTextWith(issue.field, t);
  if (typeof issue.params.other === 'string') params.other = relabel(issue.params.other, t);
  if (typeof issue.params.instrument === 'string') params.instrument = relabel(issue.params.instrument, t);
  if (typeof issue.params.entity === 'string') params.entity = relabel(issue.params.entity, t);
  const detail = codedDetail(issue, locale);
  if (detail !== null) params.detail = detail;
  return t(ISSUE_TEXT_KEYS[issue.code] ?? 'val.unknownValue', params);
}

/** `issueSentence` — one problem as a sentence in `locale` (the CLI's way; the UI uses its own `t`). */
export function issueSentence(locale: Locale, issue: ValidationIssue): string {
  return issueTextWith(issue, (key, params) => translate(locale, key, params), makeFmt(locale), locale);
}

/** The label of a field path in `locale`. */
export function fieldLabelIn(locale: Locale, path: string): string {
  return fieldTextWith(path, (key, params) => translate(locale, key, params));
}
