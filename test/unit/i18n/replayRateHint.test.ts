// A PPG CSV without a time column needs a sample rate. `cadans analyze` takes it as `--fs`, a replayed
// recording (`file:opname.csv?fs=50`) as `?fs=` in its source spec: each path names its own option,
// in Dutch and in English (the same for a rate that disagrees with the time column).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FileReplaySource } from '../../../native-adapters/sensors/fileReplaySource.js';
import { CadansError, codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-replay-hint-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NO_TIME = 'ppg\n' + Array.from({ length: 200 }, (_, i) => String(500 + Math.round(40 * Math.sin(i / 8)))).join('\n') + '\n';
const TIMED = 'time,ppg\n' + Array.from({ length: 200 }, (_, i) => `${(i / 50).toFixed(2)},${500 + Math.round(40 * Math.sin(i / 8))}`).join('\n') + '\n';

async function replayError(name: string, text: string, fsHz?: number): Promise<CadansError> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const src = new FileReplaySource({ path, ...(fsHz ? { fsHz } : {}), tickMs: 60_000 });
  try {
    await src.start();
  } catch (e) {
    assert.ok(e instanceof CadansError, String(e));
    return e;
  } finally {
    await src.stop();
  }
  assert.fail('start() should have refused the file');
}

describe('the sample-rate option named where it is given', () => {
  test('replay of a CSV without a time column: ?fs=, not --fs', async () => {
    const e = await replayError('zonder-tijd.csv', NO_TIME);
    assert.equal(e.code, 'replay.failed');
    const nl = errorText('nl', e);
    const en = errorText('en', e);
    assert.match(nl, /^kan .*zonder-tijd\.csv niet afspelen: geen tijdkolom \(time, t of timestamp\) in "ppg": geef de bemonsteringsfrequentie op met \?fs= achter de bestandsnaam in de bron \(bijvoorbeeld opname\.csv\?fs=50\)$/);
    assert.match(en, /^cannot replay .*zonder-tijd\.csv: no time column \(time, t or timestamp\) in "ppg": give the sampling rate with \?fs= after the file name \(for example file:recording\.csv\?fs=50\)$/);
    assert.equal(e.message, en, 'the English line of the error (logs) is the same');
    for (const text of [nl, en]) assert.doesNotMatch(text, /--fs/);
    // Over the wire (code + params) the same sentence.
    assert.equal(errorText('nl', JSON.parse(JSON.stringify(codedMessage(e)))), nl);
  });

  test('replay with ?fs= that disagrees with the time column: names ?fs=', async () => {
    const e = await replayError('getimed.csv', TIMED, 100);
    assert.match(errorText('nl', e), /: \?fs=100 klopt niet met de tijdkolom \(50,0 Hz\): laat \?fs= weg/);
    assert.match(errorText('en', e), /: \?fs=100 disagrees with the time column \(50\.0 Hz\)/);
    assert.doesNotMatch(errorText('nl', e) + errorText('en', e), /--fs/);
  });

  test('cadans analyze (parsePpgCsv): still --fs', () => {
    const r = parsePpgCsv(NO_TIME);
    assert.ok('error' in r);
    assert.equal(r.code, 'csv.noTimeColumn');
    assert.match(errorText('nl', { ...r, message: r.error }), /geef de bemonsteringsfrequentie \(--fs\)$/);
    assert.match(r.error, /give the sampling rate \(--fs\)$/);
    const d = parsePpgCsv(TIMED, { fsHz: 100 });
    assert.ok('error' in d);
    assert.equal(d.error, '--fs 100 disagrees with the time column (50.0 Hz)');
  });
});
