// Coded errors: a service throws CadansError(code, params); the reply carries code + params + the
// English line; the page turns it back into a sentence in its language.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CadansError, codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { errorsEn } from '../../../shared/i18n/errors.en.js';
import { errorsNl, type ErrorCode } from '../../../shared/i18n/errors.nl.js';
import { dispatchInvoke, unwrapReply, type CadansService } from '../../../shared/ipc/contract.js';

const SAMPLE = { detail: 'x', channel: 'ch1', port: '/dev/ttyUSB0', action: 'stop', seconds: 2, sessionId: 7, clientId: 3, mb: 64, max: 240, problem: 'corrupt', file: 'x.sqlite', hours: 12, points: 100000, block: 2,
  // CSV, RR text and file problems.
  baud: '9600', protocol: 'cms50-9', readings: '3', pct: '40',
  got: '1', step: '2', settle: '30', len: '12.5', rate: '6',
  fs: 125, columns: '"a", "b"', columnsNl: '"a", kolom 2', asked: 'ppg', column: 'column 2', columnNl: 'kolom 2', found: '1', row: '3', t: '1.2', prev: '1.4', hz: '125', sec: '40', after: '12', cap: '256 MiB', stepMs: '8', kind: 'plausible', min: '300', median: '9', unit: 'ms', cause: 'c',
  // Pacer settings.
  gotNum: 20, minPct: 10, maxPct: 90, gotPct: 4.8, key: 'holdInSec', by: 'ratio', inhale: 0.45, exhale: 4.55, period: 5,
  // Practice mode (issue 17).
  reason: 'connectionRefused', role: 'anna', value: 'postgres://x', settings: 'stepSec',
  // The app's refusals that were plain English before (appErrors.*.ts).
  index: '12', closing: 'yes', id: 4, format: 'xml', target: 'csv', intervals: 'no', entity: 'client',
  // Resonance requests, analysis refusals and CSV notes (issue 13).
  count: 2, known: 'ratesBpm, stepSec', call: 'startResonance', variants: 'stepped, sliding', usable: '3.0', duration: '60.0', bpm: '600',
  n: 2, where: '1.00–2.00 s', shown: 3, from1: 1, to1: 2, from2: 3.5, to2: 4, from3: 7, to3: 7.25, more: 'no', lost: '50', total: '100', text: 'none',
  // Bluetooth sensors.
  state: 'unauthorized', platform: 'linux', execPath: '/usr/bin/node', warning: 'none', which: 'name', sensor: 'Polar', device: 'Polar H10', stream: 'ppg', why: 'other' };

describe('coded errors', () => {
  test('the error catalogues match, parse, and every message fills all its arguments', () => {
    assert.deepEqual(catalogueProblems('errors', errorsNl, errorsEn), []);
    for (const code of Object.keys(errorsNl) as ErrorCode[]) {
      for (const locale of ['nl', 'en'] as const) {
        const text = errorText(locale, new CadansError(code, SAMPLE));
        assert.doesNotMatch(text, /[{}]/, `${locale} ${code}: ${text}`);
      }
    }
  });

  test('a coded error reads in the user language; its message (logs) is English', () => {
    const e = new CadansError('sensor.noneConnected');
    assert.equal(e.message, 'connect a sensor first');
    assert.equal(errorText('nl', e), 'Verbind eerst een sensor.');
    assert.equal(errorText('nl', new CadansError('storage.diskFull', { seconds: 1, sessionId: 3 })), 'De schijf is vol: 1 seconde van sessie 3 konden niet worden opgeslagen.');
    assert.equal(errorText('nl', new Error('boom')), 'boom');
  });

  test('over the API: code + params + English line, thrown again as a CadansError by the client side', async () => {
    const service = {
      stopSession: () => Promise.reject(new CadansError('session.notRunning', { action: 'stop' })),
    } as unknown as CadansService;
    const reply = await dispatchInvoke(service, 'stopSession', []);
    assert.deepEqual(reply, { ok: false, error: 'there is no session to stop', code: 'session.notRunning', params: { action: 'stop' } });
    assert.throws(
      () => unwrapReply(reply),
      (e: unknown) => e instanceof CadansError && errorText('nl', e) === 'Er is geen sessie om te stoppen.' && errorText('en', e) === 'there is no session to stop',
    );
    const plain = await dispatchInvoke({ stopSession: () => Promise.reject(new Error('boom')) } as unknown as CadansService, 'stopSession', []);
    assert.deepEqual(plain, { ok: false, error: 'boom' }, 'an uncoded error travels as its message only');
    assert.deepEqual(codedMessage({ code: 'sensor.inUse', params: {}, message: 'x' }).code, 'sensor.inUse');
    assert.equal(codedMessage({ code: 'ENOENT' }).code, 'error.unknown', 'a Node error code is not one of ours');
  });
});
