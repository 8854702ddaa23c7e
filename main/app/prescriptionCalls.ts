/**
 * `PrescriptionCalls` — home practice on the client page: store a prescription (checked as
 * `cadans prescribe` checks it; problems in the UI's language, nothing stored), list a client's
 * prescriptions, and download a prescription's handout (PDF, printed like the reports) or audio
 * pacer (WAV). Creating and downloading are access-logged.
 */
import { checkPrescription, prescribedBreaths, prescriptionPacer, type Prescription } from '../../shared/domain/prescription.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import type { Locale } from '../../shared/ipc/apiTypes.js';
import type { PrescriptionFileRequest, PrescriptionRequest, PrescriptionSaveResult } from '../../shared/ipc/prescriptionTypes.js';
import type { DownloadFile } from '../../shared/ipc/recordTypes.js';
import { int16Bytes, wavHeader, WAV_HEADER_BYTES } from '../../shared/io/wavFile.js';
import { PacerAudioRenderer } from '../../shared/pacer/pacerAudio.js';
import { prescriptionHandoutHtml } from '../reports/prescriptionFiles.js';
import type { PrintToPdf } from '../reports/printToPdf.js';
import type { Storage } from '../storage/storage.js';

/** The audio pacer as WAV bytes (one prescription's practice, at most 60 min ≈ 160 MB). */
export function pacerWavBytes(p: Prescription): Uint8Array {
  const r = new PacerAudioRenderer(prescriptionPacer(p), prescribedBreaths(p));
  const out = new Uint8Array(WAV_HEADER_BYTES + 2 * r.totalSamples);
  out.set(wavHeader(r.sampleRate, r.totalSamples), 0);
  let off = WAV_HEADER_BYTES;
  while (!r.done) {
    const b = int16Bytes(r.next(r.sampleRate * 10));
    out.set(b, off);
    off += b.length;
  }
  return out;
}

export class PrescriptionCalls {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
    private readonly locale: () => Locale,
    private readonly printToPdf: () => PrintToPdf,
  ) {}

  listPrescriptions(clientId: number): Prescription[] {
    this.storage.clients.require(clientId);
    return this.storage.prescriptions.listByClient(clientId).reverse();
  }

  createPrescription(request: PrescriptionRequest): PrescriptionSaveResult {
    this.storage.clients.require(request.clientId);
    const v = checkPrescription(request, this.locale() === 'en' ? 'en' : 'nl');
    if (!v.ok) return { ok: false, errors: v.errors };
    const p = this.storage.prescriptions.create({ ...v.value, clientId: request.clientId }, this.now());
    this.storage.accessLog.append({ action: 'create', clientId: p.clientId, detail: `createPrescription ${p.id}` });
    return { ok: true, value: p };
  }

  async getPrescriptionFile(request: PrescriptionFileRequest): Promise<DownloadFile> {
    const p = this.storage.prescriptions.get(request.prescriptionId);
    if (!p) throw new CadansError('prescription.notFound', { id: request.prescriptionId });
    const file: DownloadFile =
      request.file === 'handout'
        ? { fileName: `cadans-handout-${p.id}.pdf`, mimeType: 'application/pdf', data: await this.printToPdf()(prescriptionHandoutHtml(this.storage, p.clientId, p, this.now())) }
        : { fileName: `cadans-pacer-${p.id}.wav`, mimeType: 'audio/wav', data: pacerWavBytes(p) };
    this.storage.accessLog.append({ action: 'export', clientId: p.clientId, detail: `getPrescriptionFile ${p.id} ${request.file}` });
    return file;
  }
}
