/**
 * All user-facing validation and record messages in one place, so they can be translated
 * (a Dutch catalog with the same keys can be passed to `formatMessage`). Templates use
 * `{name}` placeholders; values are formatted by the caller.
 */
import { formatTemplate } from '../i18n/messageFormat.js';

export const MESSAGES_EN = {
  required: '{field} is required.',
  notANumber: '{field} must be a number (got {value}).',
  notAnInteger: '{field} must be a whole number (got {value}).',
  outOfRange: '{field} must be between {min} and {max} (got {value}).',
  belowMin: '{field} must be at least {min} (got {value}).',
  notText: '{field} must be text (got {value}).',
  emptyText: '{field} must not be empty.',
  tooLong: '{field} must be at most {max} characters long.',
  controlChars: '{field} must not contain control characters (such as tabs, line breaks or invisible characters).',
  invalidDate: '{field} must be a valid date written as YYYY-MM-DD (got {value}).',
  invalidDateTime: '{field} must be a valid date and time in ISO 8601 format (got {value}).',
  futureDate: '{field} cannot be in the future ({value} is after today, {today}).',
  dateTooEarly: '{field} cannot be before {min} (got {value}).',
  dateBefore: '{field} ({value}) cannot be before {other} ({otherValue}).',
  lowerThan: '{field} ({value}) cannot be lower than {other} ({otherValue}).',
  unknownValue: '{field} must be one of {allowed} (got {value}).',
  unknownInstrument: 'Unknown questionnaire {value}; expected one of {allowed}.',
  unknownField: '{field} is not a score of the {instrument}; expected {allowed}.',
  notAnObject: '{field} must be an object (got {value}).',
  notAList: '{field} must be a list (got {value}).',
  invalidMoment: '{field} must be one of {allowed} or weekN (got {value}).',
  notFound: '{entity} {id} does not exist.',
  courseOfOtherClient: 'Course {courseId} belongs to another client than client {clientId}.',
  momentTaken: 'The {instrument} already has a result at moment {moment} ({date}): replace it or keep both.',
  invalidValue: '{field} has an invalid value (got {value}).',
  aboveMax: '{field} must be at most {max} (got {value}).',
  tooManyItems: '{field} may hold at most {max} items.',
  unknownKey: '{field} is not a known setting (allowed: {allowed}).',
  phaseTooShort: 'Breathing in ({inhale} s) and out ({exhale} s) must each last at least {min} s; the holds leave too little of the {period} s breath.',
  sensorUnknown: 'Unknown sensor {value}: choose one from the list (sim, serial:…, ble:…).',
  sensorFileRefused: 'A recording is replayed only when it is chosen with "Replay file…", never by a path typed here.',
  sensorPortNotListed: 'This serial port is not in the sensor list: search for sensors and choose it from the list.',
  sensorReplayUnknown: 'This recording is no longer known: choose the file again with "Replay file…".',
  sensorUnknownSetting: 'Unknown sensor setting {key} (known: {allowed}).',
  sensorBadSetting: 'Sensor setting {key} has an invalid value ({value}).',
  sensorOpenFailed: 'The sensor could not be opened: {detail}',
  sensorInUse: 'A session is recording from {value}: stop the session before replacing or disconnecting it.',
  sensorNoPath: 'A {kind} sensor needs a path (e.g. {example}).',
  pacerSpec: '{value} is not a pacer setting: give breaths per minute, optionally with in-out or in-hold-out-hold (e.g. 6, 5.5 or 6:4-6).',
} as const;

export type MessageCode = keyof typeof MESSAGES_EN;
export type MessageCatalog = Record<MessageCode, string>;

/** Labels of the validated fields, used as `{field}` in the messages. */
export const FIELD_LABELS_EN: Record<string, string> = {
  name: 'Name',
  dateOfBirth: 'Date of birth',
  referralSource: 'Referral source',
  complaint: 'Complaint',
  notes: 'Notes',
  nickname: 'Nickname',
  date: 'Date',
  moment: 'Moment',
  instrument: 'Questionnaire',
  scores: 'Scores',
  startDate: 'Start date',
  intakeDate: 'Intake date',
  midEvaluationDate: 'Mid-evaluation date',
  finalEvaluationDate: 'Final evaluation date',
  text: 'Goal text',
  status: 'Status',
  setDate: 'Date the goal was set',
  targetDate: 'Target date',
  closedDate: 'Date closed',
  intervals: 'Run/walk intervals',
  runMin: 'Run minutes',
  walkMin: 'Walk minutes',
  reps: 'Repetitions',
  continuousRunMin: 'Continuous running (minutes)',
  borg: 'Borg rating (RPE)',
  hrAvgBpm: 'Average heart rate (bpm)',
  hrMaxBpm: 'Maximum heart rate (bpm)',
  type: 'Session type',
  sensorSpec: 'Sensor',
  sensorInfo: 'Sensor information',
  pacer: 'Pacer settings',
  startedAt: 'Start time',
  fsHz: 'Sample rate (Hz)',
  clientId: 'Client',
  courseId: 'Course',
  '4dkl': '4DKL',
  mvi: 'MVI',
  nq: 'Nijmegen questionnaire',
  '4dkl.distress': '4DKL distress',
  '4dkl.depression': '4DKL depression',
  '4dkl.anxiety': '4DKL anxiety',
  '4dkl.somatisation': '4DKL somatisation',
  'mvi.generalFatigue': 'MVI general fatigue',
  'mvi.physicalFatigue': 'MVI physical fatigue',
  'mvi.reducedActivity': 'MVI reduced activity',
  'mvi.reducedMotivation': 'MVI reduced motivation',
  'mvi.mentalFatigue': 'MVI mental fatigue',
  'nq.total': 'Nijmegen questionnaire total',
  '4dkl.items': '4DKL answers',
  'mvi.items': 'MVI answers',
  'nq.items': 'Nijmegen questionnaire answers',
  marker: 'Marker',
  client: 'Client',
  course: 'Course',
  goal: 'Goal',
  session: 'Session',
  sessionGroup: 'Group session',
  questionnaire: 'Questionnaire entry',
  runningLog: 'Running log entry',
  tSec: 'Time in the session (s)',
  kind: 'Kind',
  note: 'Note',
  rateBpm: 'Breathing rate (per minute)',
  inhaleFraction: 'In : out',
  holdInSec: 'Hold after in (s)',
  holdOutSec: 'Hold after out (s)',
  holds: 'Holds',
  durationSec: 'Duration (s)',
  durationMin: 'Duration (min)',
  spec: 'Sensor',
  runProgramme: 'Run/walk programme',
  weeks: 'Weeks',
  sessionsPerWeek: 'Sessions per week',
  blocks: 'Blocks',
  sec: 'Duration (s)',
  'template.weeks': 'Weeks of the template',
  'template.sessionsPerWeek': 'Sessions per week',
};

/** Parameters of a message: strings and numbers, already formatted for display. */
export type MessageParams = Record<string, string | number>;

/** Fill a message template: `formatMessage('outOfRange', { field: 'Borg', min: 6, max: 20, value: 25 })`. */
export function formatMessage(code: MessageCode, params: MessageParams, catalog: MessageCatalog = MESSAGES_EN): string {
  // Through the app's message layer; values arrive formatted for display, so numbers go in as text.
  const text: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) text[k] = String(v);
  // A placeholder without a value stays visible as {name} (a programming slip shows, never throws).
  for (const [, name] of catalog[code].matchAll(/\{(\w+)\}/g)) if (!(name! in text)) text[name!] = `{${name}}`;
  return formatTemplate('en', catalog[code], text);
}

/** Label of a field path such as 'mvi.mentalFatigue' or 'intervals[2].runMin' (falls back to the key). */
export function fieldLabel(field: string, labels: Record<string, string> = FIELD_LABELS_EN): string {
  if (labels[field]) return labels[field];
  const item = /^(4dkl|mvi|nq)\.item(\d+)$/.exec(field);
  if (item) return `${labels[item[1]!] ?? item[1]} item ${item[2]}`;
  const m = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(field);
  if (m) return `${labels[m[3]] ?? m[3]} (${labels[m[1]] ?? m[1]} #${Number(m[2]) + 1})`;
  return field;
}

/** Show a received value inside a message: strings quoted, nothing as 'nothing', long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
