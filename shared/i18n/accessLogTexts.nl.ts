/**
 * Dutch texts of the access log's detail column (Logboek): the stored detail is English technical
 * text ("updateGoal goal #3: status open→achieved") and is never rewritten (the log is append-only
 * and hash-chained); accessLogDetail.ts recognises its known forms and shows them through these
 * templates. The source of the keys; accessLogTexts.en.ts must have the same ones.
 */
const SESSION_TYPE =
  '{type, select, t1 {ademhaling} t2 {biofeedback} t3 {resonantiemeting} t4 {hardlopen} t5 {groepssessie} t6 {thuisoefening} t7 {hardloopsessie} other {{raw}}}';
const RECORD = '{record, select, r1 {vragenlijst} r2 {doel} r3 {hardlooplog-regel} r4 {markering} r5 {sessienotities} r6 {loopprogramma} other {{raw}}}';

const table = {
  'log.createClient': 'cliënt aangemaakt',
  'log.getClient': 'dossier geopend',
  'log.updateClient': 'cliëntgegevens gewijzigd',
  'log.createCourse': 'behandeltraject aangemaakt',
  'log.updateCourse': 'behandeltraject gewijzigd',
  'log.createGoal': 'doel toegevoegd',
  'log.setGoalStatus': 'status van een doel gewijzigd',
  'log.createRunningLogEntry': 'regel in het hardlooplog toegevoegd',
  'log.getSessionReview': 'sessie bekeken',
  'log.listAccessLog': 'toegangslog bekeken',
  'log.exportAccessLog': 'toegangslog geëxporteerd als {format}',
  'log.importRrFile': `{source, select, s1 {emWave-export} s2 {Inner Balance-export} other {RR-bestand}} ingelezen als sessie ({type})`.replace('{type}', SESSION_TYPE),
  'log.startSession': `opname gestart ({type})`.replace('{type}', SESSION_TYPE),
  'log.startGroupSession': `opname gestart in groepssessie {group} ({type})`.replace('{type}', SESSION_TYPE),
  'log.exportSession': 'sessie geëxporteerd als {format}',
  'log.sessionReport': 'sessierapport gemaakt ({format})',
  'log.runSchedule': 'weekschema van loopprogramma {id} gemaakt ({format})',
  'log.progressReport': 'voortgangsrapport gemaakt ({format})',
  'log.restrictClient': 'cliënt afgeschermd: alleen zichtbaar voor {therapists}',
  'log.restrictLifted': 'afscherming van de cliënt opgeheven',
  'log.createPrescription': 'thuisoefening {id} voorgeschreven',
  'log.getPrescriptionFile': '{file, select, handout {handout} audio {geluidsbestand} other {bestand {file}}} van thuisoefening {id} gedownload',
  'log.createQuestionnaire': 'vragenlijst #{id} ingevoerd',
  'log.replaceQuestionnaire': `${RECORD} #{id} vervangen: {changes}`,
  'log.update': `${RECORD} #{id} gewijzigd: {changes}`,
  'log.delete': `${RECORD} #{id} verwijderd`,
  'log.noChange': 'niets veranderd',
  'log.fieldChanged': '{field} gewijzigd',
  'log.fieldFromTo': '{field} {before} → {after}',
  'log.list': '{n, plural, one {# waarde} other {# waarden}}',
  'log.cliExport': 'cadans export: sessie geëxporteerd als {format}{anonymised, select, y { (geanonimiseerd)} other {}}',
  'log.cliReport': 'cadans report: {kind, select, p {voortgangsrapport} other {sessierapport}} gemaakt ({format})',
  'log.cliPrescribe': 'cadans prescribe: thuisoefening {id} voorgeschreven (handout in het {lang, select, en {Engels} other {Nederlands}}, geluidsbestand)',
  'log.groupReport': 'groepsoverzicht van groep {group} gemaakt ({names, select, y {met namen} other {geanonimiseerd}}, {format})',
  'log.cliGroupReport': 'cadans report: groepsoverzicht van groep {group} gemaakt ({names, select, y {met namen} other {geanonimiseerd}}, {format})',
  'log.createRunProgramme': 'loopprogramma {id} aangemaakt',
  'log.importRunFile': 'loop ingelezen uit een {format}-bestand op de cliëntpagina',
  'log.importRun': 'cadans import-run: loop ingelezen uit een {format}-bestand',
  'log.syncConflict': 'gelijktijdige wijziging ({table, select, clients {cliënt} courses {behandeltraject} goals {doel} questionnaire_scores {vragenlijst} running_log {hardlooplog} prescriptions {thuisoefening} markers {markering} other {{table}}}, veld {field}) bij synchroniseren: bewaard {kept}; niet bewaard {lost}',
  // The action column (the CLI; the UI has the same words as audit.action.*).
  'log.action': '{action, select, open {ingezien} create {aangemaakt} edit {gewijzigd} delete {verwijderd} export {geëxporteerd} report {rapport gemaakt} record {opname gestart} import {bestand ingelezen} other {{action}}}',
};
export type AccessLogTextKey = keyof typeof table;
export const accessLogTextsNl: Readonly<Record<AccessLogTextKey, string>> = table;
