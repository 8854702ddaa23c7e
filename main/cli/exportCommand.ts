import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXPORT_FORMATS, prepareSessionExport, type ExportFormat } from '../sessions/exportSession.js';
import { collectSessionZipParts, zipSession } from '../sessions/sessionZip.js';
import { chromiumPrintToPdf } from '../reports/printToPdf.js';
import { ReportError } from '../reports/reportError.js';
import { sessionReportHtml } from '../reports/reportFiles.js';
import { showText } from '../../shared/text/safeText.js';
import { cliError, cliErrorOf } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { logAccess, withRecordsDb } from './dbOpen.js';


/** What is written: pieces of text or bytes. */
interface Chunks {
  chunks(): Iterable<string | Uint8Array>;
}

/** `cadans export` — one session as CSV (raw signal), RR text (NN intervals, ms), JSON (everything), EDF+ or a zip of them with the report. */
export const exportCommand: CliCommand = {
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    db: { type: 'string' },
    anonymise: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw cliError('export.expectedOneId', { usage: usageOf('export') }, 2);
    const idText = positionals[0];
    if (!/^\d+$/.test(idText) || Number(idText) < 1 || !Number.isSafeInteger(Number(idText))) {
      throw cliError('cli.badId', { what: 'session', got: idText }, 2);
    }
    const format = values.format;
    if (typeof format !== 'string') throw cliError('export.formatRequired', { usage: usageOf('export') }, 2);
    if (format !== 'zip' && !EXPORT_FORMATS.includes(format as ExportFormat)) throw cliError('export.format', { got: format }, 2);
    const anonymise = values.anonymise === true;
    if (anonymise && format !== 'edf') throw cliError('export.anonymiseEdfOnly', {}, 2);
    let out: string | null = null;
    if (typeof values.out === 'string') {
      if (values.out.trim() === '') throw cliError('cli.outNeedsFile', {}, 2);
      out = resolve(values.out);
      if (existsSync(out)) throw cliError('cli.exists', { file: showText(out, 300) });
    }
    await withRecordsDb(values.db, { mustExist: true }, async (storage) => {
      const prepared: Chunks = format === 'zip' ? await zipExport(storage, Number(idText)) : prepareSessionExport(storage, Number(idText), format as ExportFormat, { anonymise });
      if (out) writeExportFile(prepared, out);
      else await writeToStdout(prepared);
    });
    const sessionId = Number(idText);
    logAccess(values.db, (s) => ({ action: 'export', clientId: s.sessions.require(sessionId).clientId, sessionId, detail: `cadans export ${format}${anonymise ? ' anonymised' : ''}` }));
    if (out) process.stderr.write(cliText(cliLocale(), 'export.done', { id: idText, format, file: showText(out, 300) }) + '\n');
    return 0;
  },
};

/** The zip of a session (sessionZip.ts), its report printed by headless Chromium in the CLI's language. */
async function zipExport(storage: Parameters<typeof collectSessionZipParts>[0], sessionId: number): Promise<Chunks> {
  const session = storage.sessions.require(sessionId);
  const parts = collectSessionZipParts(storage, sessionId);
  try {
    const lang = cliLocale();
    const pdf = await chromiumPrintToPdf()(sessionReportHtml(storage, sessionId, { lang }));
    const { bytes } = zipSession(sessionId, parts, pdf, lang, new Date(session.startedAt));
    return { chunks: () => [bytes] };
  } catch (e) {
    if (e instanceof ReportError) throw cliErrorOf(e, e.message.split('\n')[0]!);
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
    throw cliError('export.cannotWriteIn', { dir: dirname(out), detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
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
    if (code === 'EEXIST') throw cliError('cli.exists', { file: out });
    throw cliError('export.cannotWrite', { file: out, detail: code ?? (e as Error).message });
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
    if (e.code !== 'EPIPE') process.stderr.write(`cadans export: ${cliText(cliLocale(), 'cli.stdout', { detail: e.code ?? e.message })}\n`);
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
