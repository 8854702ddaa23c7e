/**
 * Reports as files: HTML of a stored session / client / group (`sessionReportHtml`, `progressReportHtml`,
 * `groupReportHtml`)
 * and writing it as `.html` or, through a `PrintToPdf`, as `.pdf` (`writeReportFile`). Files are
 * written next to their target first and then moved into place, so a failed print leaves nothing.
 */
import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { renderGroupReport } from '../../shared/report/groupReport.js';
import { renderProgressReport } from '../../shared/report/progressReport.js';
import type { ReportOptions } from '../../shared/report/reportTypes.js';
import { renderSessionReport } from '../../shared/report/sessionReport.js';
import type { Storage } from '../storage/storage.js';
import { loadGroupReportInput, type GroupReportSelection } from './loadGroupReport.js';
import { loadProgressReportInput, type ProgressReportSelection } from './loadProgressReport.js';
import { loadSessionReportInput } from './loadSessionReport.js';
import { chromiumPrintToPdf, type PrintToPdf } from './printToPdf.js';
import { ReportError } from './reportError.js';

export type ReportFileType = 'html' | 'pdf';

/** The output type from the file name (`.html`/`.htm` or `.pdf`, any case), or null. */
export function reportFileType(file: string): ReportFileType | null {
  const ext = extname(file).toLowerCase();
  return ext === '.pdf' ? 'pdf' : ext === '.html' || ext === '.htm' ? 'html' : null;
}

export interface ReportRenderOptions extends ReportOptions {
  /** "Generated on" time (default now). */
  now?: Date;
}

/** `sessionReportHtml` — the session report of a stored session. Throws `NotFoundError`. */
export function sessionReportHtml(storage: Storage, sessionId: number, opts: ReportRenderOptions): string {
  return renderSessionReport(loadSessionReportInput(storage, sessionId, { now: opts.now }), opts);
}

/** `progressReportHtml` — the progress report of a client (or one of its courses). Throws `NotFoundError` / `ReportError`. */
export function progressReportHtml(storage: Storage, sel: Omit<ProgressReportSelection, 'now'>, opts: ReportRenderOptions): string {
  return renderProgressReport(loadProgressReportInput(storage, { ...sel, now: opts.now }), opts);
}

/** `groupReportHtml` — the group summary of a group session (anonymised unless `names`). Throws `NotFoundError`. */
export function groupReportHtml(storage: Storage, sel: Omit<GroupReportSelection, 'now'>, opts: ReportRenderOptions): string {
  return renderGroupReport(loadGroupReportInput(storage, { ...sel, now: opts.now }), opts);
}

export interface WriteReportOptions {
  /** PDF printer (default: headless Chromium). */
  print?: PrintToPdf;
  /** Replace an existing file (default false: refuse). */
  overwrite?: boolean;
}

/**
 * `writeReportFile` — write `html` to `file` as HTML or PDF (by extension). Throws `ReportError`
 * for an unknown extension, an existing file (without `overwrite`), a failed print or write.
 */
export async function writeReportFile(html: string, file: string, opts: WriteReportOptions = {}): Promise<{ file: string; type: ReportFileType; bytes: number }> {
  const type = reportFileType(file);
  if (!type) throw new ReportError(`the output file must end in .pdf or .html (got '${file}')`);
  if (!opts.overwrite && existsSync(file)) throw new ReportError(`${file} already exists; Cadans does not overwrite it. Choose another file name.`);
  const data = type === 'pdf' ? await (opts.print ?? chromiumPrintToPdf())(html) : new TextEncoder().encode(html);
  const tmp = `${file}.partial-${process.pid}-${Date.now()}`;
  let fd: number;
  try {
    // Client data: readable by the user only (0600), whatever the umask.
    fd = openSync(tmp, 'wx', 0o600);
  } catch (e) {
    throw new ReportError(`cannot write in ${dirname(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    try {
      fchmodSync(fd, 0o600);
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.overwrite) renameSync(tmp, file);
    else linkSync(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ReportError(`${file} already exists; Cadans does not overwrite it. Choose another file name.`);
    throw new ReportError(`cannot write ${file}: ${code ?? (e as Error).message}`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // renamed, or never created
    }
  }
  return { file, type, bytes: data.length };
}
