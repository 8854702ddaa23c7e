// The report appendix's technical column in the report's language: written from the settings the
// analysis returned (the numbers of shared/dsp's own English method strings), not copied verbatim.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeIntervals } from '../../../shared/dsp/analyzeIntervals.js';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { ReportFormat } from '../../../shared/report/reportFormat.js';
import { reportMessages } from '../../../shared/report/reportMessages.js';
import { sessionSettingsRows } from '../../../shared/report/sessionSettings.js';
import { technicalTexts } from '../../../shared/report/technicalTexts.js';
import { technicalTextsEn } from '../../../shared/report/technicalTexts.en.js';
import { technicalTextsNl } from '../../../shared/report/technicalTexts.nl.js';
import { simulateBeatTimes, simulatePpg } from '../../../shared/sim/simulate.js';

const sim = simulatePpg({ fsHz: 100, seed: 7 }, 300, { rateBpm: 6, inhaleFraction: 0.4 });
const ppg = analyzePpg(sim.values, sim.fsHz);

function column(method: 'analyzePpg' | 'analyzeIntervals', r: typeof ppg, lang: 'nl' | 'en'): string[] {
  return sessionSettingsRows(method, r, new ReportFormat(lang), reportMessages(lang)).map((row) => {
    const cell = row[2];
    assert.ok(cell && typeof cell === 'object' && !('lang' in cell && cell.lang), 'no cell is marked as another language');
    return (cell as { text: string }).text;
  });
}

describe('report appendix: technical descriptions', () => {
  test('catalogues match and parse', () => {
    assert.deepEqual(catalogueProblems('technicalTexts', technicalTextsNl, technicalTextsEn), []);
  });

  test('Dutch in the Dutch report, with the analysis numbers in Dutch notation', () => {
    const nl = column('analyzePpg', ppg, 'nl').join('\n');
    assert.match(nl, /kubische-splineherbemonstering op 4 Hz, lineaire trendcorrectie per segment/);
    assert.match(nl, /basislijncorrectie met 2 × 0,72 s boxcar/);
    assert.match(nl, /VLF 0,0033–0,04 Hz, LF 0,04–0,15 Hz, HF 0,15–0,4 Hz/);
    assert.match(nl, /laag < 1 ≤ middel < 3 ≤ hoog/);
    assert.match(nl, /bronnen: hartslag \(RSA\)/);
    assert.doesNotMatch(nl, /\b(the|when|resampling|window|heart rate|pulse level)\b/);
  });

  test('the English column carries the same numbers as the analysis method strings', () => {
    const en = column('analyzePpg', ppg, 'en');
    const s = ppg.settings as Record<string, { method?: string }>;
    const freq = en.find((t) => t.startsWith('Welch'))!;
    // Same settings, same FFT length; only the number notation differs (2,048 vs 2048, 50% vs 50 %).
    const nfft = /FFT (\d+) points/.exec(s.hrvFrequency!.method!)![1]!;
    assert.ok(freq.includes(`FFT ${Number(nfft).toLocaleString('en-GB')} points`), freq);
    assert.equal(freq.replace(/,(\d{3})/g, '$1').replace(/(\d)%/g, '$1 %'), s.hrvFrequency!.method);
    const coh = en.find((t) => t.startsWith('HeartMath'))!;
    assert.match(coh, /last 64 s of NN, spectrum \(nnSpectrum\): 2 Hz cubic-spline resampling, linear detrend, Hann window, FFT 512 points; peak = highest in 0\.04–0\.26 Hz/);
  });

  test('interval input: known beat-detection settings translated, an unknown one shown as written', () => {
    const rr = analyzeIntervals(simulateBeatTimes({ seed: 3 }, 200).ibiMs);
    const nl = column('analyzeIntervals', rr, 'nl');
    assert.equal(nl[0], 'functies analyzeIntervals → analyzeBeats');
    assert.equal(nl[1], 'geen: intervallen gelezen uit het bestand');
    assert.equal(technicalTexts(new ReportFormat('nl')).beatsFromIntervals('something new'), 'something new');
  });
});
