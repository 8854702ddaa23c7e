/** English texts of the running part of the progress report (keys: runsTexts.nl.ts, type-checked). */
import type { SameKeys } from '../i18n/catalogue.js';
import type { runsTextsNl } from './runsTexts.nl.js';

const table = {
  title: 'Runs and run/walk programme',
  intro: 'Runs from sport watches (FIT, TCX, GPX) and from the practice: run and walk blocks from cadence and speed, the longest continuous run and the heart-rate recovery after the last run block.',
  programmeTitle: 'Programme: planned and done per week',
  programmeStarted: '{name}, from {date}',
  week: 'Week',
  dates: 'Period',
  planned: 'Planned',
  done: 'Done',
  plannedLongest: 'Longest run planned',
  longestDone: 'Longest run done',
  longestChart: 'Longest continuous run (minutes)',
  hrrChart: 'Heart-rate recovery after the last run block (beats/min)',
  hrr60: 'HRR60',
  hrr120: 'HRR120',
  date: 'Date',
  duration: 'Duration',
  runBlocks: 'Run blocks',
  longest: 'Longest run',
  meanHr: 'Mean HR',
  inTarget: 'In target zone',
  source: 'Source',
  noRuns: 'No runs stored yet.',
  notEnoughData: 'Not enough data',
  hrrMethod: 'HRR = peak heart rate (5-s mean) in the last run block minus the heart rate 60 and 120 s after its end (Cole et al. 1999; Shetler et al. 2001). Target zone Borg 11–13: 40–59 % of the heart-rate reserve (Karvonen; ACSM, Garber et al. 2011).',
};

export const runsTextsEn: SameKeys<typeof runsTextsNl, typeof table> = table;
