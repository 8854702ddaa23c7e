/**
 * Questionnaire scores and their ranges:
 * - 4DKL (Terluin 1996): distress 0–32, depression 0–12, anxiety 0–24, somatisation 0–32;
 * - MVI, the Dutch MFI-20 (Smets 1995): five scales of 4 items each, 4–20 per scale;
 * - Nijmegen questionnaire (van Dixhoorn 1985): 16 items 0–4, total 0–64.
 * All scores are whole numbers and every scale of an instrument is required.
 */
import { EARLIEST_RECORD_DATE } from './dates.js';
import { checkDate, checkId, checkNumber, checkText } from './fieldChecks.js';
import type {
  Instrument,
  InstrumentScores,
  IsoDate,
  NewQuestionnaireEntry,
  QuestionnaireMoment,
} from './types.js';
import { INSTRUMENTS, NAMED_MOMENTS } from './types.js';
import { scoreItems, validateItems } from './questionnaireItems.js';
import { fieldLabel, showValue } from './validationMessages.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';

export interface ScaleRange {
  key: string;
  min: number;
  max: number;
}

/** Scales and ranges per instrument, in the order reports show them. */
export const QUESTIONNAIRE_SCALES: { readonly [I in Instrument]: readonly (ScaleRange & { key: keyof InstrumentScores[I] })[] } = {
  '4dkl': [
    { key: 'distress', min: 0, max: 32 },
    { key: 'depression', min: 0, max: 12 },
    { key: 'anxiety', min: 0, max: 24 },
    { key: 'somatisation', min: 0, max: 32 },
  ],
  mvi: [
    { key: 'generalFatigue', min: 4, max: 20 },
    { key: 'physicalFatigue', min: 4, max: 20 },
    { key: 'reducedActivity', min: 4, max: 20 },
    { key: 'reducedMotivation', min: 4, max: 20 },
    { key: 'mentalFatigue', min: 4, max: 20 },
  ],
  nq: [{ key: 'total', min: 0, max: 64 }],
};

/** Whether `instrument` is a known questionnaire id. */
export function isInstrument(instrument: unknown): instrument is Instrument {
  return typeof instrument === 'string' && (INSTRUMENTS as readonly string[]).includes(instrument);
}

function checkScores(c: IssueCollector, instrument: Instrument, scores: unknown): Record<string, number> | null {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) {
    c.add(scores === undefined || scores === null ? 'required' : 'notAnObject', 'scores', { value: showValue(scores) });
    return null;
  }
  const scales = QUESTIONNAIRE_SCALES[instrument] as readonly ScaleRange[];
  const input = scores as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const { key, min, max } of scales) {
    const v = checkNumber(c, `${instrument}.${key}`, input[key], { required: true, integer: true, min, max });
    if (v !== null) out[key] = v;
  }
  const known = new Set(scales.map((s) => s.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      c.add('unknownField', key, { instrument: fieldLabel(instrument), allowed: [...known].join(', ') });
    }
  }
  return out;
}

/**
 * Validate the scores of one questionnaire: all scales present, whole numbers, in range,
 * no unknown keys. Returns the cleaned scores or English messages.
 */
export function validateQuestionnaire<I extends Instrument>(instrument: I, scores: unknown): ValidationResult<InstrumentScores[I]>;
export function validateQuestionnaire(instrument: unknown, scores: unknown): ValidationResult<InstrumentScores[Instrument]>;
export function validateQuestionnaire(instrument: unknown, scores: unknown): ValidationResult<InstrumentScores[Instrument]> {
  const c = new IssueCollector();
  if (!isInstrument(instrument)) {
    c.add('unknownInstrument', 'instrument', { value: showValue(instrument), allowed: INSTRUMENTS.join(', ') });
    return c.result(null as never);
  }
  const out = checkScores(c, instrument, scores);
  return c.result(out as unknown as InstrumentScores[Instrument]);
}

/** Whether `moment` is 'intake', 'mid', 'final', 'followup', 'other' or 'week1'…'week99'. */
export function isQuestionnaireMoment(moment: unknown): moment is QuestionnaireMoment {
  return (
    typeof moment === 'string' &&
    ((NAMED_MOMENTS as readonly string[]).includes(moment) || /^week[1-9]\d?$/.test(moment))
  );
}

/**
 * Validate a complete questionnaire entry: client/course ids, instrument, moment, date
 * (valid, not after the local date of `now`, not before 1900) and the scores — or, when `items`
 * is given, the answers per item, from which the scores are computed (`scoreItems`).
 */
export function validateQuestionnaireEntry(input: unknown, now: Date): ValidationResult<NewQuestionnaireEntry> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const clientId = checkId(c, 'clientId', o.clientId, true);
  const courseId = checkId(c, 'courseId', o.courseId, false);
  let instrument: Instrument | null = null;
  if (!isInstrument(o.instrument)) {
    c.add('unknownInstrument', 'instrument', { value: showValue(o.instrument), allowed: INSTRUMENTS.join(', ') });
  } else {
    instrument = o.instrument;
  }
  let moment: QuestionnaireMoment | null = null;
  if (o.moment === undefined || o.moment === null || o.moment === '') c.add('required', 'moment');
  else if (!isQuestionnaireMoment(o.moment)) {
    c.add('invalidMoment', 'moment', { value: showValue(o.moment), allowed: NAMED_MOMENTS.join(', ') });
  } else moment = o.moment;
  const date = checkDate(c, 'date', o.date, { required: true, notAfter: now, min: EARLIEST_RECORD_DATE });
  const notes = checkText(c, 'notes', o.notes, { maxLength: 10_000 }) ?? '';
  let scores: Record<string, number> | null = null;
  let items: number[] | null = null;
  if (instrument && o.items !== undefined && o.items !== null) {
    // Entered by item: the answers are the record, the scales follow from the published key.
    const v = validateItems(instrument, o.items);
    if (v.ok) {
      items = v.value;
      scores = scoreItems(instrument, items) as unknown as Record<string, number>;
    } else for (const issue of v.issues) c.issues.push(issue);
  } else if (instrument) scores = checkScores(c, instrument, o.scores);
  return c.result({
    clientId: clientId as number,
    courseId,
    instrument: instrument as Instrument,
    moment: moment as QuestionnaireMoment,
    date: date as IsoDate,
    scores,
    notes,
    ...(items ? { items } : {}),
  } as unknown as NewQuestionnaireEntry);
}
