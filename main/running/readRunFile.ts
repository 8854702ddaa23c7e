/**
 * `readRunFile` — read a sport-watch file (FIT, TCX or GPX) into a `RunTrack`. The format comes
 * from the content (a FIT header, or the XML root element), the extension only breaks ties: a
 * `.fit` that is not FIT is refused as such. Files over MAX_RUN_FILE_BYTES are refused before
 * reading. Every refusal is a RunFileError (one line, nl/en) naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { gpxTrack } from '../../shared/running/gpxTrack.js';
import { RunFileError } from '../../shared/running/runFileError.js';
import { MAX_RUN_FILE_BYTES, type RunTrack } from '../../shared/running/runTrack.js';
import { tcxTrack } from '../../shared/running/tcxTrack.js';
import { showText } from '../../shared/text/safeText.js';
import { fitTrack } from './fitTrack.js';

export function readRunFile(path: string): RunTrack {
  const file = showText(basename(path), 120);
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new RunFileError('unreadable', { file, detail: 'notAFile' });
    if (st.size > MAX_RUN_FILE_BYTES) throw new RunFileError('tooLarge', { file, mb: MAX_RUN_FILE_BYTES / 1024 / 1024 });
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof RunFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new RunFileError('unreadable', { file, detail: code === 'ENOENT' ? 'notFound' : code === 'EACCES' ? 'permission' : String(code ?? (e as Error).message) });
  }
  return parseRunBytes(bytes, file, extname(path).toLowerCase());
}

/** The track of a file's bytes (`ext` with its dot, lower case, e.g. '.fit'). */
export function parseRunBytes(bytes: Uint8Array, file: string, ext: string): RunTrack {
  const fitMagic = bytes.length >= 12 && String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!) === '.FIT';
  if (fitMagic || ext === '.fit') return fitTrack(bytes, file);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const root = /<([A-Za-z_][\w.-]*:)?(TrainingCenterDatabase|gpx)\b/.exec(text.slice(0, 4096));
  const kind = root?.[2] ?? (ext === '.tcx' ? 'TrainingCenterDatabase' : ext === '.gpx' ? 'gpx' : null);
  if (kind === 'TrainingCenterDatabase') return tcxTrack(text, file);
  if (kind === 'gpx') return gpxTrack(text, file);
  throw new RunFileError('unknownFormat', { file });
}
