// The access log's detail column in nl/en: every detail form the app and the CLI write (see the
// writers named in shared/i18n/accessLogDetail.ts) is recognised and shown in the reader's
// language; the stored English text itself is not changed; an unknown detail is shown as it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accessDetailText, parseAccessDetail } from '../../../shared/i18n/accessLogDetail.js';
import { accessLogTextsEn } from '../../../shared/i18n/accessLogTexts.en.js';
import { accessLogTextsNl } from '../../../shared/i18n/accessLogTexts.nl.js';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { changedFields, changeSummary } from '../../../shared/domain/recordChanges.js';
import { foreignWords, languageWords } from '../../support/languageWords.js';

/** Each known form as the writers produce it, with its Dutch and English text. */
const FORMS: [detail: string, nl: string, en: string][] = [
  ['createClient', 'cliënt aangemaakt', 'client created'],
  ['getClient', 'dossier geopend', 'record opened'],
  ['updateClient', 'cliëntgegevens gewijzigd', 'client details changed'],
  ['createCourse', 'behandeltraject aangemaakt', 'course of treatment created'],
  ['updateCourse', 'behandeltraject gewijzigd', 'course of treatment changed'],
  ['createGoal', 'doel toegevoegd', 'goal added'],
  ['setGoalStatus', 'status van een doel gewijzigd', "a goal's status changed"],
  ['createRunningLogEntry', 'regel in het hardlooplog toegevoegd', 'running log entry added'],
  ['getSessionReview', 'sessie bekeken', 'session viewed'],
  ['listAccessLog', 'toegangslog bekeken', 'access log viewed'],
  ['exportAccessLog csv', 'toegangslog geëxporteerd als CSV', 'access log exported as CSV'],
  ['importRrFile biofeedback', 'RR-bestand ingelezen als sessie (biofeedback)', 'RR file imported as a session (biofeedback)'],
  ['startSession resonance', 'opname gestart (resonantiemeting)', 'recording started (resonance assessment)'],
  ['startSession breathing', 'opname gestart (ademhaling)', 'recording started (breathing)'],
  ['startGroupSession group group 4', 'opname gestart in groepssessie 4 (groepssessie)', 'recording started in group session 4 (group session)'],
  ['exportSession edf', 'sessie geëxporteerd als EDF', 'session exported as EDF'],
  ['session report pdf', 'sessierapport gemaakt (PDF)', 'session report made (PDF)'],
  ['progress report html', 'voortgangsrapport gemaakt (HTML)', 'progress report made (HTML)'],
  ['createPrescription 7', 'thuisoefening 7 voorgeschreven', 'home practice 7 prescribed'],
  ['getPrescriptionFile 7 handout', 'handout van thuisoefening 7 gedownload', 'handout of home practice 7 downloaded'],
  ['getPrescriptionFile 7 audio', 'geluidsbestand van thuisoefening 7 gedownload', 'audio file of home practice 7 downloaded'],
  ['createQuestionnaire #12', 'vragenlijst #12 ingevoerd', 'questionnaire #12 entered'],
  ['deleteQuestionnaire questionnaire #12', 'vragenlijst #12 verwijderd', 'questionnaire #12 deleted'],
  ['deleteGoal goal #3', 'doel #3 verwijderd', 'goal #3 deleted'],
  ['deleteRunningLogEntry runningLog #2', 'hardlooplog-regel #2 verwijderd', 'running log entry #2 deleted'],
  ['deleteMarker marker #9', 'markering #9 verwijderd', 'marker #9 deleted'],
  ['updateSessionNotes session #5: notes changed', 'sessienotities #5 gewijzigd: notes gewijzigd', 'session notes #5 changed: notes changed'],
  ['updateGoal goal #3: no change', 'doel #3 gewijzigd: niets veranderd', 'goal #3 changed: nothing changed'],
  ['updateMarker marker #9: tSec 61.5→62.25', 'markering #9 gewijzigd: tSec 61,5 → 62,25', 'marker #9 changed: tSec 61.5 → 62.25'],
  ['cadans export csv', 'cadans export: sessie geëxporteerd als CSV', 'cadans export: session exported as CSV'],
  ['cadans export edf anonymised', 'cadans export: sessie geëxporteerd als EDF (geanonimiseerd)', 'cadans export: session exported as EDF (anonymised)'],
  ['cadans report progress pdf', 'cadans report: voortgangsrapport gemaakt (PDF)', 'cadans report: progress report made (PDF)'],
  ['cadans report session html', 'cadans report: sessierapport gemaakt (HTML)', 'cadans report: session report made (HTML)'],
  ['cadans prescribe 3 (handout en, audio)', 'cadans prescribe: thuisoefening 3 voorgeschreven (handout in het Engels, geluidsbestand)', 'cadans prescribe: home practice 3 prescribed (handout in English, audio file)'],
  ['importRrFile home emwave', 'emWave-export ingelezen als sessie (thuisoefening)', 'emWave export imported as a session (home practice)'],
  ['importRrFile home inner-balance', 'Inner Balance-export ingelezen als sessie (thuisoefening)', 'Inner Balance export imported as a session (home practice)'],
  ['group 4 summary anonymised pdf', 'groepsoverzicht van groep 4 gemaakt (geanonimiseerd, PDF)', 'group summary of group 4 made (anonymised, PDF)'],
  ['cadans report group 4 with names html', 'cadans report: groepsoverzicht van groep 4 gemaakt (met namen, HTML)', 'cadans report: group summary of group 4 made (with names, HTML)'],
  ['createRunProgramme 2', 'loopprogramma 2 aangemaakt', 'run/walk programme 2 created'],
  ['deleteRunProgramme runProgramme #2', 'loopprogramma #2 verwijderd', 'run/walk programme #2 deleted'],
  ['import-run fit', 'cadans import-run: loop ingelezen uit een FIT-bestand', 'cadans import-run: run imported from a FIT file'],
  ['importRunFile tcx', 'loop ingelezen uit een TCX-bestand op de cliëntpagina', 'run imported from a TCX file on the client page'],
  ['run schedule 4 pdf', 'weekschema van loopprogramma 4 gemaakt (PDF)', 'week schedule of run/walk programme 4 made (PDF)'],
  [
    'sync conflict markers.t_sec: kept "62.25" (anna@kamer 2 2026-12-03T10:00:00); not kept "61.5" (bas@kamer 1 2026-12-03T09:00:00)',
    'gelijktijdige wijziging (markering, veld t_sec) bij synchroniseren: bewaard "62.25" (anna@kamer 2 2026-12-03T10:00:00); niet bewaard "61.5" (bas@kamer 1 2026-12-03T09:00:00)',
    'edited on two workstations (marker, field t_sec), found at sync: kept "62.25" (anna@kamer 2 2026-12-03T10:00:00); not kept "61.5" (bas@kamer 1 2026-12-03T09:00:00)',
  ],
];

describe('access log detail', () => {
  test('catalogues match and parse', () => {
    assert.deepEqual(catalogueProblems('accessLogTexts', accessLogTextsNl, accessLogTextsEn), []);
  });

  test('every known form in Dutch and English', () => {
    for (const [detail, nl, en] of FORMS) {
      assert.notEqual(parseAccessDetail(detail), null, detail);
      assert.equal(accessDetailText('nl', detail), nl, detail);
      assert.equal(accessDetailText('en', detail), en, detail);
    }
  });

  test('no Dutch text of a known form has a word only the English catalogues use, and vice versa', async () => {
    const words = await languageWords();
    for (const [detail] of FORMS) {
      // Field names (tSec, notes) are the caller's to name (the UI does: see the e2e audit trail).
      const named = { field: () => 'x' };
      assert.deepEqual(foreignWords(accessDetailText('nl', detail, named).replace(/^cadans \w+:/, ''), words.onlyEn), [], detail);
      assert.deepEqual(foreignWords(accessDetailText('en', detail, named).replace(/^cadans \w+:/, ''), words.onlyNl), [], detail);
    }
  });

  test('a change summary as recordChanges writes it: fields and values through the caller, dates and lists in the language', () => {
    const before = { id: 1, date: '2026-01-05', moment: 'intake', scores: { distress: 12, depression: 3 }, notes: 'a', items: null };
    const after = { id: 1, date: '2026-01-06', moment: 'final', scores: { distress: 8, depression: 3 }, notes: 'b', items: [1, 2, 3] };
    const detail = `updateQuestionnaire questionnaire #4: ${changeSummary(changedFields(before, after))}`;
    assert.equal(detail, 'updateQuestionnaire questionnaire #4: date 2026-01-05→2026-01-06; moment intake→final; scores.distress 12→8; notes changed; items changed');
    const labels: Record<string, string> = { date: 'Datum', moment: 'Moment', 'scores.distress': 'Distress', notes: 'Notities', items: 'Antwoorden' };
    const nl = accessDetailText('nl', detail, { field: (f) => labels[f] ?? f });
    assert.equal(nl, 'vragenlijst #4 gewijzigd: Datum 5 jan 2026 → 6 jan 2026; Moment intake → final; Distress 12 → 8; Notities gewijzigd; Antwoorden gewijzigd');
    const en = accessDetailText('en', 'replaceQuestionnaire questionnaire #4: items [50]→[50]; courseId –→2');
    assert.equal(en, 'questionnaire #4 replaced: items 50 values → 50 values; courseId – → 2');
    assert.equal(accessDetailText('nl', 'replaceQuestionnaire questionnaire #4: items –→[50]'), 'vragenlijst #4 vervangen: items – → 50 waarden');
  });

  test('unknown or damaged detail is shown as it is', () => {
    for (const d of ['', 'somethingNew 3', 'updateGoal goal #3', 'exportSession', 'cadans backup']) {
      assert.equal(parseAccessDetail(d), null, d);
      assert.equal(accessDetailText('nl', d), d);
    }
    // A summary cut at 200 characters: the parts it can read are translated, the rest shown as it is.
    assert.equal(accessDetailText('nl', 'updateGoal goal #3: status open→achieved; targetDa'), 'doel #3 gewijzigd: status open → achieved; targetDa');
  });
});
