import { existsSync } from 'node:fs';
import { RunFileError } from '../../shared/running/runFileError.js';
import { showText } from '../../shared/text/safeText.js';
import { importRun } from '../running/importRun.js';
import { readRunFile } from '../running/readRunFile.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { cliError, cliErrorOf } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { cliLocale, cliNum, cliText, usageOf } from './cliText.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';
import { oneClient } from './recordsClient.js';


/**
 * `cadans import-run` — import a run from a sport watch (FIT, TCX, GPX) as a 'run' session of a
 * client (main/running/importRun.ts: blocks, HR, zones, HRR, all in one transaction). The file is
 * read and checked completely before the database is opened: a broken, truncated or oversized file
 * is one line on stderr, exit 1, nothing stored.
 */
export const importRunCommand: CliCommand = {
  options: {
    client: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw cliError('importRun.fileRequired', { usage: usageOf('import-run') }, 2);
    if (typeof values.client !== 'string' || values.client.trim() === '') throw cliError('importRun.clientRequired', { usage: usageOf('import-run') }, 2);
    let track;
    try {
      track = readRunFile(positionals[0]!);
    } catch (e) {
      if (e instanceof RunFileError) throw cliErrorOf(e);
      throw e;
    }
    const file = resolveDbPath(values.db);
    if (!existsSync(file)) throw cliError('cli.noDatabase', { file: showText(file, 200) });
    let storage: Storage;
    try {
      storage = openStorage(file, { mustExist: true });
    } catch (e) {
      throw toCliError(e);
    }
    try {
      const client = oneClient(storage, String(values.client));
      const { sessionId, summary } = importRun(storage, client.id, track, positionals[0]!);
      if (values.json === true) {
        const reply = {
          sessionId,
          durationSec: summary.durationSec,
          blocks: summary.blocks.map((b) => ({ kind: b.kind, startSec: b.startSec, endSec: b.endSec })),
          longestRunSec: summary.longestRunSec,
          meanHrBpm: summary.meanHrBpm,
          hrr60Bpm: summary.hrr.hrr60Bpm,
        };
        process.stdout.write(JSON.stringify(reply) + '\n');
      } else {
        const locale = cliLocale();
        const bpm = (x: number | null): string => (x === null ? '—' : `${cliNum(locale, x, 0)} bpm`);
        process.stdout.write(
          cliText(locale, 'importRun.done', {
            sessionId: String(sessionId),
            client: showText(client.name, 80),
            minutes: cliNum(locale, summary.durationSec / 60, 1),
            runs: String(summary.blocks.filter((b) => b.kind === 'run').length),
            longest: cliNum(locale, summary.longestRunSec / 60, 1),
            hr: bpm(summary.meanHrBpm),
            hrr60: bpm(summary.hrr.hrr60Bpm),
          }) + '\n',
        );
      }
    } catch (e) {
      if (e instanceof RunFileError) throw cliErrorOf(e);
      throw toCliError(e);
    } finally {
      storage.close();
    }
    return 0;
  },
};
