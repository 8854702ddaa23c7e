// The pacer's problems in the therapist's language: an odd inhale:exhale ratio in a stepped
// resonance protocol (in- or out-breath under 1 s at a step's rate; an in-breath share outside
// 10–90 %) reads in Dutch with Dutch numbers, and in English — in the CLI and on the guided screen
// (the core refuses with a coded error the page translates).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRunProtocol } from '../../../main/app/resonanceRun.js';
import { resonanceSettingsProblems } from '../../../shared/dsp/resonance/resonanceProtocol.js';
import { CadansError, codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { pacerSettingsProblems, validatePacerSettings } from '../../../shared/pacer/pacerSettings.js';

const texts = (locale: 'nl' | 'en', s: Parameters<typeof resonanceSettingsProblems>[0]): string[] =>
  resonanceSettingsProblems(s).map((p) => errorText(locale, { ...p, message: '' }));
const ENGLISH = /\b(step|breaths?|inhale|exhale|ratio|must|lasts|each|choose|rate|got)\b|inhaleFraction|rateBpm/i;

describe('pacer problems in Dutch and English', () => {
  test('a 1:8 ratio at 12 and 11 breaths/min: the steps whose in-breath is under 1 s, with the rule broken', () => {
    const s = { ratesBpm: [12, 11, 6], inhaleFraction: 1 / 9 };
    const nl = texts('nl', s);
    assert.deepEqual(nl, [
      'stap 1 (12 ademhalingen per minuut): met deze verhouding in- en uitademen duurt het inademen 0,56 s en het uitademen 4,44 s van de ademhaling van 5 s; elk moet minstens 1 s duren (kies een gelijkmatiger verhouding of een lagere ademfrequentie)',
      'stap 2 (11 ademhalingen per minuut): met deze verhouding in- en uitademen duurt het inademen 0,61 s en het uitademen 4,85 s van de ademhaling van 5,45 s; elk moet minstens 1 s duren (kies een gelijkmatiger verhouding of een lagere ademfrequentie)',
    ]);
    for (const line of nl) assert.doesNotMatch(line, ENGLISH);
    const en = texts('en', s);
    assert.equal(en.length, 2);
    assert.match(en[0]!, /^step 1 \(12 breaths\/min\): with this inhale:exhale ratio the in-breath lasts 0\.56 s and the out-breath 4\.44 s of the 5 s breath; each must last at least 1 s/);
    assert.match(en[1]!, /^step 2 \(11 breaths\/min\): .* 0\.61 s .* 4\.85 s of the 5\.45 s breath/);
  });

  test('an in-breath share outside 10–90 % is said once (not per step), as a percentage', () => {
    const s = { ratesBpm: [6.5, 6, 5.5], inhaleFraction: 1 / 21 };
    assert.deepEqual(texts('nl', s), ['het inademen moet 10 tot 90 % van de ademhaling duren (gegeven: 4,8 %)']);
    assert.deepEqual(texts('en', s), ['inhaleFraction must be between 0.1 and 0.9 (got 0.048): the in-breath must take 10 to 90 % of the breath']);
  });

  test('holds that leave too little time are named as holds, not as the ratio', () => {
    const [p] = pacerSettingsProblems({ rateBpm: 12, inhaleFraction: 0.4, holdInSec: 2, holdOutSec: 2 });
    assert.equal(p!.code, 'pacer.strokeTooShort');
    assert.equal(errorText('nl', { ...p!, message: '' }), 'de pauzes laten te weinig tijd over: inademen 0,4 s en uitademen 0,6 s moeten elk minstens 1 s duren binnen de ademhaling van 5 s');
    assert.deepEqual(validatePacerSettings({ rateBpm: 12, inhaleFraction: 0.4, holdInSec: 2, holdOutSec: 2 }), [
      'holds leave too little time: inhale 0.4 s and exhale 0.6 s must each be at least 1 s within the 5 s breath',
    ]);
  });

  test('the core refuses such a protocol with a coded error the page shows in its language', () => {
    let thrown: unknown;
    try {
      buildRunProtocol('stepped', { ratesBpm: [12, 6], inhaleFraction: 1 / 9 }, 0);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof CadansError);
    assert.match(thrown.message, /^resonance protocol: step 1 \(12 breaths\/min\): with this inhale:exhale ratio/);
    const wire = JSON.parse(JSON.stringify(codedMessage(thrown))) as unknown;
    const nl = errorText('nl', wire);
    assert.match(nl, /^stap 1 \(12 ademhalingen per minuut\): met deze verhouding in- en uitademen duurt het inademen 0,56 s/);
    assert.doesNotMatch(nl, ENGLISH);
  });
  test('the sliding protocol: settings that do not apply, and an in-breath share out of range, refused in the user language', () => {
    const refuse = (settings: Parameters<typeof buildRunProtocol>[1]): unknown => {
      try {
        buildRunProtocol('sliding', settings, 0);
      } catch (e) {
        return JSON.parse(JSON.stringify(codedMessage(e))) as unknown;
      }
      return assert.fail('accepted');
    };
    const fixed = refuse({ ratesBpm: [6, 5], stepSec: 120 });
    assert.equal(errorText('nl', fixed), 'de glijdende meting volgt de vaste reeks van 6,75 naar 4,25 ademhalingen per minuut; ratesBpm, stepSec gelden daarbij niet');
    assert.match(errorText('en', fixed), /^the sliding protocol is the fixed 6\.75 → 4\.25 breaths\/min sweep; ratesBpm, stepSec do not apply/);
    const share = errorText('nl', refuse({ inhaleFraction: 0.05 }));
    assert.doesNotMatch(share, ENGLISH);
    assert.match(share, /5 %/);
    assert.doesNotThrow(() => buildRunProtocol('sliding', { inhaleFraction: 0.4, settleSec: 30 }, 0));
  });
});
