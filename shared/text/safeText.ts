/**
 * Text that came from outside (a file name, a cell of a file, an argument, an error message that
 * may contain either) made safe to echo in one line on a terminal or in the UI:
 *
 * - terminal escape sequences (CSI `ESC [ … m`, OSC `ESC ] … BEL`, DCS/APC/PM/SOS strings, the
 *   8-bit C1 forms such as U+009B) are removed whole, so a file cannot recolour, retitle, move the
 *   cursor of or clear the user's terminal through a message;
 * - every other control character (C0, DEL, C1) is removed; line and paragraph breaks and tabs
 *   become one space, so a message stays one line;
 * - Unicode direction overrides/isolates (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) are
 *   removed, so the echoed text reads as it is stored ("Trojan Source").
 *
 * `showText` also shortens to a maximum length; `columnLabel` echoes a header cell only when it
 * looks like a column name (else "column N"), so an error never quotes a line of a file.
 */

// ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (ended by BEL or ST), then any other 2-byte escape.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|[\u001b][\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\s\S]?/g;
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `stripControls` — `s` without escape sequences or control characters, on one line (see the file comment). */
export function stripControls(s: string): string {
  return s.replace(ESCAPES, '').replace(BREAKS, ' ').replace(CONTROLS, '');
}

/** `showText` — `stripControls`, spaces collapsed, at most `max` characters (an ellipsis marks a cut). */
export function showText(s: string, max = 80): string {
  const clean = stripControls(String(s)).replace(/ {2,}/g, ' ').trim();
  if (clean.length <= max) return clean;
  return clean.slice(0, Math.max(1, max - 1)) + '…';
}

/** `safeMessage` — an error message for the user: one clean line, at most `max` characters. */
export function safeMessage(s: string, max = 600): string {
  return showText(s, max);
}

/**
 * What a column name may look like to be echoed: letters (any script), digits, spaces and the
 * punctuation of units, at most 40 characters. A line of an unrelated file (`root:x:0:0:…`, a
 * key, `NAME=value`) does not pass and is never quoted.
 */
const COLUMN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.,\-()[\]%#°µ²]{0,39}$/u;

/** `columnLabel` — `"name"` for a header cell that looks like a column name, else `column N` (1-based; `kolom N` in Dutch). */
export function columnLabel(name: string | undefined, index: number, lang: 'nl' | 'en' = 'en'): string {
  const s = name === undefined ? '' : stripControls(name).trim();
  return s !== '' && COLUMN_NAME.test(s) ? `"${s}"` : `${lang === 'nl' ? 'kolom' : 'column'} ${index + 1}`;
}

/** `columnList` — the header as labels (`"time", "ppg", column 3`), at most `max` of them. */
export function columnList(header: readonly string[], max = 8, lang: 'nl' | 'en' = 'en'): string {
  const shown = header.slice(0, max).map((h, i) => columnLabel(h, i, lang));
  return shown.join(', ') + (header.length > max ? `, … (${header.length} ${lang === 'nl' ? 'kolommen' : 'columns'})` : '');
}

/** `safeLines` — text of several lines for a terminal: each line `stripControls`'ed, the line breaks kept. */
export function safeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => stripControls(line))
    .join('\n');
}

/**
 * `safeJson` — `JSON.stringify(value)` with the characters JSON leaves as they are but a terminal
 * may act on (DEL, the C1 controls such as U+009B, line/paragraph separators, direction overrides)
 * written as `\uXXXX` escapes: the same JSON value, safe to print.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
