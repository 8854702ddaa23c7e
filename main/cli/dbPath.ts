/** Which database file a records command uses: `--db FILE`, else `$CADANS_DB`, else the user-data folder. */
import { resolve } from 'node:path';
import { defaultDbPath } from '../app/paths.js';
import { cliError } from './cliError.js';

export const DB_ENV_VAR = 'CADANS_DB';

/** `resolveDbPath` — absolute path of the database for `--db` (see the file comment). */
export function resolveDbPath(dbOption: string | boolean | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof dbOption === 'string') {
    if (dbOption.trim() === '') throw cliError('cli.dbNeedsFile', {}, 2);
    return resolve(dbOption);
  }
  const fromEnv = env[DB_ENV_VAR];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return resolve(fromEnv);
  return defaultDbPath({ env });
}
