// The last English words on `cadans` stderr, now in the CLI's language: a recording file that cannot
// be replayed (`--sensor file:…`: missing, empty, wrong columns), an odd inhale:exhale ratio in the
// stepped resonance protocol, and what a serial sensor's parser reports while monitoring (a
// PulseSensor sketch whose begin() failed, CSV lines without a time column). With CADANS_LANG=nl
// no word that only the English catalogues use; with CADANS_LANG=en the English sentence.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliTextsEn } from '../../../main/cli/cliTexts.en.js';
import { cliTextsNl } from '../../../main/cli/cliTexts.nl.js';
import { formatSensorNotice } from '../../../shared/sensors/sensorNotices.js';
import type { SensorNoticeCode } from '../../../shared/sensors/frames.js';
import { hasSocat, startEmulator } from '../../support/emulators/startEmulator.js';
import type { DeviceProfileId } from '../../support/emulators/deviceProfiles.js';
import { foreignWords, languageWords, type LanguageWords } from '../../support/languageWords.js';
import { cliPath, repoRoot } from '../../support/paths.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-cli-sensor-nl-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BASE = { CADANS_PASSPHRASE: undefined, CADANS_DB: join(dir, 'none.sqlite'), LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' };
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

let words: LanguageWords;
before(async () => {
  // The sensor notices are templates in code: their English and Dutch words join the catalogues'.
  const codes: SensorNoticeCode[] = ['begin-failed', 'csv-needs-rate', 'bad-frames', 'reconnecting'];
  const sample = { count: 1, what: 'heart-rate', problem: 'too-short', message: '', reason: 'port closed', port: 'p' };
  const notices = (l: 'nl' | 'en'): Record<string, string> => Object.fromEntries(codes.map((c) => [c, formatSensorNotice({ code: c, params: sample }, l)]));
  words = await languageWords([
    [cliTextsNl, cliTextsEn],
    [notices('nl'), notices('en')],
  ]);
});

function dutchOnly(text: string, what: string): void {
  assert.ok(text.trim() !== '', `${what}: nothing said`);
  // The command's name ('cadans resonance:') is no English.
  assert.deepEqual(foreignWords(text.replace(/^cadans [a-z-]+: /gm, ''), words.onlyEn), [], `${what}: English in the Dutch stderr:\n${text}`);
}

describe('cadans stderr in Dutch: file replay, pacer ratio, sensor parser warnings', { timeout: 300_000 }, () => {
  test('monitor --sensor file:… that cannot be replayed', async () => {
    const cases: [string, RegExp, RegExp][] = [
      [join(dir, 'weg.csv'), /kan .*weg\.csv niet afspelen: het bestand bestaat niet/, /cannot replay .*weg\.csv: no such file/],
      [file('leeg.csv', ''), /kan .*leeg\.csv niet afspelen: het bestand is leeg/, /cannot replay .*leeg\.csv: the file is empty/],
      [file('kolommen.csv', 'naam,kleur\nfoo,bar\nbaz,qux\n'), /kan .*kolommen\.csv niet afspelen: geen tijdkolom \(time, t of timestamp\) in "naam", "kleur"/, /cannot replay .*kolommen\.csv: no time column/],
    ];
    for (const [path, nlRe, enRe] of cases) {
      const [nl, en] = await Promise.all(['nl', 'en'].map((l) => runCli(['monitor', '--sensor', `file:${path}`, '--seconds', '1'], { env: { ...BASE, CADANS_LANG: l }, timeoutMs: 120_000 })));
      assert.equal(nl!.code, 1, nl!.stderr);
      assert.equal(en!.code, 1, en!.stderr);
      assert.match(nl!.stderr, nlRe);
      dutchOnly(nl!.stderr, path);
      assert.match(en!.stderr, enRe);
    }
  });

  test('resonance with an inhale:exhale ratio that leaves less than 1 s to breathe in', async () => {
    const args = ['resonance', '--sensor', 'sim', '--steps', '12,6', '--ratio', '1:8'];
    const [nl, en] = await Promise.all(['nl', 'en'].map((l) => runCli(args, { env: { ...BASE, CADANS_LANG: l }, timeoutMs: 120_000 })));
    assert.equal(nl!.code, 2, nl!.stderr);
    assert.match(nl!.stderr, /stap 1 \(12 ademhalingen per minuut\): met deze verhouding in- en uitademen duurt het inademen 0,56 s en het uitademen 4,44 s/);
    assert.doesNotMatch(nl!.stderr, /stap 2/, 'the 6/min step is fine');
    dutchOnly(nl!.stderr, 'resonance --ratio 1:8');
    assert.match(en!.stderr, /step 1 \(12 breaths\/min\): with this inhale:exhale ratio the in-breath lasts 0\.56 s/);
  });

  const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';
  /** `cadans monitor` on an emulated device until stderr has `until` (then SIGTERM): what it said. */
  async function monitorUntil(device: DeviceProfileId, query: string, lang: 'nl' | 'en', until: RegExp): Promise<string> {
    const emu = await startEmulator({ device, liveTimeoutSec: 180 });
    try {
      return await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, 'monitor', '--sensor', `serial:${emu.appPath}${query}`], { cwd: repoRoot, env: { ...process.env, ...BASE, CADANS_LANG: lang }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
          if (until.test(stderr)) child.kill('SIGTERM');
        });
        child.on('error', reject);
        child.on('close', () => {
          clearTimeout(timer);
          resolve(stderr);
        });
      });
    } finally {
      await emu.stop();
    }
  }

  test('monitor on a PulseSensor sketch whose begin() failed, and on CSV lines without a time column', { skip: SKIP }, async () => {
    const begin = await monitorUntil('pulsesensor-begin-failed', '?protocol=pulsesensor&baud=115200', 'nl', /kon niet starten|could not start/);
    assert.match(begin, /cadans monitor: de PulseSensor-bibliotheek kon niet starten — controleer de sketch en de aansluiting/);
    dutchOnly(begin, 'begin-failed');
    const csv = await monitorUntil('pulsesensor-signalcoach', '?protocol=csv&baud=115200', 'nl', /tijdkolom|time column/);
    assert.match(csv, /cadans monitor: de CSV-regels hebben geen tijdkolom: geef voor deze bron de bemonsteringsfrequentie op \(fs=…\)/);
    dutchOnly(csv, 'csv-needs-rate');
    const csvEn = await monitorUntil('pulsesensor-signalcoach', '?protocol=csv&baud=115200', 'en', /tijdkolom|time column/);
    assert.match(csvEn, /the CSV lines carry no time column: set the sample rate \(fs=…\) for this source/);
  });
});
