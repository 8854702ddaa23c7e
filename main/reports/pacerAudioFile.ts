/**
 * `writePacerAudioFile` — the audio pacer of a prescription as a 16-bit PCM mono WAV file
 * (shared/pacer/pacerAudio.ts renders the samples, shared/io/wavFile.ts the 44-byte header),
 * written in pieces to a temporary file next to `file` and linked into place (never overwrites;
 * readable by the user only).
 */
import { closeSync, fchmodSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { int16Bytes, wavHeader } from '../../shared/io/wavFile.js';
import { PacerAudioRenderer } from '../../shared/pacer/pacerAudio.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';

function writeAll(fd: number, b: Uint8Array): void {
  for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off);
}

/** Throws the file system's error (`EEXIST` when `file` exists). Returns the number of samples. */
export function writePacerAudioFile(file: string, settings: PacerSettings, breaths: number): { samples: number; sampleRate: number } {
  const r = new PacerAudioRenderer(settings, breaths);
  const tmp = `${file}.partial-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      fchmodSync(fd, 0o600);
      writeAll(fd, wavHeader(r.sampleRate, r.totalSamples));
      while (!r.done) writeAll(fd, int16Bytes(r.next(r.sampleRate * 10)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
  }
  return { samples: r.totalSamples, sampleRate: r.sampleRate };
}
