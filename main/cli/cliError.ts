/** An error whose message is shown to the user as one line (no stack trace). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    /** Process exit code: 2 = usage, 1 = everything else. */
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
