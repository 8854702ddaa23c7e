import { decryptDatabase, encryptDatabase } from '../../native-adapters/sqlite/convertEncryption.js';
import { databasePassphrase, PASSPHRASE_ENV } from '../../native-adapters/sqlite/databaseKey.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';

/** Shortest passphrase `cadans encrypt` accepts (the key derivation is slow, not magic). */
export const MIN_PASSPHRASE_LENGTH = 8;

function converter(encrypt: boolean): CliCommand {
  const name = encrypt ? 'encrypt' : 'decrypt';
  const usage = `${PASSPHRASE_ENV}=… cadans ${name} [--db FILE]`;
  return {
    usage,
    summary: encrypt
      ? `Encrypt the database with the passphrase in ${PASSPHRASE_ENV} (SQLCipher, key derived with scrypt). ` +
        'The database is converted through a checked copy beside it (integrity and row counts) that replaces it in one ' +
        'atomic step; refused while a recording runs or the database is open. Keep the passphrase safe: without it the ' +
        `records cannot be read. Afterwards every command, the web host and the app need ${PASSPHRASE_ENV}.`
      : `Decrypt the database (opened with the passphrase in ${PASSPHRASE_ENV}) into a plaintext database, through a ` +
        'checked copy that replaces it in one atomic step; refused while a recording runs or the database is open.',
    options: { db: { type: 'string' } },
    async run({ values, positionals }) {
      if (positionals.length > 0) throw new CliError(`unexpected argument (usage: ${usage})`, 2);
      const file = resolveDbPath(values.db);
      const passphrase = databasePassphrase();
      if (passphrase === null) throw new CliError(`set ${PASSPHRASE_ENV} to the passphrase to ${name} with (usage: ${usage})`, 2);
      if (encrypt && [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
        throw new CliError(`the passphrase in ${PASSPHRASE_ENV} is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters`, 2);
      }
      let r;
      try {
        r = encrypt ? encryptDatabase(file, passphrase) : decryptDatabase(file, passphrase);
      } catch (e) {
        throw toCliError(e);
      }
      process.stdout.write(
        `${encrypt ? 'Encrypted' : 'Decrypted'} ${r.file} (${r.tables} tables, ${r.rows} rows checked against the original, ${r.bytes} bytes).\n`,
      );
      return 0;
    },
  };
}

/** `cadans encrypt` — encrypt a plaintext database with `CADANS_PASSPHRASE`. */
export const encryptCommand = converter(true);
/** `cadans decrypt` — turn an encrypted database back into plaintext. */
export const decryptCommand = converter(false);
