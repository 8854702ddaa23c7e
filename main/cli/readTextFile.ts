import { readTextInput, TextInputError } from '../../native-adapters/files/readTextInput.js';
import { cliErrorOf } from './cliError.js';

/**
 * Read a recording file for the CLI: bounded (at most 256 MiB; `/dev/zero` or an endless pipe is
 * refused, never read to the end), binary data refused, UTF-8 (with or without Excel's byte-order
 * mark), UTF-16 LE/BE or Latin-1 (see native-adapters/files/readTextInput.ts). Failures are
 * one-line `CliError`s naming the file.
 */
export async function readTextFile(file: string): Promise<string> {
  try {
    return (await readTextInput(file)).text;
  } catch (e) {
    if (e instanceof TextInputError) throw cliErrorOf(e);
    throw e;
  }
}
