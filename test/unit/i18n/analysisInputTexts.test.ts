// `cadans analyze` in Dutch: why a PPG recording cannot be analysed (AnalysisInputError, coded
// `analysis.*`) and what the CSV reader assumed or repaired (the notes, coded `csvNote.*`) have
// Dutch sentences with no English-only word in them; the English sentence is the error's message
// and the `--json` warning as before. Only the CLI path (`analyzePpg`: the rate came from `--fs` or
// the time column) names `--fs`; a stored session (`analyzeChunks`: the sensor's rate) does not.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { AnalysisInputError, analyzeChunks, analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { analysisRefusal } from '../../support/analysisRefusal.js';
import { simulatePpg } from '../../../shared/sim/index.js';
import { foreignWords, languageWords, type LanguageWords } from '../../support/languageWords.js';

let words: LanguageWords;
before(async () => {
  words = await languageWords();
});

const refusal = analysisRefusal;

/** The error in both languages: English = its message; Dutch without English-only words. */
function both(e: AnalysisInputError): { nl: string; en: string } {
  assert.ok(e.code, `coded: ${e.message}`);
  const nl = errorText('nl', e);
  const en = errorText('en', e);
  assert.equal(en, e.message);
  assert.deepEqual(foreignWords(nl, words.onlyEn), [], nl);
  assert.doesNotMatch(nl, /undefined|\{/, nl);
  // As the CLI or the page gets it (code + params over the wire).
  assert.equal(errorText('nl', JSON.parse(JSON.stringify(codedMessage(e)))), nl);
  return { nl, en };
}

describe('analysis refusals and CSV notes in Dutch and English', () => {
  test('too short, flat, unsupported rate', () => {
    const short = both(refusal(() => analyzePpg(new Float64Array(500).map((_, i) => i % 7), 100)));
    assert.equal(short.nl, 'maar 5,0 s signaal bij 100 Hz; er is minstens 10 s nodig');
    assert.equal(short.en, 'only 5.0 s of signal at 100 Hz; at least 10 s is needed');
    const flat = both(refusal(() => analyzePpg(new Float64Array(3000).fill(7), 100)));
    assert.equal(flat.nl, 'het signaal is een vlakke lijn (elke meetwaarde is gelijk): geen polsslag om te analyseren');
    assert.equal(both(refusal(() => analyzePpg(new Float64Array(3000), 10))).nl, 'een bemonsteringsfrequentie van 10 Hz wordt niet ondersteund (20–2000 Hz)');
  });

  test('a wrong sample rate: the CLI path names --fs, a stored session does not', () => {
    // A simulated recording at 100 Hz read as 1000 Hz: the pulses fall out of the heart-rate band.
    const sim = simulatePpg({ fsHz: 100, seed: 3, compliance: 1, noise: 0.02 }, 120, { rateBpm: 6, inhaleFraction: 0.5 });
    const cli = refusal(() => analyzePpg(sim.values, 1000));
    assert.ok(['analysis.noUsablePulse', 'analysis.noPulseBand', 'analysis.implausibleRate'].includes(cli.code!), cli.code);
    const c = both(cli);
    assert.match(c.nl, /--fs/);
    assert.match(c.en, /--fs/);
    const stored = refusal(() => analyzeChunks([{ t0Sec: 0, fsHz: 1000, values: sim.values }]));
    assert.equal(stored.code, cli.code);
    const s = both(stored);
    assert.doesNotMatch(s.nl + s.en, /--fs/);
    assert.equal(s.nl, c.nl.replace(/ \(--fs\)|; controleer de signaalkolom en --fs/, ''));
  });

  test('every sentence of the analysis refusals, with and without --fs', () => {
    const cases: [string, Record<string, string>][] = [
      ['analysis.noUsablePulse', { usable: '3.0', duration: '60.0', fs: '1000', median: '0.08', rate: 'fs' }],
      ['analysis.noUsablePulse', { usable: '3.0', duration: '60.0', fs: '1000', median: 'none', rate: 'sensor' }],
      ['analysis.noPulseBand', { fs: '1000', pct: '4', rate: 'fs' }],
      ['analysis.implausibleRate', { bpm: '600', fs: '1000', rate: 'sensor' }],
    ];
    for (const [code, params] of cases) {
      const nl = errorText('nl', { code, params, message: '' });
      assert.deepEqual(foreignWords(nl, words.onlyEn), [], nl);
      assert.equal(/--fs/.test(nl), params.rate === 'fs', nl);
      assert.equal(/--fs/.test(errorText('en', { code, params, message: '' })), params.rate === 'fs');
    }
    assert.equal(
      errorText('nl', { code: 'analysis.noUsablePulse', params: cases[0]![1], message: '' }),
      'geen bruikbare polsslag gevonden: 3,0 s bruikbaar van 60,0 s bij 1000 Hz (mediaan slag-op-slaginterval 0,08 s); controleer de signaalkolom en --fs',
    );
  });

  test('CSV notes: one coded note per English warning, in the same order; Dutch without English', () => {
    const rows = ['time,waarde'];
    for (let i = 0; i < 600; i++) {
      if (i >= 200 && i < 250) continue; // a 1 s gap
      const t = (i / 50).toFixed(2);
      const v = i === 10 ? '' : i === 11 ? 'x' : i === 12 ? 'NaN' : String(500 + (i % 25));
      rows.push(`${t},${v}`);
      if (i === 300) rows.push(',512'); // a row without a time
    }
    const r = parsePpgCsv(rows.join('\n') + '\n', { fsHz: 50.4 });
    assert.ok(!('error' in r), 'error' in r ? r.error : '');
    assert.deepEqual(r.notes.map((n) => n.code), ['csvNote.guessedColumn', 'csvNote.rowsWithoutTime', 'csvNote.fsUsed', 'csvNote.gaps', 'csvNote.nanCells']);
    assert.equal(r.notes.length, r.warnings.length);
    r.notes.forEach((n, i) => assert.equal(errorText('en', { ...n, message: '' }), r.warnings[i], n.code));
    const nl = r.notes.map((n) => errorText('nl', { ...n, message: '' }));
    for (const line of nl) assert.deepEqual(foreignWords(line, words.onlyEn), [], line);
    assert.equal(nl[0], 'geen kolom met de naam ppg, pleth of signal: "waarde" wordt gebruikt');
    assert.equal(nl[1], '1 regel zonder geldige tijd overgeslagen');
    assert.match(nl[3]!, /^1 gat in de tijdkolom \(3,98–5,00 s\): \d+ ontbrekende meetwaarden aangevuld met NaN$/);
    assert.equal(nl[4], '3 van de 550 cellen in "waarde" zijn leeg of geen getal (gelezen als NaN), waarvan 1 met tekst');
  });
});
