/**
 * `usbGuessText` — why a serial port is probably a known sensor (the USB guess of
 * native-adapters/sensors/listSerialPorts.ts, an English phrase that is also the `cadans sensors
 * --json` field) in the user's language, for the sensor picker and the CLI listing. A phrase that
 * is only a name ("Arduino") or not one of the guesses (a manufacturer, "-60 dBm") stays as it is.
 */
import { errorText } from './CadansError.js';
import type { IoTextKey } from './ioTexts.nl.js';
import { ioTextsEn } from './ioTexts.en.js';
import type { Locale } from './locales.js';

const BY_ENGLISH: ReadonlyMap<string, IoTextKey> = new Map(
  (Object.keys(ioTextsEn) as IoTextKey[]).filter((k) => k.startsWith('usbGuess.')).map((k) => [ioTextsEn[k], k]),
);

export function usbGuessText(locale: Locale, english: string): string {
  const key = BY_ENGLISH.get(english);
  return key ? errorText(locale, { code: key, params: {}, message: english }) : english;
}
