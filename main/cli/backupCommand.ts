import { backupDatabase } from '../../native-adapters/sqlite/backupDatabase.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { withRecordsDb } from './dbOpen.js';


/**
 * `cadans backup` — online backup (SQLite backup API) into a new, checked, self-contained file that
 * proves itself: every signal chunk matched its recording checksum, and the SHA-256 of the whole
 * content is recorded in it for `restore`.
 */
export const backupCommand: CliCommand = {
  options: {
    out: { type: 'string' },
    db: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('backup') }, 2);
    if (typeof values.out !== 'string' || values.out.trim() === '') throw cliError('cli.outRequired', { usage: usageOf('backup') }, 2);
    const out = values.out;
    const r = await withRecordsDb(values.db, { mustExist: true }, (storage) => backupDatabase(storage.db, out));
    const unchecked = r.chunksUnchecked > 0 ? String(r.chunksUnchecked) : 'none';
    const params = { file: r.file, bytes: String(r.bytes), version: String(r.schemaVersion), chunks: String(r.chunksChecked), unchecked };
    process.stdout.write(cliText(cliLocale(), 'backup.done', params) + '\n');
    return 0;
  },
};
