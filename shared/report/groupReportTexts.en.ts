/** English texts of the group summary report (keys: groupReportTexts.nl.ts, type-checked). */
import type { SameKeys } from '../i18n/catalogue.js';
import type { groupReportTextsNl } from './groupReportTexts.nl.js';

const table = {
  title: 'Group summary',
  titleNames: 'Group summary (with names)',
  group: 'Group',
  groupNumber: 'Group {groupId}',
  anonymous: 'Anonymised',
  forTherapist: 'With names — for the therapist only',
  anonymousNote: 'Participants are numbered in the order in which they started; their names are only on the therapist’s version.',
  namesNote: 'This version names the participants: for the therapist only, not to be handed out.',
  date: 'Date',
  startTime: 'Start time',
  duration: 'Duration',
  pacer: 'Breathing pacer',
  noPacer: 'No pacer',
  participants: 'Participants',
  participant: 'Participant',
  participantN: 'Participant {n}',
  nameWithNumber: '{name} (client no. {clientId})',
  notes: 'Notes on the group',
  participantsTitle: 'Per participant',
  recorded: 'Recorded',
  medium: 'Medium coherence',
  high: 'High coherence',
  coherentShare: 'Medium or high',
  meanHr: 'Mean heart rate',
  signalQuality: 'Signal quality',
  noAnalysis: 'no analysis possible',
  stoppedEarly: 'stopped early',
  tableNote:
    'Time in medium and high coherence with its share of the participant’s own recording; the first minute (before the analysis window is full) and time without usable signal do not count as coherent. Signal quality: the share of the recording with usable beats.',
  groupCoherence: 'On average, the {count, plural, one {participant was} other {participants were}} in medium or high coherence {pct} of the time.',
  groupCoherenceNone: 'No analysis was possible for any participant.',
  sessionLine: 'Group session (group {groupId}, {count, plural, one {# participant} other {# participants}}); this report is about this client only',
};

export const groupReportTextsEn: SameKeys<typeof groupReportTextsNl, typeof table> = table;
