// Refusals a therapist can meet through the app core are coded (issue 13): the real call throws a
// CadansError (or a refusal with a code) whose Dutch text has no English-only word in it, the
// English text stays the error's message, and over the API the code and params travel with it. A
// session that cannot be analysed keeps its coded refusal in the stored summary, so the review and
// the session report say why in the reader's language.
import { afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBeatTimes, analyzeIntervals } from '../../../shared/dsp/analyzeIntervals.js';
import { analysisRefusalText, summaryRefusal } from '../../../shared/i18n/analysisRefusalText.js';
import { codedMessage, errorText, type ErrorCode } from '../../../shared/i18n/CadansError.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { foreignWords, languageWords, type LanguageWords } from '../../support/languageWords.js';
import { createTestApp, type TestApp } from './fakeAppDevices.js';

let words: LanguageWords;
before(async () => {
  words = await languageWords();
});

/** What `run` threw (it must throw). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return assert.fail('expected a refusal');
}

/** The refusal has `code`; its Dutch text is Dutch (no English-only word, no unfilled argument); its English text is its message. */
function coded(e: unknown, code: ErrorCode): { nl: string; en: string } {
  const m = codedMessage(e);
  assert.equal(m.code, code, `${m.code}: ${m.message}`);
  const nl = errorText('nl', e);
  const en = errorText('en', e);
  assert.equal(en, m.message, 'the English sentence is the message (logs, --json)');
  assert.notEqual(nl, en);
  assert.deepEqual(foreignWords(nl, words.onlyEn), [], nl);
  assert.doesNotMatch(nl + en, /[{}]|undefined/, nl);
  return { nl, en };
}

describe('coded refusals of the app core', () => {
  let app: TestApp;
  let clientId: number;

  beforeEach(async () => {
    app = createTestApp(200);
    await app.service.connectSensor('sim');
    app.devices.clockSec = 10;
    clientId = app.service.createClient({ name: 'Resi' }).id;
  });
  afterEach(() => app.close());

  test('a resonance run cannot be paused or re-paced by hand: coded, in Dutch', async () => {
    const { service } = app;
    service.startResonance({ clientId, settings: { ratesBpm: [6.5, 5.5, 4.5], stepSec: 60, settleSec: 10 } });
    const pause = coded(thrown(() => service.pauseSession()), 'resonance.noPause');
    assert.match(pause.nl, /resonantiemeting kan niet worden gepauzeerd/);
    assert.match(pause.en, /cannot be paused/);
    coded(thrown(() => service.setPacer({ rateBpm: 6, inhaleFraction: 0.5 })), 'resonance.ownsPacer');
    // Over the API (what the page gets): the code and params travel with the English line.
    const reply = await dispatchInvoke(service as unknown as CadansService, 'pauseSession', []);
    assert.ok(!reply.ok && 'code' in reply);
    assert.equal(reply.code, 'resonance.noPause');
    assert.equal(errorText('nl', reply), pause.nl);
    assert.notEqual(service.getSessionState().phase, 'paused', 'nothing paused');
  });

  test('a record that does not exist (a client, a questionnaire entry): coded record.notFound, in Dutch, over the API too', async () => {
    const { service } = app;
    const client = coded(thrown(() => service.getClient(987654)), 'record.notFound');
    assert.match(client.nl, /^Cliënt 987654 bestaat niet/);
    assert.equal(client.en, 'Client 987654 does not exist.');
    const reply = await dispatchInvoke(service as unknown as CadansService, 'deleteQuestionnaire', [424242]);
    assert.ok(!reply.ok && 'code' in reply);
    assert.equal(reply.code, 'record.notFound');
    assert.match(errorText('nl', reply), /^Vragenlijstresultaat 424242 bestaat niet/);
  });

  test('continuing a pacer that has not ended, and a session length of 0 s', () => {
    const { service } = app;
    assert.throws(() => service.startSession({ clientId, pacer: null, maxSec: 0 }), (e) => coded(e, 'session.badMaxSec').nl.includes('gegeven: 0'));
    service.startSession({ clientId, pacer: { rateBpm: 6, inhaleFraction: 0.4, durationSec: 600 } });
    coded(thrown(() => service.continuePacer()), 'session.pacerNotEnded');
  });

  test('an unknown prescription file, a tachogram window out of range', async () => {
    const { service } = app;
    await assert.rejects(service.getPrescriptionFile({ prescriptionId: 4242, file: 'handout' }), (e) => coded(e, 'prescription.notFound').nl.includes('4242'));
    const window = coded(thrown(() => service.setDisplaySettings({ tachogramWindowSec: 20 })), 'settings.tachogramWindow');
    assert.equal(window.nl, 'Het venster van het tachogram moet 60 tot 300 seconden zijn (gegeven: 20).');
    assert.equal(service.getDisplaySettings().tachogramWindowSec !== 20, true, 'nothing changed');
  });

  test('a session that cannot be analysed: the stored summary keeps the coded refusal; review and nl report say why in Dutch', async () => {
    const { service, storage } = app;
    // 12 intervals of 0.8 s: the file reads, but the beats span 9.6 s, less than the 10 s the analysis needs.
    const imp = await service.importRrFile({ clientId, type: 'biofeedback', fileName: 'kort.txt', text: Array.from({ length: 12 }, () => '800').join('\n') });
    assert.ok(imp.ok, JSON.stringify(imp));
    const sessionId = imp.session.sessionId;
    const raw = service.getSessionSummary(sessionId).raw!;
    assert.equal(raw.method, 'none');
    assert.equal(raw.errorCode, 'analysis.beatsTooShort');
    assert.match(String(raw.error), /^the beats span only 9\.6 s; at least 10 s is needed$/, 'the English sentence is kept as it was');
    // As the review and the RR import card show it.
    const review = analysisRefusalText('nl', summaryRefusal(raw)!);
    assert.equal(review, 'de slagen beslaan maar 9,6 s; er is minstens 10 s nodig', 'Dutch, with a decimal comma');
    assert.ok(imp.warnings.includes(`no analysis: ${String(raw.error)}`), 'the reply keeps its English warning (the card replaces it)');
    // A summary stored by an older version (no code): its English sentence, as it is.
    assert.equal(analysisRefusalText('nl', summaryRefusal({ method: 'none', error: 'the beats span only 9.6 s; at least 10 s is needed' })!), 'the beats span only 9.6 s; at least 10 s is needed');
    assert.equal(summaryRefusal({ method: 'analyzeIntervals', error: null }), null, 'a summary with numbers has no refusal');

    const nl = await service.getReportHtml({ kind: 'session', sessionId });
    const p = /<p class="warn analysis-error">([^<]*)<\/p>/.exec(nl.html);
    assert.ok(p, 'the report says why there is no analysis');
    assert.equal(p[1], 'Voor deze sessie was geen analyse mogelijk: de slagen beslaan maar 9,6 s; er is minstens 10 s nodig.');
    assert.deepEqual(foreignWords(p[1]!, words.onlyEn), []);
    const en = await service.getReportHtml({ kind: 'session', sessionId, locale: 'en' });
    assert.match(en.html, /No analysis was possible for this session: the beats span only 9\.6 s; at least 10 s is needed\./);

    // A session with nothing stored at all.
    const empty = storage.sessions.create({ clientId, type: 'biofeedback', sensorSpec: 'sim' });
    const none = await service.getReportHtml({ kind: 'session', sessionId: empty.id });
    assert.match(none.html, /geen analyse mogelijk: de sessie heeft geen opgeslagen signaal en geen slagen\./);
  });
});

describe('analysis refusals of interval series', () => {
  test('too short, a bad interval, beats too short: analysis.* codes with Dutch texts', () => {
    const short = coded(thrown(() => analyzeIntervals(new Array(10).fill(800))), 'analysis.intervalsTooShort');
    assert.equal(short.nl, 'de intervallen beslaan maar 8,0 s; er is minstens 10 s nodig');
    assert.equal(short.en, 'the intervals span only 8.0 s; at least 10 s is needed');
    const bad = coded(thrown(() => analyzeIntervals([800, 810, -5, 790])), 'analysis.badInterval');
    assert.equal(bad.nl, 'interval 3 is geen positief getal (-5)');
    coded(thrown(() => analyzeBeatTimes([0, 1, 2, 3], [])), 'analysis.beatsTooShort');
    // Long enough: no refusal.
    assert.ok(analyzeIntervals(new Array(25).fill(800)).nn.ibiMs.length > 0);
  });
});

