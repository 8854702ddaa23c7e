/**
 * A session as one zip for a colleague (issue 16): in a folder `cadans-session-<id>/` the raw
 * signal CSV, the Kubios RR text, the JSON with everything, the session report as PDF, and a
 * README naming the files (and why one is missing: an imported RR file has no raw signal). Built
 * with fflate (no native code). The exports are the ones `prepareSessionExport` writes, byte for
 * byte; `collectSessionZipParts` reads them (CLI), the app gets them from its heavy-work worker.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Storage } from '../storage/storage.js';
import { ExportError } from './exportError.js';
import { prepareSessionExport } from './exportSession.js';
import { codedMessage, errorText, type CodedMessage } from '../../shared/i18n/CadansError.js';

/** The files of the zip besides the report, in order. */
export const ZIP_PARTS = ['csv', 'rr', 'json'] as const;
export type ZipPart = (typeof ZIP_PARTS)[number];

/** One part: its text/bytes, or why there is none (one sentence). */
/** A part of the zip, or why the session has none (coded: the README says it in the zip's language). */
export type SessionZipPart = { format: ZipPart; data: string | Uint8Array } | { format: ZipPart; omitted: CodedMessage };

const NAMES: Record<ZipPart, (id: number) => string> = {
  csv: (id) => `cadans-session-${id}-signal.csv`,
  rr: (id) => `cadans-session-${id}-rr.txt`,
  json: (id) => `cadans-session-${id}.json`,
};
const reportName = (id: number): string => `cadans-session-${id}-report.pdf`;

const README: Record<'nl' | 'en', { title: string; parts: Record<ZipPart | 'pdf', string>; missing: string }> = {
  nl: {
    title: 'Cadans-sessie {id}',
    parts: {
      csv: 'ruw PPG-signaal (tijd in s vanaf het begin, ppg)',
      rr: 'NN-intervallen in ms, één per regel (voor Kubios)',
      json: 'alles van de sessie (sessie, pacer, markeringen, slagen, metingen, samenvatting, signaal)',
      pdf: 'sessierapport',
    },
    missing: 'ontbreekt',
  },
  en: {
    title: 'Cadans session {id}',
    parts: {
      csv: 'raw PPG signal (time in s from the start, ppg)',
      rr: 'NN intervals in ms, one per line (for Kubios)',
      json: 'everything about the session (session, pacer, markers, beats, metrics, summary, signal)',
      pdf: 'session report',
    },
    missing: 'missing',
  },
};

const bytesOf = (d: string | Uint8Array): Uint8Array => (typeof d === 'string' ? new TextEncoder().encode(d) : d);

/** The export of `format` as one piece, or why the session has none (an `ExportError`). */
export function collectSessionZipParts(storage: Storage, sessionId: number): SessionZipPart[] {
  return ZIP_PARTS.map((format): SessionZipPart => {
    try {
      const parts = [...prepareSessionExport(storage, sessionId, format).chunks()].map(bytesOf);
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let off = 0;
      for (const p of parts) {
        out.set(p, off);
        off += p.length;
      }
      return { format, data: out };
    } catch (e) {
      if (e instanceof ExportError) return { format, omitted: codedMessage(e) };
      throw e;
    }
  });
}

/** The zip's file name. */
export const sessionZipName = (sessionId: number): string => `cadans-session-${sessionId}.zip`;

/** The zip: the parts, the report PDF and a README in `lang`; entries dated `mtime`. Returns the bytes and the entry names. */
export function zipSession(
  sessionId: number,
  parts: readonly SessionZipPart[],
  reportPdf: Uint8Array,
  lang: 'nl' | 'en',
  mtime: Date,
): { bytes: Uint8Array; entries: string[] } {
  const dir = `cadans-session-${sessionId}/`;
  const words = README[lang];
  const files: Zippable = {};
  const lines = [words.title.replace('{id}', String(sessionId)), ''];
  for (const p of parts) {
    if ('data' in p) {
      files[dir + NAMES[p.format](sessionId)] = bytesOf(p.data);
      lines.push(`${NAMES[p.format](sessionId)}: ${words.parts[p.format]}`);
    } else lines.push(`${NAMES[p.format](sessionId)}: ${words.missing} — ${errorText(lang, p.omitted)}`);
  }
  files[dir + reportName(sessionId)] = reportPdf;
  lines.push(`${reportName(sessionId)}: ${words.parts.pdf}`);
  files[dir + 'README.txt'] = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
  // zip stores local times from 1980 on; a session is never older.
  const bytes = zipSync(files, { level: 6, mtime: mtime.getTime() < Date.UTC(1980, 1, 1) ? new Date() : mtime });
  return { bytes, entries: Object.keys(files) };
}
