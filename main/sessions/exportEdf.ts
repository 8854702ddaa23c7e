/**
 * `edf` export of a session: EDF+C (shared/io/edfPlus.ts) with the stored PPG channel at its real
 * sample rate and an "EDF Annotations" signal with the pacer settings (at the start and at every
 * change), the markers, the gaps recorded live and the holes between stored signal chunks.
 *
 * EDF+C, not EDF+D: the stored chunks are laid on one sample grid from the first stored sample
 * (a later chunk starts at the nearest grid sample, at most half a sample from its stored time), and
 * every sample without data (a hole between chunks, a lost sample, the padding of the last record)
 * is the digital minimum −32768, one step below the lowest real value, and is annotated. EDF+C is
 * read correctly by every EDF reader (MNE reads EDF+D as if it were continuous); data records are
 * 1 s long when the rate is a whole number of Hz (else the shortest whole-sample length up to 10 s).
 *
 * The patient field is "code sex birthdate name" (code `cadans-client-<id>`, sex unknown: X);
 * `anonymise` writes "X X X X", leaves the administration code out and writes marker kinds
 * without their free-text notes. The start date and time are local time, as EDF asks.
 */
import { buildEdfPlus, edfDate, edfPatientField, edfSubfield, type EdfAnnotation } from '../../shared/io/edfPlus.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import { DEFAULT_CHANNEL } from '../storage/signalRepo.js';
import type { Storage } from '../storage/storage.js';
import { ExportError } from './exportError.js';

export interface EdfExportOptions {
  anonymise?: boolean;
}


/** Shortest data-record length (s) holding a whole number of samples at `fsHz`, or null. */
export function edfRecordDuration(fsHz: number): number | null {
  for (const d of [1, 2, 4, 5, 10, 0.5, 0.2, 0.1]) {
    const n = fsHz * d;
    if (Math.abs(n - Math.round(n)) < 1e-6 && Math.round(n) >= 1) return d;
  }
  return null;
}

const num = (n: number): string => String(Math.round(n * 100) / 100);

/** "Pacer 6/min, in 40 %, holds 0/0 s". */
export function pacerAnnotationText(p: PacerSettings): string {
  return `Pacer ${num(p.rateBpm)}/min, in ${Math.round(p.inhaleFraction * 100)} %, holds ${num(p.holdInSec ?? 0)}/${num(p.holdOutSec ?? 0)} s`;
}

const isPacer = (x: unknown): x is PacerSettings =>
  typeof x === 'object' && x !== null && typeof (x as PacerSettings).rateBpm === 'number' && typeof (x as PacerSettings).inhaleFraction === 'number';

/** `prepareEdfExport` — the EDF+ file of a session, in pieces. Throws `NotFoundError` / `ExportError`. */
export function prepareEdfExport(storage: Storage, sessionId: number, opts: EdfExportOptions = {}): { fileName: string; chunks: () => Generator<Uint8Array> } {
  const o = storage.sessions.getOverview(sessionId);
  const s = o.session;
  const segments = storage.signal.read(sessionId, { channel: DEFAULT_CHANNEL });
  if (segments.length === 0) {
    throw new ExportError('export.noSignal', { sessionId, target: 'edf', intervals: 'yes' });
  }
  const fs = segments[0]!.fsHz;
  if (segments.some((g) => g.fsHz !== fs)) throw new ExportError('export.edfRateChanges', { sessionId });
  const dur = edfRecordDuration(fs);
  if (dur === null) throw new ExportError('export.edfNoRecord', { sessionId, fs });

  // One grid from the first stored sample; NaN where nothing was stored.
  const g0 = segments[0]!.t0Sec;
  const last = segments[segments.length - 1]!;
  const total = Math.round((last.t0Sec - g0) * fs) + last.values.length;
  const values = new Float32Array(total).fill(NaN);
  const annotations: EdfAnnotation[] = [];
  const startedMs = Date.parse(s.startedAt);
  const fileStartMs = Math.floor((startedMs + g0 * 1000) / 1000) * 1000;
  const onset = (tSec: number): number => (startedMs - fileStartMs) / 1000 + tSec;
  let prevEnd: number | null = null;
  for (const seg of segments) {
    const i0 = Math.round((seg.t0Sec - g0) * fs);
    values.set(seg.values.subarray(0, Math.max(0, total - i0)), i0);
    const start = g0 + i0 / fs;
    if (prevEnd !== null && start - prevEnd > 0.5 / fs) {
      const covered = o.gaps.some((g) => g.startSec < start && g.endSec > prevEnd!);
      if (!covered) annotations.push({ onsetSec: onset(prevEnd), durationSec: start - prevEnd, text: 'No signal stored' });
    }
    prevEnd = start + seg.values.length / fs;
  }

  const initialPacer: unknown = s.pacer;
  if (isPacer(initialPacer)) annotations.push({ onsetSec: onset(0), text: pacerAnnotationText(initialPacer) });
  for (const c of o.pacerChanges) {
    const settings: unknown = c.settings;
    if (isPacer(settings)) annotations.push({ onsetSec: onset(c.tSec), text: pacerAnnotationText(settings) });
  }
  for (const m of o.markers) {
    annotations.push({ onsetSec: onset(m.tSec), text: opts.anonymise || m.note.trim() === '' ? `Marker ${m.kind}` : `Marker ${m.kind}: ${m.note}` });
  }
  for (const g of o.gaps) annotations.push({ onsetSec: onset(g.startSec), durationSec: g.endSec - g.startSec, text: `Gap: ${g.reason}` });
  annotations.sort((a, b) => a.onsetSec - b.onsetSec);

  const start = new Date(fileStartMs);
  const isoDay = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
  const sensorKind = s.sensorSpec.split(':')[0] ?? '';
  const file = buildEdfPlus({
    patient: opts.anonymise ? edfPatientField(null) : edfPatientField({ code: `cadans-client-${o.client.id}`, birthDate: o.client.dateOfBirth, name: o.client.name }),
    recording: `Startdate ${edfDate(isoDay)} ${opts.anonymise ? 'X' : `cadans-session-${sessionId}`} X ${edfSubfield(`Cadans_${sensorKind}`)}`,
    start: { year: start.getFullYear(), month: start.getMonth() + 1, day: start.getDate(), hour: start.getHours(), minute: start.getMinutes(), second: start.getSeconds() },
    recordDurationSec: dur,
    firstRecordOffsetSec: onset(g0),
    signal: { label: 'Pleth PPG', transducer: 'PPG sensor', physicalDimension: 'a.u.', prefiltering: 'None', samplesPerRecord: Math.round(fs * dur), values },
    annotations,
  });
  return { fileName: `cadans-session-${sessionId}.edf`, chunks: () => file.chunks() };
}
