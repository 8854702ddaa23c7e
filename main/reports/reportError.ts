/** A report cannot be made (unknown course of a client, unknown output type, PDF printer missing ...); one-sentence message. */
export class ReportError extends Error {
  override readonly name = 'ReportError';
}
