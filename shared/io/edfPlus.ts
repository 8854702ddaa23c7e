/**
 * A small EDF+ writer (Kemp & Olivan 2003, "European data format 'plus' (EDF+)"): one ordinary
 * signal sampled on a regular grid plus the "EDF Annotations" signal, written as EDF+C (continuous).
 * No maintained JavaScript EDF writer exists, so this is written here; it is pure (no Node, no DOM)
 * and yields the file in pieces.
 *
 * - Header: 256 bytes + 256 per signal, US-ASCII, every field left-aligned and space-padded.
 * - Digital range −32768…32767. The real samples use −32767…32767; −32768 (the digital minimum, one
 *   step below the lowest real value) marks a sample with no data (a gap, a lost sample, the padding
 *   of the last record). The physical minimum/maximum are written in the header's 8 characters
 *   FIRST and the scaling is computed from those written numbers, so a reader recovers every real
 *   sample to within half a digital step.
 * - Annotations: each data record starts with its time-keeping TAL (`+<start>␔␔␀`), then the
 *   annotations whose onset falls in that record (`+<onset>[␕<duration>]␔<text>␔␀`), UTF-8.
 */

export interface EdfAnnotation {
  /** Seconds from the file start (header start date/time). */
  onsetSec: number;
  durationSec?: number;
  text: string;
}

export interface EdfSignal {
  label: string;
  transducer: string;
  physicalDimension: string;
  prefiltering: string;
  /** Samples per data record (fs × record duration, a whole number). */
  samplesPerRecord: number;
  /** The samples on the regular grid; NaN = no data. */
  values: Float32Array;
}

export interface EdfPlusInput {
  /** EDF+ local patient identification: "code sex birthdate name" (see `edfPatientField`). */
  patient: string;
  /** EDF+ local recording identification: "Startdate dd-MMM-yyyy admincode technician equipment". */
  recording: string;
  /** Start of the file (local time of the recording), whole seconds. */
  start: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  recordDurationSec: number;
  /** Start of the first data record, seconds after `start` (0 ≤ offset; written in the first TAL). */
  firstRecordOffsetSec: number;
  signal: EdfSignal;
  annotations: readonly EdfAnnotation[];
}

export interface EdfPlusFile {
  header: Uint8Array;
  numRecords: number;
  /** The header values of the ordinary signal (as written). */
  physicalMin: number;
  physicalMax: number;
  annotationSamplesPerRecord: number;
  /** The whole file, header first. */
  chunks(): Generator<Uint8Array>;
}

export const EDF_DIGITAL_MIN = -32768;
export const EDF_DIGITAL_MAX = 32767;
/** The digital value of a sample with no data. */
export const EDF_NO_DATA = EDF_DIGITAL_MIN;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Printable US-ASCII without spaces (EDF+ subfields): accents dropped, spaces → '_', others → '_'; empty → 'X'. */
export function edfSubfield(text: string): string {
  const t = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^\x21-\x7e]/g, '_');
  return t === '' ? 'X' : t;
}

/** `edfDate` — "02-AUG-1951" of an ISO date (yyyy-mm-dd); 'X' when null or malformed. */
export function edfDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return 'X';
  return `${m[3]}-${MONTHS[Number(m[2]) - 1]}-${m[1]}`;
}

/** `edfPatientField` — "code sex birthdate name" (unknown subfields 'X'); `null` = anonymised "X X X X". */
export function edfPatientField(p: { code: string; sex?: 'M' | 'F' | null; birthDate?: string | null; name: string } | null): string {
  if (!p) return 'X X X X';
  return [edfSubfield(p.code), p.sex ?? 'X', edfDate(p.birthDate), edfSubfield(p.name)].join(' ');
}

/** A header field: US-ASCII, left-aligned, space-padded to `width` (longer text is cut). */
function field(text: string, width: number): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length >= width ? ascii.slice(0, width) : ascii + ' '.repeat(width - ascii.length);
}

/** A number in at most 8 characters, rounded toward −∞ (`down`) or +∞; null when it cannot be. */
export function edfNumber8(v: number, down: boolean): string | null {
  for (let d = 7; d >= 0; d--) {
    const scale = 10 ** d;
    const r = (down ? Math.floor(v * scale) : Math.ceil(v * scale)) / scale;
    let s = r.toFixed(d);
    if (d > 0) s = s.replace(/0+$/, '').replace(/\.$/, '');
    if (s === '-0') s = '0';
    if (s.length <= 8) return s;
  }
  return null;
}

/** A TAL time: sign and seconds, at most 6 decimals, no trailing zeros. */
export function talTime(sec: number): string {
  const s = (Math.round(Math.abs(sec) * 1e6) / 1e6).toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return (sec < 0 && s !== '0' ? '-' : '+') + s;
}

/** UTF-8 bytes of a string (shared/ has no TextEncoder). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function annotationTal(a: EdfAnnotation): string {
  const text = a.text.replace(/[\x00-\x1f]/g, ' ');
  const dur = a.durationSec !== undefined && a.durationSec > 0 ? `\x15${(Math.round(a.durationSec * 1e6) / 1e6).toString()}` : '';
  return `${talTime(a.onsetSec)}${dur}\x14${text}\x14\x00`;
}

/**
 * `buildEdfPlus` — the EDF+C file of `input` (see the file comment). Throws a RangeError when the
 * samples per record are not a whole number ≥ 1 or the signal's range cannot be written in 8 characters.
 */
export function buildEdfPlus(input: EdfPlusInput): EdfPlusFile {
  const { signal, recordDurationSec: dur } = input;
  const spr = signal.samplesPerRecord;
  if (!Number.isInteger(spr) || spr < 1) throw new RangeError(`samples per data record must be a whole number ≥ 1 (got ${spr})`);
  const values = signal.values;
  const numRecords = Math.max(1, Math.ceil(values.length / spr));

  // Physical range: written first, the scaling follows from the written text.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [-1, 1];
  if (hi - lo < 1e-6 * Math.max(1, Math.abs(hi))) [lo, hi] = [lo - 1, hi + 1];
  // One digital step below the lowest value is kept for "no data".
  const physMaxText = edfNumber8(hi, false);
  const physMinText = edfNumber8(lo - (hi - lo) / 65000, true);
  if (physMaxText === null || physMinText === null) throw new RangeError(`the signal range ${lo}…${hi} cannot be written in an EDF header`);
  const physMin = Number(physMinText);
  const physMax = Number(physMaxText);
  const step = (physMax - physMin) / (EDF_DIGITAL_MAX - EDF_DIGITAL_MIN);

  // Annotations per data record.
  const perRecord: string[] = Array.from({ length: numRecords }, (_, r) => `${talTime(input.firstRecordOffsetSec + r * dur)}\x14\x14\x00`);
  for (const a of input.annotations) {
    const r = Math.min(numRecords - 1, Math.max(0, Math.floor((a.onsetSec - input.firstRecordOffsetSec) / dur)));
    perRecord[r] += annotationTal(a);
  }
  const encoded = perRecord.map((t) => utf8Bytes(t));
  const annBytes = Math.max(...encoded.map((b) => b.length));
  const annSpr = Math.ceil(annBytes / 2);

  const s = input.start;
  const labels = [field(signal.label, 16), field('EDF Annotations', 16)];
  let h = '';
  h += field('0', 8);
  h += field(input.patient, 80);
  h += field(input.recording, 80);
  h += `${pad2(s.day)}.${pad2(s.month)}.${pad2(s.year % 100)}`;
  h += `${pad2(s.hour)}.${pad2(s.minute)}.${pad2(s.second)}`;
  h += field(String(256 * 3), 8);
  h += field('EDF+C', 44);
  h += field(String(numRecords), 8);
  h += field(edfNumber8(dur, false) ?? String(dur), 8);
  h += field('2', 4);
  h += labels.join('');
  h += field(signal.transducer, 80) + field('', 80);
  h += field(signal.physicalDimension, 8) + field('', 8);
  h += field(physMinText, 8) + field(String(EDF_DIGITAL_MIN), 8);
  h += field(physMaxText, 8) + field(String(EDF_DIGITAL_MAX), 8);
  h += field(String(EDF_DIGITAL_MIN), 8) + field(String(EDF_DIGITAL_MIN), 8);
  h += field(String(EDF_DIGITAL_MAX), 8) + field(String(EDF_DIGITAL_MAX), 8);
  h += field(signal.prefiltering, 80) + field('', 80);
  h += field(String(spr), 8) + field(String(annSpr), 8);
  h += field('', 32) + field('', 32);
  const header = utf8Bytes(h);
  if (header.length !== 768) throw new Error(`EDF header is ${header.length} bytes, expected 768`);

  function* chunks(): Generator<Uint8Array> {
    yield header;
    const recordBytes = 2 * (spr + annSpr);
    const recordsPerChunk = Math.max(1, Math.floor((1 << 20) / recordBytes));
    for (let r0 = 0; r0 < numRecords; r0 += recordsPerChunk) {
      const r1 = Math.min(numRecords, r0 + recordsPerChunk);
      const buf = new Uint8Array((r1 - r0) * recordBytes);
      const view = new DataView(buf.buffer);
      for (let r = r0; r < r1; r++) {
        const base = (r - r0) * recordBytes;
        for (let i = 0; i < spr; i++) {
          const v = values[r * spr + i];
          let d = EDF_NO_DATA;
          if (v !== undefined && Number.isFinite(v)) {
            d = Math.min(EDF_DIGITAL_MAX, Math.max(EDF_DIGITAL_MIN + 1, Math.round((v - physMin) / step) + EDF_DIGITAL_MIN));
          }
          view.setInt16(base + 2 * i, d, true);
        }
        buf.set(encoded[r]!, base + 2 * spr); // the rest stays 0
      }
      yield buf;
    }
  }

  return { header, numRecords, physicalMin: physMin, physicalMax: physMax, annotationSamplesPerRecord: annSpr, chunks };
}
