/**
 * `replayLabel` — how a replayed recording file (`file:` spec) is named next to the sensor and in
 * `cadans monitor`, in Dutch or English: the file's name, what it holds (PPG CSV at its rate, or
 * RR intervals), its length and the playback speed. The English label is also the source's
 * `info.label` (logs, `--json` outputs).
 */
import { formatTemplate } from '../i18n/messageFormat.js';
import type { Locale } from '../i18n/locales.js';

/** What a replay source knows about its file (`SensorSourceInfo.replay`). */
export interface ReplayInfo {
  /** The file's name (no folder), control characters stripped. */
  file: string;
  /** Absent until the file is read. */
  format?: 'ppg-csv' | 'rr';
  fsHz?: number;
  durationSec?: number;
  /** Signal seconds per wall second. */
  speed: number;
}

const TEMPLATES: Record<Locale, { read: string; open: string }> = {
  en: {
    read: 'Replay of {file} ({format, select, rr {RR intervals} other {PPG CSV, {fs, number} Hz}}, {sec, number, ::group-off} s{fast, select, yes {, {speed, number}× speed} other {}})',
    open: 'Replay of {file}{fast, select, yes { at {speed, number}× speed} other {}}',
  },
  nl: {
    read: 'Opname {file} ({format, select, rr {RR-intervallen} other {PPG-CSV, {fs, number} Hz}}, {sec, number, ::group-off} s{fast, select, yes {, {speed, number}× sneller} other {}})',
    open: 'Opname {file}{fast, select, yes {, {speed, number}× sneller} other {}}',
  },
};

export function replayLabel(r: ReplayInfo, locale: Locale): string {
  const t = TEMPLATES[locale] ?? TEMPLATES.en;
  const fast = r.speed !== 1 ? 'yes' : 'no';
  if (r.format === undefined || r.durationSec === undefined) return formatTemplate(locale, t.open, { file: r.file, fast, speed: r.speed });
  const fs = r.fsHz !== undefined ? Math.round(r.fsHz * 100) / 100 : 0;
  return formatTemplate(locale, t.read, { file: r.file, format: r.format, fs, sec: Math.round(r.durationSec), fast, speed: r.speed });
}
