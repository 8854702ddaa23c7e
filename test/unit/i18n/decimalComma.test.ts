// Issue 13: numbers in the analysis refusals and the CSV/RR readers' messages travel as numbers and
// are written by the catalogue in the user's language — Dutch with a decimal comma ("49,8 Hz"),
// English with a point ("49.8 Hz"); never a thousands separator in a rate or a time. The English
// line (the error's message, the `--json` warnings) stays what it was.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { analysisRefusal } from '../../support/analysisRefusal.js';
import { parseRrText } from '../../../shared/io/rrText.js';

const refusal = analysisRefusal;

/** As the page or the CLI gets it: code and params through JSON. */
const wire = (e: unknown): ReturnType<typeof codedMessage> => JSON.parse(JSON.stringify(codedMessage(e))) as ReturnType<typeof codedMessage>;

describe('decimal comma in Dutch, point in English', () => {
  test('an analysis refusal at 49.8 Hz', () => {
    // 3 s of signal at 49.8 Hz: too short to analyse.
    const e = refusal(() => analyzePpg(new Float64Array(150).map((_, i) => i % 9), 49.8));
    assert.equal(e.code, 'analysis.tooShort');
    assert.equal(typeof e.params?.fs, 'number', 'the rate travels as a number');
    assert.equal(errorText('nl', wire(e)), 'maar 3,0 s signaal bij 49,8 Hz; er is minstens 10 s nodig');
    assert.equal(errorText('en', wire(e)), 'only 3.0 s of signal at 49.8 Hz; at least 10 s is needed');
    assert.equal(errorText('en', e), e.message);
  });

  test('a rate of 1000 Hz or more is written without a thousands separator', () => {
    const e = refusal(() => analyzePpg(new Float64Array(100), 2500.5));
    assert.equal(errorText('nl', wire(e)), 'een bemonsteringsfrequentie van 2500,5 Hz wordt niet ondersteund (20–2000 Hz)');
    assert.equal(errorText('en', wire(e)), 'sample rate 2500.5 Hz is not supported (20–2000 Hz)');
  });

  test('CSV reader: times and rates from the file', () => {
    const back = parsePpgCsv('time,ppg\n0,512\n0.01,515\n0.005,517\n');
    assert.ok('error' in back);
    assert.equal(errorText('nl', back), 'de tijd loopt niet op in gegevensregel 3 (0,005 s na 0,01 s)');
    assert.equal(back.error, 'time is not increasing at data row 3 (0.005 s after 0.01 s)');

    const rows = ['time,ppg'];
    for (let i = 0; i < 500; i++) if (i < 100 || i >= 160) rows.push(`${(i * 0.02).toFixed(2)},${500 + (i % 7)}`);
    const r = parsePpgCsv(rows.join('\n') + '\n', { fsHz: 50.1 });
    assert.ok(!('error' in r), 'error' in r ? r.error : '');
    const nl = r.notes.map((n) => errorText('nl', { ...n, message: '' }));
    const en = r.notes.map((n) => errorText('en', { ...n, message: '' }));
    assert.deepEqual(en, r.warnings, 'English word for word the --json warnings');
    assert.ok(nl.includes('--fs 50.1 Hz wordt gebruikt (de tijdkolom geeft 50,00 Hz)'), nl.join(' | '));
    assert.ok(nl.some((l) => l.startsWith('1 gat in de tijdkolom (1,98–3,20 s)')), nl.join(' | '));
  });

  test('RR reader: a sampled signal names its step with a decimal comma', () => {
    const rows = ['time,rr'];
    for (let i = 0; i < 200; i++) rows.push(`${(i * 0.0025).toFixed(4)},${800 + (i % 13)}`);
    const r = parseRrText(rows.join('\n'));
    assert.ok('error' in r && r.code === 'rr.sampled', JSON.stringify(r));
    assert.match(errorText('nl', { code: r.code, params: r.params ?? {}, message: r.error }), /in stappen van 2,5 ms/);
    assert.match(r.error, /steps by 2\.5 ms/);
  });
});
