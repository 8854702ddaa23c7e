/**
 * `readTextInput` — reads a recording file (PPG CSV, RR text) given by the user, bounded:
 *
 * - at most `MAX_INPUT_BYTES` (256 MiB, about ten hours of PPG at 250 Hz with a time column): a
 *   larger regular file is refused from its size before a byte is read; a device or pipe without a
 *   size (`/dev/zero`, `/dev/stdin`) is read in chunks and refused as soon as it passes the cap, so
 *   memory never grows past it;
 * - binary data (a zero byte in the first 4 KiB that is not UTF-16) is refused after the first chunk;
 * - decoded by its byte-order mark (UTF-8 as Excel's "CSV UTF-8" writes it, UTF-16 LE/BE), else
 *   UTF-16 recognised by its zero bytes, else UTF-8 when valid, else Latin-1
 *   (shared/io/textEncoding.ts). The returned text has no byte-order mark.
 *
 * Every failure is a `TextInputError` with one line that names the file (control characters
 * stripped, never its content).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { SNIFF_BYTES, sniffTextEncoding, type TextEncoding } from '../../shared/io/textEncoding.js';
import { CadansError, type ErrorCode, type ErrorParams } from '../../shared/i18n/CadansError.js';
import { showText } from '../../shared/text/safeText.js';

/** The most bytes read from one input file (see the file comment). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** `MAX_INPUT_BYTES` as the user reads it. */
export const MAX_INPUT_TEXT = '256 MiB';

export type TextInputProblem = 'not-found' | 'folder' | 'permission' | 'too-large' | 'binary' | 'io';

/** The coded error of each problem (`file.*`, shown in the user's language; `message` stays the English line). */
const CODES: Record<TextInputProblem, ErrorCode> = {
  'not-found': 'file.notFound',
  folder: 'file.folder',
  permission: 'file.permission',
  'too-large': 'file.tooLarge',
  binary: 'file.binary',
  io: 'file.io',
};

export class TextInputError extends CadansError {
  override readonly name = 'TextInputError';
  constructor(
    readonly problem: TextInputProblem,
    message: string,
    /** The reason alone, without the file's name (`no such file`, `it is a folder, not a recording` …). */
    readonly why: string,
    /** `file`: the name as shown; `cap`, `detail` where the problem has them. */
    params: ErrorParams = {},
  ) {
    super(CODES[problem], params, { message });
  }
}

export interface TextInput {
  text: string;
  encoding: TextEncoding;
  /** Bytes read (with the byte-order mark). */
  bytes: number;
}

export interface ReadTextInputOptions {
  /** Cap in bytes (default `MAX_INPUT_BYTES`; tests use less). */
  maxBytes?: number;
  /** How the file is named in messages (default: the path). */
  name?: string;
}

const CHUNK = 1024 * 1024;

function tooLarge(name: string, maxBytes: number): TextInputError {
  const cap = maxBytes === MAX_INPUT_BYTES ? MAX_INPUT_TEXT : `${maxBytes} bytes`;
  const why = `it is larger than ${cap}, the most Cadans reads from one file (about ten hours of PPG at 250 Hz); split the recording`;
  return new TextInputError('too-large', `${name}: ${why}`, why, { file: name, cap });
}

function binary(name: string): TextInputError {
  const why = 'it is not a text file (it holds binary data); Cadans reads PPG CSV and RR text files';
  return new TextInputError('binary', `${name}: ${why}`, why, { file: name });
}

const folder = (name: string): TextInputError => new TextInputError('folder', `${name} is a folder, not a recording`, 'it is a folder, not a recording', { file: name });

function openError(e: unknown, name: string): TextInputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new TextInputError('not-found', `no such file: ${name}`, 'no such file', { file: name });
  if (code === 'EISDIR') return folder(name);
  if (code === 'EACCES' || code === 'EPERM') return new TextInputError('permission', `cannot read ${name}: permission denied`, 'permission denied', { file: name });
  const why = `read error (${code ?? 'unknown'})`;
  return new TextInputError('io', `cannot read ${name}: ${why}`, why, { file: name, detail: code ?? 'unknown' });
}

/** `readTextInput` — see the file comment. */
export async function readTextInput(path: string, opts: ReadTextInputOptions = {}): Promise<TextInput> {
  const name = showText(opts.name ?? path, 200);
  const maxBytes = opts.maxBytes ?? MAX_INPUT_BYTES;
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw openError(e, name);
  }
  try {
    let st;
    try {
      st = await fh.stat();
    } catch (e) {
      throw openError(e, name);
    }
    if (st.isDirectory()) throw folder(name);
    if (st.isFile() && st.size > maxBytes) throw tooLarge(name, maxBytes);
    // A regular file is read straight into one buffer of its size (plus one byte, to see a file
    // that grew meanwhile); a device or pipe without a size in chunks. Either way never more than
    // `maxBytes + 1` bytes, and binary data is refused after its first 4 KiB.
    const chunks: Buffer[] = [];
    let total = 0;
    let sniffed = false;
    let buf = Buffer.allocUnsafe(0);
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        if (buf.length > 0) chunks.push(buf);
        const fresh = chunks.length === 0 && st.isFile() && st.size > 0 ? st.size + 1 : CHUNK;
        buf = Buffer.allocUnsafe(Math.min(fresh, maxBytes + 1 - total));
        used = 0;
      }
      let got: number;
      try {
        ({ bytesRead: got } = await fh.read(buf, used, buf.length - used, null));
      } catch (e) {
        throw openError(e, name);
      }
      if (got === 0) break;
      used += got;
      total += got;
      if (total > maxBytes) throw tooLarge(name, maxBytes);
      if (!sniffed && total >= SNIFF_BYTES) {
        sniffed = true;
        const head = chunks.length === 0 ? buf.subarray(0, SNIFF_BYTES) : Buffer.concat([...chunks, buf.subarray(0, used)]).subarray(0, SNIFF_BYTES);
        if (sniffTextEncoding(head).encoding === 'binary') throw binary(name);
      }
    }
    if (used > 0) chunks.push(buf.subarray(0, used));
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    return { ...decode(all, name), bytes: total };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** `decodeTextInput` — bytes of a recording file as text (byte-order mark, UTF-16, UTF-8 or Latin-1); throws `TextInputError` for binary data. */
export function decodeTextInput(bytes: Buffer, name = 'the file'): { text: string; encoding: TextEncoding } {
  return decode(bytes, showText(name, 200));
}

function decode(all: Buffer, name: string): { text: string; encoding: TextEncoding } {
  const guess = sniffTextEncoding(all.subarray(0, SNIFF_BYTES));
  let text: string;
  let encoding: TextEncoding;
  switch (guess.encoding) {
    case 'binary':
      throw binary(name);
    case 'utf-16le':
    case 'utf-16be': {
      let body = all.subarray(guess.bomBytes, guess.bomBytes + ((all.length - guess.bomBytes) & ~1));
      if (guess.encoding === 'utf-16be') body = Buffer.from(body).swap16();
      text = body.toString('utf16le');
      encoding = guess.encoding;
      // UTF-16 of text has no control characters besides line ends and tabs; binary read as UTF-16 has.
      if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, SNIFF_BYTES))) throw binary(name);
      break;
    }
    case 'utf-8':
      text = all.toString('utf8', guess.bomBytes);
      encoding = 'utf-8';
      break;
    default:
      // Plain ASCII (most recordings) is the same text in UTF-8 and Latin-1; the Latin-1 decoder
      // copies it without validating, several times faster than the UTF-8 one on a 25 MB file.
      if (isAscii(all)) {
        encoding = 'utf-8';
        text = all.toString('latin1');
        break;
      }
      encoding = isUtf8(all) ? 'utf-8' : 'latin1';
      text = all.toString(encoding === 'utf-8' ? 'utf8' : 'latin1');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
