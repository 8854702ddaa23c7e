// The web host's token handling that page and server share: the fragment the page reads the
// token from (and cleans), and the handshake subprotocols that carry it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  consoleUrlOf,
  displayUrlOf,
  socketProtocols,
  splitTokenFragment,
  tokenFromProtocols,
} from '../../../shared/ipc/wireProtocol.js';

const T = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_x';

describe('web host token', () => {
  test('the printed URLs carry the token in the fragment only', () => {
    const c = new URL(consoleUrlOf('http://127.0.0.1:5000', T));
    assert.equal(c.search, '');
    assert.equal(c.hash, `#token=${T}`);
    const d = new URL(displayUrlOf('http://127.0.0.1:5000', T));
    assert.equal(d.search, '');
    assert.equal(d.hash, `#/display?token=${T}`);
  });

  test('splitTokenFragment: the token out, the route kept', () => {
    assert.deepEqual(splitTokenFragment(`#token=${T}`), { token: T, rest: '' });
    assert.deepEqual(splitTokenFragment(`#/display?token=${T}`), { token: T, rest: '#/display' });
    assert.deepEqual(splitTokenFragment(`#/client/3/notes&token=${T}`), { token: T, rest: '#/client/3/notes' });
    assert.deepEqual(splitTokenFragment(`#token=${T}#/live`), { token: T, rest: '#/live' });
    assert.deepEqual(splitTokenFragment('#/live'), { token: null, rest: '#/live' });
    assert.deepEqual(splitTokenFragment(''), { token: null, rest: '' });
    // A malformed token is not used, but still removed from the address bar.
    assert.deepEqual(splitTokenFragment('#token=<script>'), { token: null, rest: '' });
    assert.deepEqual(splitTokenFragment('#token=short'), { token: null, rest: '' });
    // Only a whole parameter named token counts.
    assert.deepEqual(splitTokenFragment(`#/x?mytoken=${T}`), { token: null, rest: `#/x?mytoken=${T}` });
  });

  test('tokenFromProtocols: cadans.v1 plus exactly one well-formed token', () => {
    assert.deepEqual(socketProtocols(T), ['cadans.v1', `cadans-token.${T}`]);
    assert.equal(tokenFromProtocols(socketProtocols(T).join(', ')), T);
    assert.equal(tokenFromProtocols(`cadans-token.${T},cadans.v1`), T);
    assert.equal(tokenFromProtocols(undefined), null);
    assert.equal(tokenFromProtocols(''), null);
    assert.equal(tokenFromProtocols('cadans.v1'), null);
    assert.equal(tokenFromProtocols(`cadans-token.${T}`), null, 'cadans.v1 is required');
    assert.equal(tokenFromProtocols(`cadans.v1, cadans-token.${T}, cadans-token.${T}`), null, 'two tokens');
    assert.equal(tokenFromProtocols('cadans.v1, cadans-token.bad token'), null);
  });
});
