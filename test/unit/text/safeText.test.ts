import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnLabel, columnList, safeJson, safeLines, safeMessage, showText, stripControls } from '../../../shared/text/safeText.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  test('terminal escape sequences are removed whole, other controls dropped, line breaks become spaces', () => {
    assert.equal(stripControls('a\u001b[31mred\u001b[0m b'), 'ared b');
    assert.equal(stripControls('\u001b]0;window title\u0007x'), 'x');
    assert.equal(stripControls('\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\'), 'link');
    assert.equal(stripControls('\u009b2Jcleared'), 'cleared');
    assert.equal(stripControls('\u001bPqdata\u001b\\after'), 'after');
    assert.equal(stripControls('one\ntwo\r\nthree\tfour'), 'one two three four');
    assert.equal(stripControls('bell\u0007nul\u0000del\u007f'), 'bellnuldel');
    assert.equal(stripControls('abc\u202edcba'), 'abcdcba');
    assert.equal(stripControls('naïve µV 😀 tijd'), 'naïve µV 😀 tijd');
  });

  test('fuzz: nothing that reaches a terminal keeps a control character', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 2000; k++) {
      const s = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => String.fromCharCode(Math.floor(rnd() * (rnd() < 0.5 ? 0xa0 : 0x3000)))).join('');
      const out = showText(s, 1000);
      assert.doesNotMatch(out, CONTROL, JSON.stringify(s));
    }
  });

  test('showText shortens with an ellipsis; safeMessage keeps one line', () => {
    assert.equal(showText('x'.repeat(100), 10), 'xxxxxxxxx…');
    assert.equal(showText('  a   b  '), 'a b');
    assert.equal(safeMessage('cannot read\n  at Object.<anonymous>'), 'cannot read at Object.<anonymous>');
  });

  test('columnLabel quotes names, never lines of other files', () => {
    assert.equal(columnLabel('time', 0), '"time"');
    assert.equal(columnLabel('RR-interval [ms]', 1), '"RR-interval [ms]"');
    assert.equal(columnLabel('Tijd (s)', 0), '"Tijd (s)"');
    assert.equal(columnLabel('root:x:0:0:root:/root:/bin/bash', 0), 'column 1');
    assert.equal(columnLabel('root:*:19000:0:99999:7:::', 2), 'column 3');
    assert.equal(columnLabel('API_KEY=abc123', 1), 'column 2');
    assert.equal(columnLabel('-----BEGIN OPENSSH PRIVATE KEY-----', 0), 'column 1');
    assert.equal(columnLabel('a'.repeat(41), 0), 'column 1');
    assert.equal(columnLabel('\u001b[31mppg\u001b[0m', 0), '"ppg"');
    assert.equal(columnList(['time', 'ppg', 'x=1']), '"time", "ppg", column 3');
    assert.match(columnList(Array.from({ length: 20 }, (_, i) => `c${i}`)), /, … \(20 columns\)$/);
  });

  test('safeLines keeps line breaks; safeJson keeps the value but escapes what a terminal acts on', () => {
    assert.equal(safeLines('a\u001b[31m\nb\u009b2J\n'), 'a\nb\n');
    const value = { name: 'Marie\u009b31m\u202eX', note: 'a\u001bb', ok: 'tijd µV' };
    const json = safeJson(value);
    assert.doesNotMatch(json, CONTROL);
    assert.deepEqual(JSON.parse(json), value);
  });
});
