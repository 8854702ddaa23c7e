// Issue 13: what the RR-file reader left out (lines without a number, zero or negative intervals,
// intervals outside 200–3000 ms; a HeartMath export without coherence scores; an import without an
// analysis) reaches a Dutch therapist in Dutch: each English warning has a coded note (`rrNote.*`)
// in the same order, whose English sentence is the warning word for word (the `--json` warnings and
// the stored `sensorInfo.warnings` stay as they were) and whose Dutch sentence has no English word.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { parseHeartMathExport } from '../../../shared/io/heartMathExport.js';
import { parseRrText, type RrRecording } from '../../../shared/io/rrText.js';
import { importRrText, noAnalysisParams } from '../../../main/app/recordImport.js';
import { openStorage } from '../../../main/storage/storage.js';
import { foreignWords, languageWords, type LanguageWords } from '../../support/languageWords.js';

let words: LanguageWords;
before(async () => {
  words = await languageWords();
});

const RR = Array.from({ length: 30 }, (_, i) => 800 + Math.round(60 * Math.sin(i / 2)));

function ok(r: RrRecording | { error: string }): RrRecording {
  if ('error' in r) assert.fail('unexpected error: ' + r.error);
  return r;
}

/** The notes in `locale`; English must be the warnings themselves, Dutch without an English-only word. */
function shown(r: Pick<RrRecording, 'notes' | 'warnings'>): { nl: string[]; en: string[] } {
  assert.equal(r.notes.length, r.warnings.length);
  const en = r.notes.map((n) => errorText('en', { ...n, message: '' }));
  assert.deepEqual(en, r.warnings);
  const nl = r.notes.map((n) => errorText('nl', { ...n, message: '' }));
  for (const line of nl) {
    assert.deepEqual(foreignWords(line, words.onlyEn), [], line);
    assert.doesNotMatch(line, /\{|undefined|rrNote/, line);
  }
  // Over the wire (JSON) the same.
  assert.deepEqual(JSON.parse(JSON.stringify(r.notes)).map((n: { code: string; params: Record<string, string | number> }) => errorText('nl', { ...n, message: '' }) as string), nl);
  return { nl, en };
}

describe('RR-file warnings in Dutch and English', () => {
  test('blank, text, zero, negative and implausible lines: one Dutch note each, plural as counted', () => {
    const values = [...RR.slice(0, 10), '', 'x', 'n/a', '0', '-812', '150', ...RR.slice(10, 20), '3500', '4000', '99', ...RR.slice(20)];
    const r = ok(parseRrText(['RR', ...values.map(String)].join('\n')));
    assert.deepEqual([...r.ibiMs], RR);
    assert.deepEqual(r.notes.map((n) => n.code), ['rrNote.noNumber', 'rrNote.notPositive', 'rrNote.implausible']);
    const { nl, en } = shown(r);
    assert.deepEqual(nl, [
      '2 regels zonder getal overgeslagen',
      '2 intervallen van nul of negatief overgeslagen',
      '4 intervallen buiten 200–3000 ms weggelaten (artefacten)',
    ]);
    assert.deepEqual(en, ['2 lines without a number skipped', '2 zero or negative intervals skipped', '4 intervals outside 200–3000 ms left out (artifacts)']);
  });

  test('one of each: the singular', () => {
    const r = ok(parseRrText([...RR.slice(0, 15), 'geen', '-1', '5000', ...RR.slice(15)].join('\n')));
    assert.deepEqual(shown(r).nl, ['1 regel zonder getal overgeslagen', '1 interval van nul of negatief overgeslagen', '1 interval buiten 200–3000 ms weggelaten (artefacten)']);
  });

  test('a clean file has no notes', () => {
    const r = ok(parseRrText(RR.join('\n')));
    assert.deepEqual(r.notes, []);
    assert.deepEqual(r.warnings, []);
  });

  test('a HeartMath export without coherence scores: the RR notes and its own, in Dutch', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i};0,${800 + i * 5}`);
    const r = parseHeartMathExport('emWave2 export\nBeat;IBI (s)\n' + rows.join('\n') + '\n21;0\n');
    if ('error' in r) assert.fail(r.error);
    assert.deepEqual(r.notes.map((n) => n.code), ['rrNote.notPositive', 'rrNote.noCoherence']);
    assert.deepEqual(shown(r).nl, ['1 interval van nul of negatief overgeslagen', 'geen kolom met coherentiescores: de HeartMath-scores zijn niet bewaard']);
  });

  test('an import too short to analyse: the reason in Dutch with a decimal comma; another reason as technical detail', () => {
    const storage = openStorage(':memory:');
    try {
      const client = storage.clients.create({ name: 'T' });
      // 12 intervals of about 0.8 s: readable, but under the 10 s the analysis needs.
      const text = ['0', ...RR.slice(0, 12).map(String)].join('\n');
      const r = importRrText(storage, { clientId: client.id, type: 'biofeedback', fileName: 'kort.txt', text }, new Date('2026-03-01T10:00:00Z'));
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.notes.map((n) => n.code), ['rrNote.notPositive', 'rrNote.noAnalysis']);
      const { nl } = shown(r);
      assert.match(nl[1]!, /^geen analyse: de (slagen|intervallen) beslaan maar \d+,\d s; er is minstens 10 s nodig\.?$/i);
      assert.match(r.warnings[1]!, /^no analysis: the .* span only \d+\.\d s; at least 10 s is needed$/);
    } finally {
      storage.close();
    }
    const other = noAnalysisParams({ error: 'something unforeseen' });
    assert.equal(errorText('nl', { code: 'rrNote.noAnalysis', params: other, message: '' }), 'geen analyse: technische melding: something unforeseen');
    assert.equal(errorText('en', { code: 'rrNote.noAnalysis', params: other, message: '' }), 'no analysis: something unforeseen');
  });

  test('an unreadable file: the import result carries the coded problem', () => {
    const storage = openStorage(':memory:');
    try {
      const client = storage.clients.create({ name: 'T' });
      const r = importRrText(storage, { clientId: client.id, type: 'biofeedback', fileName: 'ppg.csv', text: 'time,ppg\n' + Array.from({ length: 50 }, (_, i) => `${i * 0.02},${500 + i}`).join('\n') }, new Date());
      assert.ok(!r.ok && r.reason === 'unreadable');
      assert.ok(r.code, JSON.stringify(r));
      const nl = errorText('nl', { code: r.code, params: r.params ?? {}, message: r.error });
      assert.deepEqual(foreignWords(nl, words.onlyEn), [], nl);
      assert.equal(errorText('en', { code: r.code, params: r.params ?? {}, message: r.error }), r.error);
    } finally {
      storage.close();
    }
  });
});
