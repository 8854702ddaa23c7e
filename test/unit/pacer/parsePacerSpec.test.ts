import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parsePacerSpec, pacerTiming } from '../../../shared/pacer/index.js';
import { issueSentence } from '../../../shared/i18n/issueText.js';

describe('parsePacerSpec', () => {
  test('a bare rate gives equal inhale and exhale', () => {
    assert.deepEqual(parsePacerSpec('6'), { rateBpm: 6, inhaleFraction: 0.5 });
    assert.deepEqual(parsePacerSpec(' 5.5 '), { rateBpm: 5.5, inhaleFraction: 0.5 });
    assert.deepEqual(parsePacerSpec('6,5'), { rateBpm: 6.5, inhaleFraction: 0.5 });
  });

  test('rate:inhale-exhale sets the inhale fraction', () => {
    assert.deepEqual(parsePacerSpec('6:4-6'), { rateBpm: 6, inhaleFraction: 0.4 });
    const r = parsePacerSpec('4.5:1-2');
    assert.ok(!('error' in r));
    assert.ok(Math.abs(r.inhaleFraction - 1 / 3) < 1e-12);
  });

  test('four parts give holds as proportions of the period', () => {
    const r = parsePacerSpec('6:4-1-4-1');
    assert.ok(!('error' in r), JSON.stringify(r));
    const t = pacerTiming(r);
    assert.ok(Math.abs(t.inhaleSec - 4) < 1e-9);
    assert.ok(Math.abs(t.holdInSec - 1) < 1e-9);
    assert.ok(Math.abs(t.exhaleSec - 4) < 1e-9);
    assert.ok(Math.abs(t.holdOutSec - 1) < 1e-9);
  });

  test('bad specs give an error message instead of settings', () => {
    const bad: [string, RegExp][] = [
      ['', /empty/],
      ['abc', /not a number/],
      ['2', /rateBpm/],
      ['13', /rateBpm/],
      ['6:4', /inhale-exhale/],
      ['6:4-6-1', /inhale-exhale/],
      ['6:0-6', /must be > 0/],
      ['6:4-x', /"x"/],
      ['6:4--6', /inhale-exhale/],
      ['6:4-1.-6-1', /not a non-negative number/],
      ['6:4-6:1', /more than one/],
      ['6:1-19', /inhaleFraction/],
    ];
    for (const [spec, re] of bad) {
      const r = parsePacerSpec(spec);
      assert.ok('error' in r, `"${spec}" should be rejected`);
      assert.match(r.error, re, `"${spec}"`);
    }
  });

  test('a refused spec names the rule broken as field issues, in Dutch and English alike', () => {
    const cases: [string, string, string, RegExp][] = [
      ['abc', 'rateBpm', 'notANumber', /^Ademfrequentie moet een getal zijn \(ingevuld: "abc"\)\.$/],
      ['2', 'rateBpm', 'outOfRange', /^Ademfrequentie moet tussen 3 en 12 liggen \(ingevuld: 2\)\.$/],
      ['20', 'rateBpm', 'outOfRange', /^Ademfrequentie moet tussen 3 en 12 liggen \(ingevuld: 20\)\.$/],
      ['6:1-19', 'inhaleFraction', 'outOfRange', /^In : uit moet tussen 0,1 en 0,9 liggen \(ingevuld: 0,05\)\.$/],
      ['6:4-6:1', 'pacer', 'pacerSpec', /^"6:4-6:1" is geen instelling van de pacer/],
      ['6:4-x', 'pacer', 'pacerSpec', /is geen instelling van de pacer/],
      ['', 'pacer', 'pacerSpec', /^"" is geen instelling van de pacer/],
    ];
    for (const [spec, field, code, dutch] of cases) {
      const r = parsePacerSpec(spec);
      assert.ok('error' in r, spec);
      assert.equal(r.issues[0]?.field, field, spec);
      assert.equal(r.issues[0]?.code, code, spec);
      assert.match(issueSentence('nl', r.issues[0]!), dutch, spec);
      assert.notEqual(issueSentence('en', r.issues[0]!), issueSentence('nl', r.issues[0]!));
    }
  });
});
