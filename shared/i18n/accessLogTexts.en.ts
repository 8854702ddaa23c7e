/** English texts of the access log's detail column (keys: accessLogTexts.nl.ts, type-checked). */
import type { SameKeys } from './catalogue.js';
import type { accessLogTextsNl } from './accessLogTexts.nl.js';

const SESSION_TYPE =
  '{type, select, t1 {breathing} t2 {biofeedback} t3 {resonance assessment} t4 {running} t5 {group session} t6 {home practice} t7 {run} other {{raw}}}';
const RECORD = '{record, select, r1 {questionnaire} r2 {goal} r3 {running log entry} r4 {marker} r5 {session notes} r6 {run/walk programme} other {{raw}}}';

const table = {
  'log.createClient': 'client created',
  'log.getClient': 'record opened',
  'log.updateClient': 'client details changed',
  'log.createCourse': 'course of treatment created',
  'log.updateCourse': 'course of treatment changed',
  'log.createGoal': 'goal added',
  'log.setGoalStatus': "a goal's status changed",
  'log.createRunningLogEntry': 'running log entry added',
  'log.getSessionReview': 'session viewed',
  'log.listAccessLog': 'access log viewed',
  'log.exportAccessLog': 'access log exported as {format}',
  'log.importRrFile': `{source, select, s1 {emWave export} s2 {Inner Balance export} other {RR file}} imported as a session ({type})`.replace('{type}', SESSION_TYPE),
  'log.startSession': `recording started ({type})`.replace('{type}', SESSION_TYPE),
  'log.startGroupSession': `recording started in group session {group} ({type})`.replace('{type}', SESSION_TYPE),
  'log.exportSession': 'session exported as {format}',
  'log.sessionReport': 'session report made ({format})',
  'log.runSchedule': 'week schedule of run/walk programme {id} made ({format})',
  'log.progressReport': 'progress report made ({format})',
  'log.restrictClient': 'client restricted: visible only to {therapists}',
  'log.restrictLifted': 'restriction of the client lifted',
  'log.createPrescription': 'home practice {id} prescribed',
  'log.getPrescriptionFile': '{file, select, handout {handout} audio {audio file} other {file {file}}} of home practice {id} downloaded',
  'log.createQuestionnaire': 'questionnaire #{id} entered',
  'log.replaceQuestionnaire': `${RECORD} #{id} replaced: {changes}`,
  'log.update': `${RECORD} #{id} changed: {changes}`,
  'log.delete': `${RECORD} #{id} deleted`,
  'log.noChange': 'nothing changed',
  'log.fieldChanged': '{field} changed',
  'log.fieldFromTo': '{field} {before} → {after}',
  'log.list': '{n, plural, one {# value} other {# values}}',
  'log.cliExport': 'cadans export: session exported as {format}{anonymised, select, y { (anonymised)} other {}}',
  'log.cliReport': 'cadans report: {kind, select, p {progress report} other {session report}} made ({format})',
  'log.cliPrescribe': 'cadans prescribe: home practice {id} prescribed (handout in {lang, select, en {English} other {Dutch}}, audio file)',
  'log.groupReport': 'group summary of group {group} made ({names, select, y {with names} other {anonymised}}, {format})',
  'log.cliGroupReport': 'cadans report: group summary of group {group} made ({names, select, y {with names} other {anonymised}}, {format})',
  'log.createRunProgramme': 'run/walk programme {id} created',
  'log.importRunFile': 'run imported from a {format} file on the client page',
  'log.importRun': 'cadans import-run: run imported from a {format} file',
  'log.syncConflict': 'edited on two workstations ({table, select, clients {client} courses {course of treatment} goals {goal} questionnaire_scores {questionnaire} running_log {running log} prescriptions {home practice} markers {marker} other {{table}}}, field {field}), found at sync: kept {kept}; not kept {lost}',
  'log.action': '{action, select, open {viewed} create {created} edit {changed} delete {deleted} export {exported} report {report made} record {recording started} import {file imported} other {{action}}}',
};
export const accessLogTextsEn: Readonly<SameKeys<typeof accessLogTextsNl, typeof table>> = table;
