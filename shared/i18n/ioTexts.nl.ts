/**
 * Dutch texts of what the file readers noted while reading a recording (issue 13): the warnings of an
 * RR-interval file (shared/io/rrText.ts) and of a HeartMath export (shared/io/heartMathExport.ts),
 * and what an RR import could not do; and why a serial port is probably a known sensor (`usbGuess.*`,
 * shared/i18n/usbGuessText.ts). Coded like the errors (`{code, params}`), so the page and the
 * CLI show them in the user's language; part of errors.nl.ts. `count` is the number as written,
 * `n` the same number for the plural.
 */
export const ioTextsNl = {
  'rrNote.noNumber': '{count} {n, plural, one {regel} other {regels}} zonder getal overgeslagen',
  'rrNote.notPositive': '{count} {n, plural, one {interval} other {intervallen}} van nul of negatief overgeslagen',
  'rrNote.implausible': '{count} {n, plural, one {interval} other {intervallen}} buiten {min}–{max} ms weggelaten (artefacten)',
  'rrNote.noCoherence': 'geen kolom met coherentiescores: de HeartMath-scores zijn niet bewaard',
  'rrNote.noAnalysis':
    'geen analyse: {reason, select, coded {{cause}} other {technische melding: {detail}}}',
  'usbGuess.cp210x': 'Silicon Labs CP210x (Contec CMS50-kabel; firmware ≤ 4.5 gebruikt cms50-5 op 19200 baud)',
  'usbGuess.sparkfun': 'Arduino-compatibel bord van SparkFun',
  'usbGuess.adafruit': 'Arduino-compatibel bord van Adafruit',
  'usbGuess.ch340': 'CH340 USB-serieel (Arduino-kloon)',
  'usbGuess.ftdi': 'FTDI FT232 (ouder Arduino-bord of USB-seriële kabel)',
};

export type IoTextKey = keyof typeof ioTextsNl;
