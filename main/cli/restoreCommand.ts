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
    'Restore the database from a backup file. A cut-off, damaged, changed (checksums) or foreign file is refused and the ' +
    'current database is left unchanged; so is a --db that is a folder or not a Cadans database. The database is replaced ' +
    'in one atomic step (never a moment without one); the replaced database is kept as <db>.before-restore-<time>.',
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
    const proof = r.digestChecked
      ? `its content matches the checksum recorded in the backup, ${r.chunksChecked} signal chunks match theirs`
      : `${r.chunksChecked} signal chunks match their checksums; the backup has no content checksum (not made by cadans backup of this version)`;
    process.stdout.write(
      `Restored ${r.file} from ${positionals[0]} (${r.bytes} bytes, database version ${r.schemaVersion}; ${proof}).` +
        (r.previousFile ? ` The previous database is kept as ${r.previousFile}.` : '') +
        '\n',
    );
    return 0;
  },
};
