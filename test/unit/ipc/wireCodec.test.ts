import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../../shared/ipc/wireCodec.js';
import { parseCallMessage, parseServerMessage } from '../../../shared/ipc/wireProtocol.js';

describe('wire codec', () => {
  test('base64 agrees with Node for every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_v, i) => (i * 97 + n * 31) & 255);
      const b64 = bytesToBase64(bytes);
      assert.equal(b64, Buffer.from(bytes).toString('base64'), `length ${n}`);
      assert.deepEqual(base64ToBytes(b64), bytes);
    }
    assert.throws(() => base64ToBytes('ab$d'), /invalid base64 character at 2/);
  });

  test('typed arrays survive a round trip, including views, NaN and ±Infinity', () => {
    const big = new Float32Array(1000).map((_v, i) => Math.sin(i / 7) * 512 + 300);
    big[5] = NaN;
    const backing = new Float64Array([1, 2, 3, 4, 5]);
    const value = {
      ppg: [{ t0Sec: 12.5, fsHz: 250, values: big }],
      ibi: backing.subarray(1, 4),
      q: new Float32Array([0.5, Infinity, -Infinity]),
      i: new Int32Array([-7, 2 ** 31 - 1]),
      u: new Uint8Array([0, 255]),
      empty: new Float32Array(0),
      text: 'Cliënt ontspant — ✓',
      n: null,
    };
    const back = decodeWire(encodeWire(value)) as typeof value;
    assert.ok(back.ppg[0]!.values instanceof Float32Array);
    assert.equal(back.ppg[0]!.values.length, 1000);
    assert.ok(Number.isNaN(back.ppg[0]!.values[5]));
    assert.deepEqual(Array.from(back.ppg[0]!.values.subarray(6, 10)), Array.from(big.subarray(6, 10)));
    assert.ok(back.ibi instanceof Float64Array);
    assert.deepEqual(Array.from(back.ibi), [2, 3, 4]);
    assert.deepEqual(Array.from(back.q), [0.5, Infinity, -Infinity]);
    assert.deepEqual(Array.from(back.i), [-7, 2 ** 31 - 1]);
    assert.ok(back.u instanceof Uint8Array);
    assert.equal(back.empty.length, 0);
    assert.equal(back.text, value.text);
    assert.equal(back.n, null);
  });

  test('typed arrays are compact: < 6 characters per Float32 sample', () => {
    const text = encodeWire({ values: new Float32Array(3000) });
    assert.ok(text.length < 3000 * 6, `${text.length} characters`);
  });

  test('plain objects that look like markers but are not stay objects', () => {
    assert.deepEqual(decodeWire(encodeWire({ $ta: 'xyz', b64: 'AAAA' })), { $ta: 'xyz', b64: 'AAAA' });
  });
});

describe('wire protocol', () => {
  test('parseCallMessage accepts calls of contract functions only', () => {
    assert.deepEqual(parseCallMessage({ t: 'call', id: 3, name: 'getLocale', args: [] }), { t: 'call', id: 3, name: 'getLocale', args: [] });
    assert.match((parseCallMessage({ t: 'call', id: 3, name: 'eval', args: [] }) as { error: string }).error, /unknown API call/);
    assert.equal((parseCallMessage({ t: 'call', id: 3, name: 'onLive', args: [] }) as { id?: number }).id, 3);
    assert.match((parseCallMessage({ t: 'call', name: 'getLocale', args: [] }) as { error: string }).error, /numeric id/);
    assert.match((parseCallMessage({ t: 'call', id: 1, name: 'getLocale', args: {} }) as { error: string }).error, /list/);
    assert.match((parseCallMessage([1]) as { error: string }).error, /object/);
    assert.match((parseCallMessage({ t: 'send', id: 1 }) as { error: string }).error, /unknown message type/);
  });

  test('parseServerMessage accepts replies and contract events', () => {
    assert.deepEqual(parseServerMessage({ t: 'reply', id: 1, reply: { ok: true, value: 2 } }), { t: 'reply', id: 1, reply: { ok: true, value: 2 } });
    assert.deepEqual(parseServerMessage({ t: 'event', name: 'onLive', payload: 1 }), { t: 'event', name: 'onLive', payload: 1 });
    assert.equal(parseServerMessage({ t: 'event', name: 'getLocale', payload: 1 }), null);
    assert.equal(parseServerMessage('x'), null);
  });
});
