/** English texts of the app's coded refusals (issue 13); exactly the keys of appErrors.nl.ts. Also the errors' `message`. */
import type { SameKeys } from './catalogue.js';
import type { appErrorsNl } from './appErrors.nl.js';

const table = {
  'resonance.noPause': 'a resonance assessment cannot be paused: stop it (the finished steps are kept) or cancel it',
  'resonance.ownsPacer': 'the resonance assessment sets the pacer; stop it before changing the pacer by hand',
  'session.pacerNotEnded': 'the pacer has not ended; there is nothing to continue',
  'session.noPacerToContinue': 'there is no pacer to continue',
  'session.badMaxSec': 'maxSec must be a positive number of seconds (got {got})',
  'analysis.badInterval': 'interval {index} is not a positive number ({got})',
  'analysis.intervalsTooShort': 'the intervals span only {sec, number, ::.0} s; at least {min, number} s is needed',
  'analysis.beatsTooShort': 'the beats span only {sec, number, ::.0} s; at least {min, number} s is needed',
  'analysis.noSignal': 'the session has no stored signal and no beats',
  'work.stopped': 'the calculation stopped ({detail}); try again',
  'work.closed': '{closing, select, yes {the app core is closing} other {the app core is closed}}',
  'storage.recordingLocked': 'session {sessionId} is being recorded by another process ({file} is locked)',
  'storage.lostAtEnd': 'session {sessionId} ended without its last {seconds} s (disk full)',
  'storage.saveFailed': 'Could not save session {sessionId} in {file} either ({detail}); the data is kept in memory.',
  'prescription.notFound': 'prescription {id} does not exist',
  'export.unknownFormat': 'Unknown export format "{format}" (csv, rr, json or edf).',
  'export.noSignal':
    'Session {sessionId} has no raw signal{target, select, edf {, so there is nothing to write as EDF; export it as rr or json} other {{intervals, select, yes { (an interval sensor recorded it); export it as rr or json} other {}}}}.',
  'export.noIntervals': 'Session {sessionId} has no NN intervals to export{why, select, cause {: {cause}} detail {: {detail}} other {.}}',
  'export.edfRateChanges': 'Session {sessionId} changes its sample rate, which one EDF signal cannot hold; export it as csv or json.',
  'export.edfNoRecord': 'Session {sessionId} is sampled at {fs, number} Hz, which gives no whole number of samples per EDF data record; export it as csv or json.',
  'record.notFound':
    '{entity, select, client {Client} course {Course} goal {Goal} session {Session} sessionGroup {Group session} questionnaire {Questionnaire entry} runningLog {Running log entry} marker {Marker} runProgramme {Running programme} other {{entity}}} {id} does not exist.',
  'settings.tachogramWindow': 'invalid display settings: tachogramWindowSec must be {min}–{max} seconds (got {got})',
};

export const appErrorsEn: SameKeys<typeof appErrorsNl, typeof table> = table;
