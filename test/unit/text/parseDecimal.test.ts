// Decimal numbers as a Dutch or English user types them (the resonance override box): 5,5 and
// 5.5 are both 5.5; anything else is not a number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDecimal } from '../../../shared/text/parseDecimal.js';

test('parseDecimal accepts a decimal comma and a decimal point, nothing else', () => {
  assert.equal(parseDecimal('5,5'), 5.5);
  assert.equal(parseDecimal('5.5'), 5.5);
  assert.equal(parseDecimal(' 6 '), 6);
  assert.equal(parseDecimal('4,25'), 4.25);
  assert.equal(parseDecimal('-1,5'), -1.5);
  for (const bad of ['', ' ', '5,', ',5', '5,5,5', '1.234,5', 'abc', '1e3', '5 5', 'Infinity', '0x10']) assert.equal(parseDecimal(bad), null, bad);
});
