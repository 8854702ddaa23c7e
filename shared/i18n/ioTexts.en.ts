/** English texts of the file readers' notes (keys: ioTexts.nl.ts); each is the reader's English warning word for word. */
import type { SameKeys } from './catalogue.js';
import type { ioTextsNl } from './ioTexts.nl.js';

const table = {
  'rrNote.noNumber': '{count} {n, plural, one {line} other {lines}} without a number skipped',
  'rrNote.notPositive': '{count} zero or negative {n, plural, one {interval} other {intervals}} skipped',
  'rrNote.implausible': '{count} {n, plural, one {interval} other {intervals}} outside {min}–{max} ms left out (artifacts)',
  'rrNote.noCoherence': 'no coherence score column: HeartMath scores not kept',
  'rrNote.noAnalysis':
    'no analysis: {reason, select, coded {{cause}} other {{detail}}}',
  'usbGuess.cp210x': 'Silicon Labs CP210x (Contec CMS50 cable; firmware ≤ 4.5 uses cms50-5 at 19200 baud)',
  'usbGuess.sparkfun': 'SparkFun Arduino-compatible board',
  'usbGuess.adafruit': 'Adafruit Arduino-compatible board',
  'usbGuess.ch340': 'CH340 USB-serial (Arduino clone)',
  'usbGuess.ftdi': 'FTDI FT232 (older Arduino or USB-serial cable)',
};

export const ioTextsEn: SameKeys<typeof ioTextsNl, typeof table> = table;
