/**
 * What a live recording tells the user about saving its data when the disk is full
 * (`StorageNotice`: a code with numbers), and `formatStorageNotice` — the same as one sentence
 * in Dutch or English, for the app and for `cadans record`. Nothing here says "internal error":
 * every notice says what happened to the data and what the user can do.
 */
export type StorageNoticeCode =
  /** The disk is full: the newest data is kept in memory and saved as soon as there is room (repeated while it lasts). */
  | 'disk-full'
  /** There was room again: everything kept in memory is saved in the database. */
  | 'saved'
  /** The memory reserve is used up: newer data is not kept (a gap is recorded) until there is room. */
  | 'dropping'
  /** The recording was stopped while the disk is full: waiting for room before it can be closed. */
  | 'waiting-to-stop'
  /** The recording could not be saved in the database and was saved in full in another file. */
  | 'overflow-saved'
  /** The user gave up waiting: the data kept in memory was not saved. */
  | 'abandoned';

export interface StorageNotice {
  code: StorageNoticeCode;
  sessionId: number;
  /** Seconds of recording kept in memory, not yet in the database. */
  heldSec: number;
  /** The memory reserve, s (disk-full, dropping). */
  maxHeldSec?: number;
  /** Recording time from which data is not kept (dropping), s. */
  fromSec?: number;
  /** The database (disk-full, waiting-to-stop) or the file the recording was saved in (overflow-saved). */
  file?: string;
  /** Whether a folder on another disk was given to save a stuck recording in (waiting-to-stop). */
  hasOverflowDir?: boolean;
}

export type StorageNoticeLocale = 'nl' | 'en';

/** Who shows the notice: the command line (`cadans record`) or the app (which asks with buttons). */
export type StorageNoticeHost = 'cli' | 'app';

const dur = (sec: number | undefined): string => {
  const s = Math.max(0, Math.round(sec ?? 0));
  return s < 120 ? `${s} s` : s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

type Texts = Record<StorageNoticeCode, (n: StorageNotice, host: StorageNoticeHost) => string>;

const NL: Texts = {
  'disk-full': (n) =>
    `Schijf vol: ${dur(n.heldSec)} van sessie ${n.sessionId} nog niet opgeslagen; wordt in het geheugen bewaard ` +
    `(tot ${dur(n.maxHeldSec)}) en opgeslagen zodra er ruimte is. Maak ruimte vrij op de schijf van ${n.file ?? 'de database'}.`,
  saved: (n) => `Er is weer ruimte: ${dur(n.heldSec)} van sessie ${n.sessionId} die in het geheugen stond is opgeslagen; er is niets verloren.`,
  dropping: (n) =>
    `Schijf nog steeds vol: het geheugen voor sessie ${n.sessionId} is vol (${dur(n.maxHeldSec)}); de opname vanaf ` +
    `${dur(n.fromSec)} wordt niet bewaard tot er ruimte is (dit wordt als onderbreking vastgelegd).`,
  'waiting-to-stop': (n, host) =>
    `Schijf vol: ${dur(n.heldSec)} van sessie ${n.sessionId} nog niet opgeslagen; Cadans wacht op ruimte om de sessie af te sluiten. ` +
    (n.hasOverflowDir
      ? 'Maak ruimte vrij; anders wordt de sessie in de uitwijkmap bewaard.'
      : host === 'app'
        ? 'Maak ruimte vrij, of bewaar de sessie in een map op een andere schijf (bijvoorbeeld een USB-stick).'
        : 'Maak ruimte vrij, of stop nogmaals om op te geven (dan gaan deze gegevens verloren; bewaar ze liever met --overflow-dir op een andere schijf).'),
  'overflow-saved': (n, host) =>
    `Schijf vol: sessie ${n.sessionId} is volledig bewaard in ${n.file}` +
    (host === 'cli' ? ` (open het met --db ${n.file})` : '') +
    '; in de gewone database staat alleen het deel van vóór de volle schijf.',
  abandoned: (n) => `Opgegeven: ${dur(n.heldSec)} van sessie ${n.sessionId} kon niet worden opgeslagen (schijf vol) en is verloren.`,
};

const EN: Texts = {
  'disk-full': (n) =>
    `Disk full: ${dur(n.heldSec)} of session ${n.sessionId} not saved yet; kept in memory (up to ${dur(n.maxHeldSec)}) ` +
    `and saved as soon as there is room. Free some space on the disk of ${n.file ?? 'the database'}.`,
  saved: (n) => `Space is back: the ${dur(n.heldSec)} of session ${n.sessionId} kept in memory are saved; nothing was lost.`,
  dropping: (n) =>
    `Disk still full: the memory reserve for session ${n.sessionId} is used up (${dur(n.maxHeldSec)}); the recording from ` +
    `${dur(n.fromSec)} on is not kept until there is room (stored as a gap).`,
  'waiting-to-stop': (n, host) =>
    `Disk full: ${dur(n.heldSec)} of session ${n.sessionId} not saved yet; Cadans waits for room to close the session. ` +
    (n.hasOverflowDir
      ? 'Free some space; otherwise the session is saved in the overflow folder.'
      : host === 'app'
        ? 'Free some space, or save the session in a folder on another disk (a USB stick, for instance).'
        : 'Free some space, or stop again to give up (this data is then lost; rather keep it with --overflow-dir on another disk).'),
  'overflow-saved': (n, host) =>
    `Disk full: session ${n.sessionId} was saved in full in ${n.file}` +
    (host === 'cli' ? ` (open it with --db ${n.file})` : '') +
    '; the usual database only holds the part from before the disk was full.',
  abandoned: (n) => `Given up: ${dur(n.heldSec)} of session ${n.sessionId} could not be saved (disk full) and are lost.`,
};

/** `formatStorageNotice` — the notice as one sentence in `locale`, worded for `host` (default the command line). */
export function formatStorageNotice(n: StorageNotice, locale: StorageNoticeLocale, host: StorageNoticeHost = 'cli'): string {
  return (locale === 'nl' ? NL : EN)[n.code](n, host);
}
