import { restoreDatabase } from '../../native-adapters/sqlite/restoreDatabase.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';

const USAGE = 'cadans restore FILE [--db FILE]';

/**
 * `cadans restore` — replace the database with a backup after checking the backup completely;
 * the replaced database is kept next to it as `<db>.before-restore-<time>`.
 */
export const restoreCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Restore the database from a backup file. A cut-off, damaged or foreign file is refused and the current database ' +
    'is left unchanged; the replaced database is kept as <db>.before-restore-<time>.',
  options: {
    db: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new CliError(`expected one backup file (usage: ${USAGE})`, 2);
    const target = resolveDbPath(values.db);
    let r;
    try {
      r = restoreDatabase(positionals[0], target);
    } catch (e) {
      throw toCliError(e);
    }
    process.stdout.write(
      `Restored ${r.file} from ${positionals[0]} (${r.bytes} bytes, database version ${r.schemaVersion}).` +
        (r.previousFile ? ` The previous database is kept as ${r.previousFile}.` : '') +
        '\n',
    );
    return 0;
  },
};
