import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SortedWindow } from '../../../shared/dsp/SortedWindow.js';
import { medianInPlace, selectKth } from '../../../shared/dsp/quickselect.js';

describe('SortedWindow', () => {
  test('a sliding window keeps the same median as a quickselect of the window, with duplicates, odd and even counts', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const values = Array.from({ length: 500 }, () => (rnd() < 0.2 ? 0.01 : Math.round(rnd() * 1000) / 1e4));
    const cap = 23;
    const w = new SortedWindow(cap);
    for (let i = 0; i < values.length; i++) {
      if (i >= cap) assert.equal(w.remove(values[i - cap]!), true, `value ${i - cap} is held`);
      w.insert(values[i]!);
      const win = Float64Array.from(values.slice(Math.max(0, i - cap + 1), i + 1));
      assert.equal(w.size, win.length);
      assert.equal(w.median(), medianInPlace(win, win.length), `median after value ${i}`);
    }
  });

  test('replace(old, v) leaves the window as remove(old) then insert(v) does, and kth(k) is the k-th smallest', () => {
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // Few distinct values: many ties, and moves in both directions and to either end.
    const values = Array.from({ length: 600 }, () => Math.round(rnd() * 12) / 4);
    const cap = 9;
    const a = new SortedWindow(cap);
    const b = new SortedWindow(cap);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (i >= cap) {
        const old = values[i - cap]!;
        assert.equal(a.replace(old, v), true, `value ${i - cap} is held`);
        b.remove(old);
        b.insert(v);
      } else {
        a.insert(v);
        b.insert(v);
      }
      const win = Float64Array.from(values.slice(Math.max(0, i - cap + 1), i + 1));
      assert.equal(a.size, b.size);
      for (let k = 0; k < a.size; k++) {
        assert.equal(a.kth(k), b.kth(k), `order after value ${i}, place ${k}`);
        assert.equal(a.kth(k), selectKth(Float64Array.from(win), win.length, k));
      }
    }
    assert.equal(a.replace(99, 1), false, 'a value not held is not replaced');
    assert.equal(a.size, cap);
  });

  test('removing a value not held changes nothing; empty gives NaN; a full window refuses more', () => {
    const w = new SortedWindow(3);
    assert.ok(Number.isNaN(w.median()));
    w.insert(2);
    w.insert(1);
    assert.equal(w.remove(5), false);
    assert.equal(w.median(), 1.5);
    w.insert(3);
    assert.equal(w.median(), 2);
    assert.throws(() => w.insert(4), RangeError);
    w.clear();
    assert.equal(w.size, 0);
  });
});
