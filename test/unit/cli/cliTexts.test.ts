// The CLI's language choice and texts: --lang, then CADANS_LANG, then a Dutch system locale, else
// English; the catalogues match and parse; numbers in the language's notation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cliError } from '../../../main/cli/cliError.js';
import { cliLocale, cliNum, cliText, usageOf } from '../../../main/cli/cliText.js';
import { cliHelpEn } from '../../../main/cli/cliHelp.en.js';
import { cliHelpNl } from '../../../main/cli/cliHelp.nl.js';
import { cliTextsEn } from '../../../main/cli/cliTexts.en.js';
import { cliTextsNl } from '../../../main/cli/cliTexts.nl.js';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';

describe('CLI texts', () => {
  test('catalogues match and parse', () => {
    assert.deepEqual(catalogueProblems('cliTexts', cliTextsNl, cliTextsEn), []);
    assert.deepEqual(catalogueProblems('cliHelp', cliHelpNl, cliHelpEn), []);
  });

  test('a usage line inside a coded error is in the language the error is shown in', () => {
    const e = cliError('cli.unexpectedArgument', { arg: 'x', usage: usageOf('clients') }, 2);
    assert.equal(e.message, "unexpected argument 'x' (usage: cadans clients [--db FILE] [--json])");
    assert.equal(e.textIn('nl'), "onverwacht argument 'x' (gebruik: cadans clients [--db BESTAND] [--json])");
  });

  test('language: --lang, then CADANS_LANG, then LC_ALL/LC_MESSAGES/LANG starting with nl, else English', () => {
    assert.equal(cliLocale(undefined, {}), 'en');
    assert.equal(cliLocale(undefined, { LANG: 'C.UTF-8' }), 'en');
    assert.equal(cliLocale(undefined, { LANG: 'nl_NL.UTF-8' }), 'nl');
    assert.equal(cliLocale(undefined, { LANG: 'nl_BE.UTF-8', LC_ALL: 'en_GB.UTF-8' }), 'en');
    assert.equal(cliLocale(undefined, { LC_MESSAGES: 'nl' }), 'nl');
    assert.equal(cliLocale(undefined, { LANG: 'nlx' }), 'en');
    assert.equal(cliLocale(undefined, { CADANS_LANG: 'nl', LANG: 'en_US.UTF-8' }), 'nl');
    assert.equal(cliLocale(undefined, { CADANS_LANG: 'EN', LANG: 'nl_NL.UTF-8' }), 'en');
    assert.equal(cliLocale(undefined, { CADANS_LANG: 'fr' }), 'en');
    assert.equal(cliLocale('en', { CADANS_LANG: 'nl' }), 'en');
    assert.equal(cliLocale('nl', {}), 'nl');
  });

  test('a coded error: English message, text in the asked language, literal quotes kept', () => {
    const e = cliError('cli.noClientNamed', { name: 'Jan' });
    assert.equal(e.message, "no client named 'Jan'");
    assert.equal(e.textIn('en'), "no client named 'Jan'");
    assert.equal(e.textIn('nl'), "geen cliënt met de naam 'Jan'");
    assert.equal(e.exitCode, 1);
  });

  test('word forms and numbers', () => {
    assert.match(cliText('en', 'analyze.unusableValue', { sec: '1.0', pct: '2.0', count: 1 }), /in 1 stretch$/);
    assert.match(cliText('nl', 'analyze.unusableValue', { sec: '1,0', pct: '2,0', count: 3 }), /in 3 stukken$/);
    assert.equal(cliText('nl', 'record.end', { code: 'pacer_end', reason: 'pacer-end' }), 'de pacerduur is voorbij');
    assert.equal(cliText('en', 'record.end', { code: 'odd_one', reason: 'odd-one' }), 'odd-one');
    assert.equal(cliNum('en', 1234.56, 1), '1234.6');
    assert.equal(cliNum('nl', 1234.56, 1), '1234,6');
    assert.equal(cliNum('nl', null), '—');
  });
});
