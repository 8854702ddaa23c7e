import { decryptDatabase, encryptDatabase } from '../../native-adapters/sqlite/convertEncryption.js';
import { databasePassphrase, PASSPHRASE_ENV } from '../../native-adapters/sqlite/databaseKey.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';

/** Shortest passphrase `cadans encrypt` accepts (the key derivation is slow, not magic). */
export const MIN_PASSPHRASE_LENGTH = 8;

function converter(encrypt: boolean): CliCommand {
  const name = encrypt ? 'encrypt' : 'decrypt';
  return {
    options: { db: { type: 'string' } },
    async run({ values, positionals }) {
      if (positionals.length > 0) throw cliError('crypt.unexpected', { usage: usageOf(name) }, 2);
      const file = resolveDbPath(values.db);
      const passphrase = databasePassphrase();
      if (passphrase === null) throw cliError('crypt.needPassphrase', { env: PASSPHRASE_ENV, name, usage: usageOf(name) }, 2);
      if (encrypt && [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
        throw cliError('crypt.short', { env: PASSPHRASE_ENV, min: String(MIN_PASSPHRASE_LENGTH) }, 2);
      }
      let r;
      try {
        r = encrypt ? encryptDatabase(file, passphrase) : decryptDatabase(file, passphrase);
      } catch (e) {
        throw toCliError(e);
      }
      const done = { name, file: r.file, tables: String(r.tables), rows: String(r.rows), bytes: String(r.bytes) };
      process.stdout.write(cliText(cliLocale(), 'crypt.done', done) + '\n');
      return 0;
    },
  };
}

/** `cadans encrypt` — encrypt a plaintext database with `CADANS_PASSPHRASE`. */
export const encryptCommand = converter(true);
/** `cadans decrypt` — turn an encrypted database back into plaintext. */
export const decryptCommand = converter(false);
