// Database file and serial-port errors carry codes: in Dutch a whole Dutch sentence per problem
// (no English detail inside it), in English the detailed sentence as before.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DatabaseFileError, type DatabaseFileProblem } from '../../../native-adapters/sqlite/databaseFileError.js';
import { serialOpenError } from '../../../native-adapters/sensors/serialSource.js';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { errorsEn } from '../../../shared/i18n/errors.en.js';
import { errorsNl } from '../../../shared/i18n/errors.nl.js';

const PROBLEMS: DatabaseFileProblem[] = ['not-found', 'not-sqlite', 'truncated', 'corrupt', 'foreign', 'too-new', 'needs-upgrade', 'in-use', 'wrong-passphrase', 'exists', 'disk-full', 'io'];

describe('coded database file and serial errors', () => {
  test('catalogues still match and parse', () => {
    assert.deepEqual(catalogueProblems('errors', errorsNl, errorsEn), []);
  });

  test('every database file problem has its own Dutch sentence naming the file; English keeps the detail', () => {
    const seen = new Set<string>();
    for (const p of PROBLEMS) {
      const e = new DatabaseFileError(p, '/data/cadans.sqlite', `English detail for ${p} (SQLite: disk I/O error).`);
      const nl = errorText('nl', e);
      assert.match(nl, /\/data\/cadans\.sqlite/, p);
      assert.doesNotMatch(nl, /English|SQLite: disk|error\b/, `${p}: ${nl}`);
      seen.add(nl.replace('/data/cadans.sqlite', ''));
      assert.equal(errorText('en', e), `English detail for ${p} (SQLite: disk I/O error).`);
      assert.equal(e.message, `English detail for ${p} (SQLite: disk I/O error).`);
      // Over the wire (code + params) the same.
      assert.equal(errorText('nl', JSON.parse(JSON.stringify(codedMessage(e)))), nl);
    }
    assert.equal(seen.size, PROBLEMS.length, 'one sentence per problem');
    assert.match(errorText('nl', new DatabaseFileError('too-new', 'x.sqlite', '')), /nieuwere versie van Cadans/);
  });

  test('serial open errors: unplugged device and unsupported setting get codes; the unknown keeps its detail', () => {
    assert.equal(serialOpenError('/dev/ttyUSB0', new Error('Error: No such device, cannot open /dev/ttyUSB0')).code, 'serial.deviceGone');
    assert.equal(serialOpenError('/dev/ttyUSB0', new Error('Error: EIO: i/o error')).code, 'serial.deviceGone');
    assert.equal(serialOpenError('/dev/ttyUSB0', new Error('Error: Invalid argument, cannot set')).code, 'serial.badSetting');
    assert.match(errorText('nl', serialOpenError('/dev/ttyUSB0', new Error('Error: ENODEV'))), /^Kan \/dev\/ttyUSB0 niet openen: het apparaat reageert niet/);
    const odd = serialOpenError('/dev/ttyUSB0', new Error('something else'));
    assert.equal(odd.code, 'serial.openFailed');
    // The OS text only as the technical detail, in both languages.
    assert.equal(errorText('en', odd), 'cannot open /dev/ttyUSB0: the operating system reports an unexpected error (technical detail: something else)');
    assert.equal(errorText('nl', odd), 'Kan /dev/ttyUSB0 niet openen: het besturingssysteem meldt een onverwachte fout (technische melding: something else).');
  });
});
