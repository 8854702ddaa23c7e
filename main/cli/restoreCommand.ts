import { restoreDatabase } from '../../native-adapters/sqlite/restoreDatabase.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';


/**
 * `cadans restore` — replace the database with a backup after checking the backup completely;
 * the replaced database is kept next to it as `<db>.before-restore-<time>`.
 */
export const restoreCommand: CliCommand = {
  options: {
    db: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw cliError('cli.expectedOneBackup', { usage: usageOf('restore') }, 2);
    const target = resolveDbPath(values.db);
    let r;
    try {
      r = restoreDatabase(positionals[0], target);
    } catch (e) {
      throw toCliError(e);
    }
    const locale = cliLocale();
    const proof = cliText(locale, r.digestChecked ? 'restore.proofDigest' : 'restore.proofChunks', { chunks: String(r.chunksChecked) });
    process.stdout.write(
      cliText(locale, 'restore.done', { file: r.file, backup: positionals[0], bytes: String(r.bytes), version: String(r.schemaVersion), proof }) +
        (r.previousFile ? cliText(locale, 'restore.previousKept', { file: r.previousFile }) : '') +
        '\n',
    );
    return 0;
  },
};
