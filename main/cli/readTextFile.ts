import { readFileSync, statSync } from 'node:fs';
import { CliError } from './cliError.js';

/** Read a text file for the CLI, turning file-system errors into one-line messages. */
export function readTextFile(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code ?? (e as Error).message}`);
  }
  if (st.isDirectory()) throw new CliError(`${file} is a folder, not a recording`);
  try {
    return readFileSync(file, 'latin1');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
