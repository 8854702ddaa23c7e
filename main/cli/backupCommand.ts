import { backupDatabase } from '../../native-adapters/sqlite/backupDatabase.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { withRecordsDb } from './dbOpen.js';

const USAGE = 'cadans backup --out FILE [--db FILE]';

/** `cadans backup` — online backup (SQLite backup API) into a new, checked, self-contained file. */
export const backupCommand: CliCommand = {
  usage: USAGE,
  summary: 'Back up the database into a new file (also while Cadans is recording). An existing file is never overwritten.',
  options: {
    out: { type: 'string' },
    db: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
    if (typeof values.out !== 'string' || values.out.trim() === '') throw new CliError(`--out FILE is required (usage: ${USAGE})`, 2);
    const out = values.out;
    const r = await withRecordsDb(values.db, { mustExist: true }, (storage) => backupDatabase(storage.db, out));
    process.stdout.write(`Backed up ${r.file} (${r.bytes} bytes, database version ${r.schemaVersion}).\n`);
    return 0;
  },
};
