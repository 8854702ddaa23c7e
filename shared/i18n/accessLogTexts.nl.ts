/**
 * Dutch texts of the access log's detail column (Logboek): the stored detail is English technical
 * text ("updateGoal goal #3: status open→achieved") and is never rewritten (the log is append-only
 * and hash-chained); accessLogDetail.ts recognises its known forms and shows them through these
 * templates. The source of the keys; accessLogTexts.en.ts must have the same ones.
 */
const SESSION_TYPE =
  '{type, select, breathing {ademhaling} biofeedback {biofeedback} resonance {resonantiemeting} running {hardlopen} group {groepssessie} home {thuisoefening} run {hardloopsessie} other {{type}}}';
const RECORD = '{record, select, questionnaire {vragenlijst} goal {doel} runningLog {hardlooplog-regel} marker {markering} session {sessienotities} other {{record}}}';

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
  'log.importRrFile': `RR-bestand ingelezen als sessie ({type})`.replace('{type}', SESSION_TYPE),
  'log.startSession': `opname gestart ({type})`.replace('{type}', SESSION_TYPE),
  'log.startGroupSession': `opname gestart in groepssessie {group} ({type})`.replace('{type}', SESSION_TYPE),
  'log.exportSession': 'sessie geëxporteerd als {format}',
  'log.sessionReport': 'sessierapport gemaakt ({format})',
  'log.progressReport': 'voortgangsrapport gemaakt ({format})',
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
  'log.cliExport': 'cadans export: sessie geëxporteerd als {format}{anonymised, select, yes { (geanonimiseerd)} other {}}',
  'log.cliReport': 'cadans report: {kind, select, progress {voortgangsrapport} other {sessierapport}} gemaakt ({format})',
  'log.cliPrescribe': 'cadans prescribe: thuisoefening {id} voorgeschreven (handout in het {lang, select, en {Engels} other {Nederlands}}, geluidsbestand)',
};

export type AccessLogTextKey = keyof typeof table;
export const accessLogTextsNl: Readonly<Record<AccessLogTextKey, string>> = table;
