// Every command's --help, and the refusals of the commands, in Dutch and in English: with
// CADANS_LANG=nl no word that only the English catalogues use (CLI, UI, errors, reports …), with
// CADANS_LANG=en no word that only the Dutch ones use — in the spirit of the e2e language walk. The
// commands are taken from `cadans --help`, so a command added without its texts in the CLI
// catalogues (main/cli/cliHelp.{nl,en}.ts) fails here. Option names stay the same in both.
// The refusals return before a sensor, database or server is touched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliHelpEn } from '../../../main/cli/cliHelp.en.js';
import { cliHelpNl } from '../../../main/cli/cliHelp.nl.js';
import { cliTextsEn } from '../../../main/cli/cliTexts.en.js';
import { cliTextsNl } from '../../../main/cli/cliTexts.nl.js';
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
async function bothLanguages(args: string[], stream: 'stdout' | 'stderr'): Promise<{ nl: string; en: string; code: number | null }> {
  const [nl, en] = await Promise.all([run('nl', args), run('en', args)]);
  const what = `cadans ${args.join(' ')}`;
  assert.equal(nl.code, en.code, `${what}: exit codes ${nl.code} / ${en.code}\n${nl.stderr}\n${en.stderr}`);
  const [a, b] = [nl[stream], en[stream]];
  assert.ok(a.trim() !== '' && b.trim() !== '', `${what}: nothing on ${stream}\n${nl.stderr}`);
  assert.notEqual(a, b, `${what}: the same text in both languages:\n${a}`);
  assert.deepEqual(foreignWords(a, words.onlyEn), [], `${what}: English in the Dutch ${stream}`);
  assert.deepEqual(foreignWords(b, words.onlyNl), [], `${what}: Dutch in the English ${stream}`);
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
});
