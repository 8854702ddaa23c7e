// A recording file that cannot be replayed as a sensor (`file:` spec) says why in the user's
// language: the file's own problem (missing, folder, empty) and the CSV / RR-text problem behind it
// (wrong columns, too few rows) — as the CLI prints it and as the sensor panel shows the field
// problem the core builds from it (`sensorOpenFailed` carrying the coded error).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileReplaySource } from '../../../native-adapters/sensors/fileReplaySource.js';
import { CadansError, codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { issueSentence } from '../../../shared/i18n/issueText.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-replay-err-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function failure(path: string, opts: { column?: string } = {}): Promise<CadansError> {
  const src = new FileReplaySource({ path, ...opts });
  try {
    await src.start();
  } catch (e) {
    assert.ok(e instanceof CadansError, `a coded error, got ${String(e)}`);
    return e;
  } finally {
    await src.stop();
  }
  throw new Error(`${path} was replayed`);
}

// Words of the English sentences that must not appear in the Dutch ones.
const ENGLISH = /\b(cannot|replay|no such|empty|folder|rows?|column|found|give|the file|samples?)\b/i;

describe('file replay errors in Dutch and English', () => {
  const cases: { name: string; make: () => string; column?: string; nl: RegExp; en: RegExp }[] = [
    { name: 'missing file', make: () => join(dir, 'missing.csv'), nl: /^kan .*missing\.csv niet afspelen: het bestand bestaat niet$/, en: /^cannot replay .*missing\.csv: no such file$/ },
    { name: 'folder', make: () => (mkdirSync(join(dir, 'map.csv'), { recursive: true }), join(dir, 'map.csv')), nl: /niet afspelen: het is een map, geen opname$/, en: /: it is a folder, not a recording$/ },
    { name: 'empty file', make: () => write('empty.csv', ' \n\n'), nl: /^kan .*empty\.csv niet afspelen: het bestand is leeg$/, en: /^cannot replay .*empty\.csv: the file is empty$/ },
    { name: 'header only', make: () => write('kop.csv', 'time,ppg\n0,512\n'), nl: /niet afspelen: minder dan 2 gegevensregels \(gevonden: 1\)$/, en: /: fewer than 2 data rows \(found 1\)$/ },
    { name: 'no time column', make: () => write('woorden.csv', 'a,b\n1,2\n3,4\n'), nl: /niet afspelen: geen tijdkolom \(time, t of timestamp\) in "a", "b"/, en: /: no time column \(time, t or timestamp\) in "a", "b"/ },
    { name: 'asked column missing', make: () => write('kolom.csv', 'time,ppg\n0,1\n0.02,2\n0.04,3\n'), column: 'pleth', nl: /niet afspelen: geen kolom "pleth" \(kolommen: "time", "ppg"\)$/, en: /: no column "pleth" \(columns: "time", "ppg"\)$/ },
    { name: 'RR text with too few intervals', make: () => write('kort.rr.txt', '800\n'), nl: /niet afspelen: maar 1 .*intervallen in het bestand/, en: /: only 1 .*intervals in the file/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const e = await failure(c.make(), c.column !== undefined ? { column: c.column } : {});
      assert.equal(e.code, 'replay.failed');
      const nl = errorText('nl', e);
      const en = errorText('en', e);
      assert.match(nl, c.nl);
      assert.doesNotMatch(nl.replace(/"[^"]*"|\S*\.(csv|txt)|\(time, t of timestamp\)/g, ''), ENGLISH, nl);
      assert.match(en, c.en);
      assert.equal(e.message, en, 'the English line (logs) is the English sentence');
      // Through the API (code, params) the page gets the same sentence.
      const wire = JSON.parse(JSON.stringify(codedMessage(e))) as unknown;
      assert.equal(errorText('nl', wire), nl);
    });
  }

  test('the sensor panel: the core’s field problem carries the coded replay error, shown whole in Dutch', async () => {
    const e = await failure(write('leeg.csv', ''));
    const m = codedMessage(e);
    const issue = { field: 'spec', code: 'sensorOpenFailed' as const, params: { detail: e.message, errorCode: m.code, errorParams: JSON.stringify(m.params) } };
    assert.match(issueSentence('nl', issue), /^De sensor kon niet worden geopend: kan .*leeg\.csv niet afspelen: het bestand is leeg/);
    assert.match(issueSentence('en', issue), /^The sensor could not be opened: cannot replay .*leeg\.csv: the file is empty/);
  });
});
