/**
 * Dutch texts of the app's coded refusals that used to cross the API as plain English errors
 * (issue 13): a resonance run that cannot be paused or re-paced by hand, a pacer with nothing to
 * continue, interval series too short to analyse, a calculation that stopped, a session that could
 * not be saved. Part of errors.nl.ts; appErrors.en.ts has exactly the same keys.
 */
export const appErrorsNl = {
  // Een lopende sessie (main/app/sessionCalls.ts; de eigenaar van de sessie: main/app/resonanceService.ts).
  'resonance.noPause': 'Een resonantiemeting kan niet worden gepauzeerd: stop hem (de afgeronde stappen blijven bewaard) of annuleer hem.',
  'resonance.ownsPacer': 'De resonantiemeting stelt de ademhalingsbegeleider zelf in: stop de meting voordat je de begeleider met de hand wijzigt.',
  'session.pacerNotEnded': 'De ademhalingsbegeleider is nog niet afgelopen: er is niets om voort te zetten.',
  'session.noPacerToContinue': 'Er is geen ademhalingsbegeleider om voort te zetten.',
  'session.badMaxSec': 'De maximale duur van de sessie moet een positief aantal seconden zijn (gegeven: {got}).',
  // Intervallen of slagen die niet te analyseren zijn (shared/dsp/analyzeIntervals.ts, main/sessions/sessionSignal.ts).
  'analysis.badInterval': 'interval {index} is geen positief getal ({got})',
  'analysis.intervalsTooShort': 'de intervallen beslaan maar {sec, number, ::.0} s; er is minstens {min, number} s nodig',
  'analysis.beatsTooShort': 'de slagen beslaan maar {sec, number, ::.0} s; er is minstens {min, number} s nodig',
  'analysis.noSignal': 'de sessie heeft geen opgeslagen signaal en geen slagen',
  // Het rekenwerk buiten de hoofdlijn (main/app/heavyWork.ts: rapporten, exports, analyses).
  'work.stopped': 'De berekening is onderbroken; probeer het opnieuw (technische melding: {detail}).',
  'work.closed': '{closing, select, yes {De Cadans-kern wordt afgesloten} other {De Cadans-kern is afgesloten}}: de berekening is niet uitgevoerd.',
  // Opslaan van een sessie (main/sessions/SessionRecorder.ts, native-adapters/sqlite/recordingLock.ts).
  'storage.recordingLocked': 'Sessie {sessionId} wordt al opgenomen door een ander Cadans-programma ({file} is vergrendeld).',
  'storage.lostAtEnd': 'Sessie {sessionId} is beëindigd zonder de laatste {seconds, plural, one {# seconde} other {# seconden}}: de schijf was vol.',
  'storage.saveFailed': 'Sessie {sessionId} kon ook niet worden opgeslagen in {file} (technische melding: {detail}); de gegevens blijven in het geheugen. Maak ruimte vrij en stop de sessie opnieuw.',
  // Overig (main/app/prescriptionCalls.ts, main/app/SettingsStore.ts).
  'prescription.notFound': 'Voorschrift {id} bestaat niet (meer).',
  // Exporteren (main/sessions/exportSession.ts, exportEdf.ts; ook de LEESMIJ van de zip).
  'export.unknownFormat': 'Onbekend exportformaat "{format}" (csv, rr, json of edf).',
  'export.noSignal':
    'Sessie {sessionId} heeft geen ruw signaal{target, select, edf {, dus er is niets om als EDF te schrijven; exporteer hem als rr of json} other {{intervals, select, yes { (een intervalsensor heeft hem opgenomen); exporteer hem als rr of json} other {}}}}.',
  'export.noIntervals': 'Sessie {sessionId} heeft geen NN-intervallen om te exporteren{why, select, cause {: {cause}} detail {: {detail}} other {.}}',
  'export.edfRateChanges': 'De samplefrequentie van sessie {sessionId} verandert, en dat kan één EDF-signaal niet bevatten; exporteer hem als csv of json.',
  'export.edfNoRecord': 'Sessie {sessionId} is opgenomen met {fs, number} Hz; dat geeft geen heel aantal samples per EDF-datarecord. Exporteer hem als csv of json.',
  // Een record dat niet (meer) bestaat (NotFoundError, shared/domain/validationResult.ts).
  'record.notFound':
    '{entity, select, client {Cliënt} course {Traject} goal {Doel} session {Sessie} sessionGroup {Groepssessie} questionnaire {Vragenlijstresultaat} runningLog {Hardlooplogregel} marker {Markering} runProgramme {Loopschema} other {{entity}}} {id} bestaat niet (meer).',
  'settings.tachogramWindow': 'Het venster van het tachogram moet {min} tot {max} seconden zijn (gegeven: {got}).',
};
