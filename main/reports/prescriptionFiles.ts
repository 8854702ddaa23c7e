/**
 * The files of a home-practice prescription: `handout.pdf` (one A4 page, printed like the other
 * reports) and `pacer.wav` (the audio pacer) in one folder. Both are written next to their target
 * and linked into place, so nothing is ever overwritten; when the second fails the first is removed.
 */
import { existsSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { localIsoDate } from '../../shared/domain/dates.js';
import { prescribedBreaths, prescriptionPacer, type PrescriptionSettings } from '../../shared/domain/prescription.js';
import type { IsoDate } from '../../shared/domain/types.js';
import { pacerLinkText } from '../../shared/pacer/pacerLink.js';
import { pacerTiming } from '../../shared/pacer/pacerSettings.js';
import { renderPrescriptionHandout } from '../../shared/report/prescriptionHandout.js';
import { lastResonanceRate } from '../sessions/resonanceDefaults.js';
import type { Storage } from '../storage/storage.js';
import { writePacerAudioFile } from './pacerAudioFile.js';
import type { PrintToPdf } from './printToPdf.js';
import { qrMatrixOf } from './qrMatrix.js';
import { ReportError } from './reportError.js';
import { writeReportFile } from './reportFiles.js';

export const HANDOUT_FILE = 'handout.pdf';
export const AUDIO_FILE = 'pacer.wav';

export interface PrescriptionFiles {
  handout: string;
  audio: string;
}

/** `prescriptionHandoutHtml` — the handout of `p` for a client (their last resonance result from storage). */
export function prescriptionHandoutHtml(storage: Storage, clientId: number, p: PrescriptionSettings & { date: IsoDate }, now: Date = new Date()): string {
  const client = storage.clients.require(clientId);
  const resonance = lastResonanceRate(storage, clientId);
  const text = pacerLinkText(p);
  return renderPrescriptionHandout({
    client: { id: client.id, name: client.name },
    prescription: p,
    timing: pacerTiming(prescriptionPacer(p)),
    breaths: prescribedBreaths(p),
    lastResonance: resonance && { rateBpm: resonance.rateBpm, startedAt: resonance.startedAt },
    qr: { text, matrix: qrMatrixOf(text) },
    generatedAt: now.toISOString(),
  });
}

/**
 * `checkOutputFolder` — the folder for the files: created when missing; refused (ReportError) when
 * it is a file or already holds a handout or audio file. Call before storing anything.
 */
export function checkOutputFolder(dir: string): PrescriptionFiles {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ReportError(`${dir} is a file, not a folder; give a folder for the handout and the audio`);
  const files = { handout: join(dir, HANDOUT_FILE), audio: join(dir, AUDIO_FILE) };
  for (const f of [files.handout, files.audio]) {
    if (existsSync(f)) throw new ReportError(`${f} already exists; Cadans does not overwrite it. Choose another folder.`);
  }
  return files;
}

/** `writePrescriptionFiles` — write handout.pdf and pacer.wav into `dir`. Throws `ReportError`. */
export async function writePrescriptionFiles(
  storage: Storage,
  clientId: number,
  p: PrescriptionSettings & { date?: IsoDate },
  dir: string,
  opts: { print?: PrintToPdf; now?: Date } = {},
): Promise<PrescriptionFiles> {
  const now = opts.now ?? new Date();
  const files = checkOutputFolder(dir);
  const html = prescriptionHandoutHtml(storage, clientId, { ...p, date: p.date ?? localIsoDate(now) }, now);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ReportError(`cannot create the folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  await writeReportFile(html, files.handout, { print: opts.print });
  try {
    writePacerAudioFile(files.audio, prescriptionPacer(p), prescribedBreaths(p));
  } catch (e) {
    unlinkSync(files.handout);
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportError(code === 'EEXIST' ? `${files.audio} already exists; Cadans does not overwrite it.` : `cannot write ${files.audio}: ${code ?? (e as Error).message}`);
  }
  return files;
}
