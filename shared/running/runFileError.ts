import { CadansError } from '../i18n/CadansError.js';

/** A run file that cannot be imported: a coded, one-line message (nl/en) naming the file. */
export type RunFileProblem = 'tooLarge' | 'unknownFormat' | 'notFit' | 'truncated' | 'corrupt' | 'noPoints' | 'tooLong' | 'unreadable' | 'alreadyImported';

export class RunFileError extends CadansError {
  override readonly name = 'RunFileError';
  constructor(
    readonly problem: RunFileProblem,
    params: { file: string; detail?: string; mb?: number; hours?: number; points?: number; sessionId?: number },
  ) {
    super(`runFile.${problem}`, { ...params });
  }
}
