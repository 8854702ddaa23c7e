// The CLI in Dutch: with CADANS_LANG=nl the same errors and summary lines come out in Dutch, with
// Dutch number notation; without it (and without a Dutch system locale) in English, as before;
// --json output is byte-for-byte the same in both languages.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFile } from '../../support/paths.js';
import { runCli, type CliRun } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-cli-lang-'));
const db = join(dir, 'records.sqlite');
after(() => rmSync(dir, { recursive: true, force: true }));

const NL = { CADANS_LANG: 'nl' };
const EN = { CADANS_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' };
const nl = (args: string[]): Promise<CliRun> => runCli(args, { env: NL, timeoutMs: 120_000 });
const en = (args: string[]): Promise<CliRun> => runCli(args, { env: EN, timeoutMs: 120_000 });

describe('CLI language', () => {
  test('errors: the same refusal in Dutch and in English, same exit code', async () => {
    const cases: [string[], RegExp, RegExp, number][] = [
      [['nope'], /^cadans: onbekende opdracht 'nope'\. Zie 'cadans --help'\.$/, /^cadans: unknown command 'nope'\. Run 'cadans --help'\.$/, 2],
      [['clients', '--bogus'], /^cadans clients: onbekende optie '--bogus' \(gebruik: cadans clients/, /^cadans clients: Unknown option '--bogus' \(usage: cadans clients/, 2],
      [['sessions', 'extra'], /^cadans sessions: onverwacht argument 'extra' \(gebruik: /, /^cadans sessions: unexpected argument 'extra' \(usage: /, 2],
      [['backup', '--db', join(dir, 'none.sqlite'), '--out', join(dir, 'b.sqlite')], /^cadans backup: geen Cadans-database op .*none\.sqlite \(geef --db BESTAND of zet CADANS_DB\)$/, /^cadans backup: no Cadans database at .*none\.sqlite/, 1],
      [['analyze', '--fs', 'abc', 'x.csv'], /^cadans analyze: --fs moet een positief aantal Hz zijn \(gegeven: 'abc'\)$/, /^cadans analyze: --fs must be a positive number of Hz \(got 'abc'\)$/, 2],
      [['record', '--sensor', 'sim', '--seconds', '0'], /^cadans record: --seconds moet een aantal seconden zijn in \(0, \d+\] \(gegeven: '0'\)$/, /^cadans record: --seconds must be a number/, 2],
    ];
    for (const [args, dutch, english, code] of cases) {
      const [a, b] = [await nl(args), await en(args)];
      assert.equal(a.code, code, a.stderr);
      assert.equal(b.code, code, b.stderr);
      assert.match(a.stderr.trimEnd(), dutch);
      assert.match(b.stderr.trimEnd(), english);
      assert.equal(a.stdout + b.stdout, '');
    }
  });

  test('a file that is not a database: refused in Dutch, the English line as before', async () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(10));
    const a = await nl(['sessions', '--db', file]);
    assert.equal(a.code, 1);
    assert.match(a.stderr, /^cadans sessions: .*notes\.sqlite is geen Cadans-database \(geen SQLite-databasebestand\); Cadans heeft het niet veranderd\.\n$/);
    const b = await en(['sessions', '--db', file]);
    assert.match(b.stderr, /^cadans sessions: .*notes\.sqlite is not a Cadans database \(it is not an SQLite database file at all\)/);
  });

  test('a Dutch system locale gives Dutch; record --lang wins over CADANS_LANG', async () => {
    const r = await runCli(['nope'], { env: { ...EN, LANG: 'nl_NL.UTF-8' } });
    assert.match(r.stderr, /onbekende opdracht/);
    const s = await runCli(['record', '--sensor', 'sim', '--seconds', '0', '--lang', 'en'], { env: NL });
    assert.match(s.stderr, /--seconds must be a number/);
  });

  test('analyze: the summary in Dutch with decimal commas; --json identical', async () => {
    const file = dataFile('bidmc01_125hz.csv');
    const [a, b] = [await nl(['analyze', file]), await en(['analyze', file])];
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /^Cadans-analyse van .*bidmc01_125hz\.csv\n {2}duur {12}480,0 s op 125 Hz\n/);
    assert.match(a.stdout, /\n {2}hartslag {8}\d+,\d bpm \(gemiddelde NN \d+,\d ms\)\n/);
    assert.match(a.stdout, /laag\/middel\/hoog\/niet beoordeeld \d+\/\d+\/\d+\/\d+ % van de sessie/);
    assert.match(b.stdout, /^Cadans analysis of .*\n {2}duration {8}480\.0 s at 125 Hz\n/);
    assert.match(b.stdout, /low\/medium\/high\/not scored/);
    const [ja, jb] = [await nl(['analyze', file, '--json']), await en(['analyze', file, '--json'])];
    assert.equal(ja.stdout, jb.stdout);
    assert.ok(ja.stdout.length > 1000);
  });

  test('record, sessions, clients, access-log, backup, restore: summaries in Dutch, JSON unchanged', async () => {
    const rec = await nl(['record', '--sensor', 'sim:speed=20,seed=7,compliance=1', '--seconds', '8', '--db', db]);
    assert.equal(rec.code, 0, rec.stderr);
    assert.match(rec.stderr, /^cadans record: sessie 1 voor Anonymous wordt opgenomen van sim:\S+ gedurende 8 s$/m);
    assert.match(rec.stdout, /^Sessie 1 opgenomen voor Anonymous \(cliënt 1\) van sim:\S+ — de gevraagde seconden zijn opgenomen\n/);
    assert.match(rec.stdout, /\n {2}signaal {9}8,0 s, \d+ samples op \d+ Hz, \d+ slagen\n/);
    const sessions = await nl(['sessions', '--db', db]);
    assert.match(sessions.stdout, /^id +cliënt +soort +gestart \(UTC\) +duur +status +samples +slagen\n1 +1 +biofeedback +\S+ \S+ +8,0 s +complete/);
    assert.equal((await nl(['sessions', '--db', db, '--json'])).stdout, (await en(['sessions', '--db', db, '--json'])).stdout);
    assert.match((await nl(['clients', '--db', db])).stdout, /^id +naam +klacht +sessies +laatste sessie \(UTC\)\n1 +Anonymous/);
    assert.match((await en(['clients', '--db', db])).stdout, /^id +name +complaint +sessions +last session \(UTC\)\n/);
    assert.match((await nl(['access-log', '--verify', '--db', db])).stdout, /^Toegangslog intact: \d+ regels, hashketen ongebroken\.\n$/);
    assert.match((await en(['access-log', '--verify', '--db', db])).stdout, /^Access log intact: \d+ entries, hash chain unbroken\.\n$/);
    assert.match((await nl(['sessions', '--db', db, '--client', 'Piet'])).stderr, /^cadans sessions: geen cliënt met de naam 'Piet'\n$/);
    const backupFile = join(dir, 'backup.sqlite');
    const backup = await nl(['backup', '--db', db, '--out', backupFile]);
    assert.match(backup.stdout, /^Back-up gemaakt van .*backup\.sqlite \(\d+ bytes, databaseversie \d+; \d+ signaalblokken kloppen met hun controlesom; controlesom van de inhoud vastgelegd\)\.\n$/);
    const restore = await nl(['restore', backupFile, '--db', join(dir, 'restored.sqlite')]);
    assert.match(restore.stdout, /^.*restored\.sqlite teruggezet uit .*backup\.sqlite \(\d+ bytes, databaseversie \d+; de inhoud klopt met de controlesom in de back-up/);
  });
});
