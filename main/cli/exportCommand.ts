import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXPORT_FORMATS, prepareSessionExport, type ExportFormat } from '../sessions/exportSession.js';
import { collectSessionZipParts, zipSession } from '../sessions/sessionZip.js';
import { chromiumPrintToPdf } from '../reports/printToPdf.js';
import { ReportError } from '../reports/reportError.js';
import { sessionReportHtml } from '../reports/reportFiles.js';
import { showText } from '../../shared/text/safeText.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { logAccess, withRecordsDb } from './dbOpen.js';

const USAGE = 'cadans export <sessionId> --format csv|rr|json|edf|zip [--out FILE] [--anonymise] [--db FILE]';

/** What is written: pieces of text or bytes. */
interface Chunks {
  chunks(): Iterable<string | Uint8Array>;
}

/** `cadans export` — one session as CSV (raw signal), RR text (NN intervals, ms) or JSON (everything). */
export const exportCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Export a session: csv = raw samples (time,ppg; seconds from the session start), rr = NN intervals in ms one per line ' +
    '(as Kubios imports them), json = everything about the session, edf = EDF+C with the PPG channel and an annotations ' +
    'signal (markers, gaps, pacer changes; --anonymise writes the patient as X X X X and leaves marker notes out), ' +
    'zip = csv, rr and json with the session report (PDF, Dutch, printed with headless Chromium) and a README, for a colleague. ' +
    'Writes to stdout unless --out is given; ' +
    'an existing --out file is never overwritten.',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    db: { type: 'string' },
    anonymise: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new CliError(`expected one session id (usage: ${USAGE})`, 2);
    const idText = positionals[0];
    if (!/^\d+$/.test(idText) || Number(idText) < 1 || !Number.isSafeInteger(Number(idText))) {
      throw new CliError(`session id must be a whole number ≥ 1 (got '${idText}')`, 2);
    }
    const format = values.format;
    if (typeof format !== 'string') throw new CliError(`--format is required (csv, rr, json, edf or zip) (usage: ${USAGE})`, 2);
    if (format !== 'zip' && !EXPORT_FORMATS.includes(format as ExportFormat)) throw new CliError(`--format must be csv, rr, json, edf or zip (got '${format}')`, 2);
    const anonymise = values.anonymise === true;
    if (anonymise && format !== 'edf') throw new CliError(`--anonymise applies to --format edf only`, 2);
    let out: string | null = null;
    if (typeof values.out === 'string') {
      if (values.out.trim() === '') throw new CliError('--out needs a file name', 2);
      out = resolve(values.out);
      if (existsSync(out)) throw new CliError(`${showText(out, 300)} already exists; Cadans does not overwrite it. Choose another file name.`);
    }
    await withRecordsDb(values.db, { mustExist: true }, async (storage) => {
      const prepared: Chunks = format === 'zip' ? await zipExport(storage, Number(idText)) : prepareSessionExport(storage, Number(idText), format as ExportFormat, { anonymise });
      if (out) writeExportFile(prepared, out);
      else await writeToStdout(prepared);
    });
    const sessionId = Number(idText);
    logAccess(values.db, (s) => ({ action: 'export', clientId: s.sessions.require(sessionId).clientId, sessionId, detail: `cadans export ${format}${anonymise ? ' anonymised' : ''}` }));
    if (out) process.stderr.write(`Exported session ${idText} (${format}) to ${showText(out, 300)}\n`);
    return 0;
  },
};

/** The zip of a session (sessionZip.ts), its report printed by headless Chromium in Dutch. */
async function zipExport(storage: Parameters<typeof collectSessionZipParts>[0], sessionId: number): Promise<Chunks> {
  const session = storage.sessions.require(sessionId);
  const parts = collectSessionZipParts(storage, sessionId);
  try {
    const pdf = await chromiumPrintToPdf()(sessionReportHtml(storage, sessionId, { lang: 'nl' }));
    const { bytes } = zipSession(sessionId, parts, pdf, 'nl', new Date(session.startedAt));
    return { chunks: () => [bytes] };
  } catch (e) {
    if (e instanceof ReportError) throw new CliError(e.message.split('\n')[0]!);
    throw e;
  }
}

/** Write to a temporary file next to `out`, then link it into place (fails if `out` appeared meanwhile). */
function writeExportFile(prepared: Chunks, out: string): void {
  const tmp = `${out}.partial-${process.pid}-${Date.now()}`;
  let fd: number;
  try {
    // Client data: readable by the user only (0600), whatever the umask.
    fd = openSync(tmp, 'wx', 0o600);
  } catch (e) {
    throw new CliError(`cannot write in ${dirname(out)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    try {
      fchmodSync(fd, 0o600);
      for (const chunk of prepared.chunks()) {
        if (typeof chunk === 'string') writeSync(fd, chunk);
        else for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${out} already exists; Cadans does not overwrite it. Choose another file name.`);
    throw new CliError(`cannot write ${out}: ${code ?? (e as Error).message}`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

/** Write to stdout with back-pressure; a closed pipe (`| head`) ends the export quietly. */
async function writeToStdout(prepared: Chunks): Promise<void> {
  let closed = false;
  const onError = (e: NodeJS.ErrnoException): void => {
    closed = true;
    if (e.code !== 'EPIPE') process.stderr.write(`cadans export: cannot write to stdout: ${e.code ?? e.message}\n`);
  };
  // Stays attached: a late EPIPE of the last chunk must not crash the process either.
  process.stdout.on('error', onError);
  for (const chunk of prepared.chunks()) {
    if (closed) break;
    if (!process.stdout.write(chunk)) {
      await new Promise<void>((r) => {
        const done = (): void => {
          process.stdout.off('drain', done);
          process.stdout.off('error', done);
          r();
        };
        process.stdout.on('drain', done);
        process.stdout.on('error', done);
      });
    }
  }
}
