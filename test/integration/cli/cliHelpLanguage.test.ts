// Every command's --help, and the refusals of the commands, in Dutch and in English: with
// CADANS_LANG=nl no word that only the English catalogues use (CLI, UI, errors, reports …), with
// CADANS_LANG=en no word that only the Dutch ones use — in the spirit of the e2e language walk. The
// commands are taken from `cadans --help`, so a command added without its texts in the CLI
// catalogues (main/cli/cliHelp.{nl,en}.ts) fails here. Option names stay the same in both.
// The refusals return before a sensor, database or server is touched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliHelpEn } from '../../../main/cli/cliHelp.en.js';
import { cliHelpNl } from '../../../main/cli/cliHelp.nl.js';
import { cliTextsEn } from '../../../main/cli/cliTexts.en.js';
import { cliTextsNl } from '../../../main/cli/cliTexts.nl.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { accessDetailText } from '../../../shared/i18n/accessLogDetail.js';
import { errorText, type ErrorCode, type ErrorParams } from '../../../shared/i18n/CadansError.js';
import { issueSentence } from '../../../shared/i18n/issueText.js';
import { foreignWords, languageWords, type LanguageWords } from '../../support/languageWords.js';
import { runCli, type CliRun } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-cli-help-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const BASE = { CADANS_PASSPHRASE: undefined, CADANS_DB: join(dir, 'none.sqlite'), LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' };
const run = (lang: 'nl' | 'en', args: string[]): Promise<CliRun> => runCli(args, { env: { ...BASE, CADANS_LANG: lang }, timeoutMs: 120_000 });

let words: LanguageWords;
before(async () => {
  words = await languageWords([
    [cliTextsNl, cliTextsEn],
    [cliHelpNl, cliHelpEn],
  ]);
});

/** Both languages of `args`: same exit code, different text, and neither has the other language's words. */
async function bothLanguages(args: string[] | ((lang: 'nl' | 'en') => string[]), stream: 'stdout' | 'stderr'): Promise<{ nl: string; en: string; code: number | null }> {
  const argsOf = (lang: 'nl' | 'en'): string[] => (typeof args === 'function' ? args(lang) : args);
  const [nl, en] = await Promise.all([run('nl', argsOf('nl')), run('en', argsOf('en'))]);
  const what = `cadans ${argsOf('en').join(' ')}`;
  assert.equal(nl.code, en.code, `${what}: exit codes ${nl.code} / ${en.code}\n${nl.stderr}\n${en.stderr}`);
  const [a, b] = [nl[stream], en[stream]];
  assert.ok(a.trim() !== '' && b.trim() !== '', `${what}: nothing on ${stream}\n${nl.stderr}`);
  assert.notEqual(a, b, `${what}: the same text in both languages:\n${a}`);
  // File paths given on the command line are the user's words, echoed back: not checked.
  const paths = [...argsOf('nl'), ...argsOf('en')].filter((x) => x.includes('/'));
  const userless = (text: string): string => paths.reduce((t, p) => t.split(p).join(' '), text);
  assert.deepEqual(foreignWords(userless(a), words.onlyEn), [], `${what}: English in the Dutch ${stream}`);
  assert.deepEqual(foreignWords(userless(b), words.onlyNl), [], `${what}: Dutch in the English ${stream}`);
  return { nl: a, en: b, code: nl.code };
}

describe('CLI help and refusals in Dutch and English', { timeout: 600_000 }, () => {
  test('cadans --help and every command --help', async () => {
    const overview = await bothLanguages(['--help'], 'stdout');
    assert.match(overview.nl, /^Gebruik: cadans <opdracht> \[opties\]$/m);
    assert.match(overview.en, /^Usage: cadans <command> \[options\]$/m);
    const commands = [...overview.en.matchAll(/^ {2}(\S+)$/gm)].map((m) => m[1]!);
    assert.ok(commands.length >= 16 && commands.includes('export') && commands.includes('web'), commands.join(' '));
    for (const cmd of commands) {
      const help = await bothLanguages([cmd, '--help'], 'stdout');
      assert.equal(help.code, 0);
      // The usage line first; options keep their names; a JSON shape is printed as it is.
      assert.match(help.nl, new RegExp(`^(CADANS_PASSPHRASE=… )?cadans ${cmd}\\b`));
      assert.match(help.en, new RegExp(`^(CADANS_PASSPHRASE=… )?cadans ${cmd}\\b`));
      const options = (s: string): string[] => [...new Set(s.split('\n\n')[0]!.match(/--[a-z-]+/g) ?? [])].sort();
      assert.deepEqual(options(help.nl), options(help.en), `${cmd}: the same options in both usage lines`);
      if (cmd === 'record') assert.match(help.en, /prints exactly \{sessionId, durationSec, samples, beats, meanHrBpm, status\}\./);
    }
  });

  test('refusals of export, report, monitor, sensors, resonance, encrypt, decrypt, web, prescribe and record', async () => {
    const out = join(dir, 'out');
    const cases: string[][] = [
      ['export', '1', '--format', 'xyz'],
      ['export', '0', '--format', 'csv'],
      ['report', '1', '--out', join(dir, 'r.txt')],
      ['report', '--progress', '--out', join(dir, 'r.pdf')],
      ['report', '1', '--out', join(dir, 'r.pdf'), '--tz', 'Mars/Olympus'],
      ['monitor', '--sensor', 'sim', '--seconds=-1'],
      ['sensors', '--ble-seconds', '99'],
      ['resonance', '--sensor', 'sim', '--ratio', 'abc'],
      ['resonance', '--sensor', 'sim', '--sliding', '--steps', '6'],
      ['encrypt'],
      ['web', '--port', '70000'],
      ['prescribe', '--client', 'Jan', '--rate', '20', '--minutes', '5', '--out', out],
      // A group whose pairs don't match: refused before any database is opened (two processes
      // recording into one new file raced on its creation, and a recording that starts never ends).
      ['record', '--sensor', 'sim', '--sensor', 'sim', '--client', 'Jan'],
    ];
    for (const args of cases) {
      const r = await bothLanguages(args, 'stderr');
      assert.notEqual(r.code, 0, `cadans ${args.join(' ')} was not refused`);
      assert.match(r.nl, new RegExp(`^cadans ${args[0]}: `));
    }
  });

  test('a usage line inside an error is in the error\'s language', async () => {
    const r = await bothLanguages(['export', '--bogus'], 'stderr');
    assert.equal(r.code, 2);
    assert.match(r.nl, /^cadans export: onbekende optie '--bogus' \(gebruik: cadans export <sessie-id> --format csv\|rr\|json\|edf\|zip \[--out BESTAND\]/);
    assert.match(r.en, /^cadans export: Unknown option '--bogus' \(usage: cadans export <sessionId> --format csv\|rr\|json\|edf\|zip \[--out FILE\]/);
  });

  // Messages built deep inside (sensor and pacer specs, CSV and RR parsers, file reading, the serial
  // port, domain validation, the access log's stored detail) come out in the CLI's language: each
  // as the catalogue's sentence, and no word of the other language anywhere on the line.
  describe('deep messages in Dutch and English', () => {
    const issue = (lang: 'nl' | 'en', i: ValidationIssue): string => issueSentence(lang, i);
    const coded = (lang: 'nl' | 'en', code: ErrorCode, params: ErrorParams): string => errorText(lang, { code, params, message: '' });
    /** Both outputs hold the expected sentence of their own language. */
    const holds = (r: { nl: string; en: string }, nl: string, en: string): void => {
      assert.ok(r.nl.includes(nl), `Dutch output lacks «${nl}»:\n${r.nl}`);
      assert.ok(r.en.includes(en), `English output lacks «${en}»:\n${r.en}`);
    };

    test('a bad --sensor spec (unknown kind, bad setting, no path)', async () => {
      const unknown = await bothLanguages(['monitor', '--sensor', 'usb:x', '--seconds', '1'], 'stderr');
      assert.equal(unknown.code, 2);
      const u: ValidationIssue = { field: 'spec', code: 'sensorUnknown', params: { value: '"usb"' } };
      assert.match(unknown.nl, /^cadans monitor: Onbekende sensor "usb"/);
      assert.ok(unknown.nl.includes(issue('nl', u)), unknown.nl);
      assert.match(unknown.en, /^cadans monitor: unknown sensor 'usb' in 'usb:x'/, 'English: the detailed line as before');
      const bad = await bothLanguages(['record', '--sensor', 'sim:hr=abc', '--seconds', '1'], 'stderr');
      assert.equal(bad.code, 2);
      assert.ok(bad.nl.includes(`--sensor: ${issue('nl', { field: 'spec', code: 'sensorBadSetting', params: { key: 'hr', value: '"abc"' } })}`), bad.nl);
      const noPath = await bothLanguages(['monitor', '--sensor', 'serial:', '--seconds', '1'], 'stderr');
      assert.ok(noPath.nl.includes(issue('nl', { field: 'spec', code: 'sensorNoPath', params: { kind: 'serial', example: 'serial:/dev/ttyUSB0' } })), noPath.nl);
    });

    test('a bad --pacer: the rule broken (rate 3–12, syntax)', async () => {
      const rate = await bothLanguages(['record', '--sensor', 'sim', '--pacer', '20', '--seconds', '1'], 'stderr');
      assert.equal(rate.code, 2);
      const outOfRange: ValidationIssue = { field: 'rateBpm', code: 'outOfRange', params: { min: 3, max: 12, value: 20 } };
      holds(rate, `--pacer: ${issue('nl', outOfRange)}`, '--pacer: pacer spec "20": rateBpm must be between 3 and 12');
      const syntax = await bothLanguages(['record', '--sensor', 'sim', '--pacer', '6:4-x', '--seconds', '1'], 'stderr');
      assert.ok(syntax.nl.includes(issue('nl', { field: 'pacer', code: 'pacerSpec', params: { value: '"6:4-x"' } })), syntax.nl);
    });

    test('a corrupt CSV, a short RR file, a folder and a missing file for analyze', async () => {
      const files = join(dir, 'files');
      mkdirSync(files, { recursive: true });
      writeFileSync(join(files, 'p1.csv'), 'time,ppg\n0,a\n0.01,b\n0.02,c\n');
      writeFileSync(join(files, 'p2.csv'), 'time,ppg\n0,512\n0.01,515\n0.005,517\n');
      writeFileSync(join(files, 'r1.txt'), '812\n799\n');
      const csv = await bothLanguages(['analyze', join(files, 'p1.csv')], 'stderr');
      assert.equal(csv.code, 1);
      holds(csv, coded('nl', 'csv.noNumbers', { column: '"ppg"', columnNl: '"ppg"' }), coded('en', 'csv.noNumbers', { column: '"ppg"', columnNl: '"ppg"' }));
      const time = await bothLanguages(['analyze', join(files, 'p2.csv')], 'stderr');
      holds(time, coded('nl', 'csv.timeNotIncreasing', { row: '3', t: '0.005', prev: '0.01' }), 'time is not increasing at data row 3 (0.005 s after 0.01 s)');
      const rr = await bothLanguages(['analyze', join(files, 'r1.txt')], 'stderr');
      holds(rr, coded('nl', 'rr.tooFew', { found: '2', kind: 'any', min: '10' }), 'only 2 intervals in the file (need at least 10)');
      const folder = await bothLanguages(['analyze', files], 'stderr');
      holds(folder, coded('nl', 'file.folder', { file: files }), `${files} is a folder, not a recording`);
      const missing = await bothLanguages(['analyze', join(files, 'none.csv')], 'stderr');
      holds(missing, coded('nl', 'file.notFound', { file: join(files, 'none.csv') }), `no such file: ${join(files, 'none.csv')}`);
    });

    test('a serial port that does not exist', async () => {
      const port = '/dev/ttyCADANS-NONE';
      const r = await bothLanguages(['monitor', '--sensor', `serial:${port}`, '--seconds', '1'], 'stderr');
      assert.equal(r.code, 1);
      holds(r, coded('nl', 'serial.notFound', { port }), coded('en', 'serial.notFound', { port }));
      const rec = await bothLanguages((lang) => ['record', '--sensor', `serial:${port}`, '--seconds', '1', '--db', join(dir, `serial-${lang}.sqlite`)], 'stderr');
      holds(rec, coded('nl', 'serial.notFound', { port }), coded('en', 'serial.notFound', { port }));
    });

    test('a value the domain validation refuses (a client name of 300 characters)', async () => {
      const name = 'J'.repeat(300);
      const r = await bothLanguages((lang) => ['record', '--sensor', 'sim:speed=20', '--seconds', '1', '--client', name, '--db', join(dir, `long-${lang}.sqlite`)], 'stderr');
      assert.equal(r.code, 1);
      const tooLong: ValidationIssue = { field: 'name', code: 'tooLong', params: { max: 200 } };
      holds(r, issue('nl', tooLong), issue('en', tooLong));
    });

    test('access-log: the stored English detail shown in Dutch, as it is in English', async () => {
      const db = join(dir, 'log.sqlite');
      const rec = await run('en', ['record', '--sensor', 'sim:speed=20,seed=3', '--seconds', '2', '--db', db]);
      assert.equal(rec.code, 0, rec.stderr);
      const exp = await run('en', ['export', '1', '--format', 'csv', '--out', join(dir, 's1.csv'), '--db', db]);
      assert.equal(exp.code, 0, exp.stderr);
      const log = await bothLanguages(['access-log', '--db', db], 'stdout');
      assert.equal(log.code, 0);
      holds(log, accessDetailText('nl', 'cadans export csv'), 'cadans export csv');
      holds(log, accessDetailText('nl', 'startSession biofeedback'), 'startSession biofeedback');
      assert.ok(!log.nl.includes('cadans export csv'), 'the stored text is translated, not shown as it is');
    });
  });
});
