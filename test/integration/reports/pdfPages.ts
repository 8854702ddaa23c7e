// PDF pages as pixels for the report tests: `pdftoppm` (Debian poppler-utils) renders each page
// to PNG, and a small PNG reader (8-bit grey/RGB/RGBA, not interlaced, as pdftoppm writes them)
// counts the pixels that are not white.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export interface PngImage {
  width: number;
  height: number;
  channels: number;
  /** Unfiltered pixel rows, `width * channels` bytes each. */
  pixels: Uint8Array;
}

/** Decode a PNG (8-bit, colour type 0, 2 or 6, no interlace). Throws for anything else. */
export function readPng(buf: Buffer): PngImage {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => buf[i] === b)) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const color = data[9]!;
      if (depth !== 8 || data[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, interlace ${data[12]})`);
      channels = color === 0 ? 1 : color === 2 ? 3 : color === 6 ? 4 : 0;
      if (!channels) throw new Error(`unsupported PNG colour type ${color}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = src[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Share of pixels (0…1) with any colour channel below 235 (ink on the page). */
export function inkShare(img: PngImage): number {
  let ink = 0;
  const n = img.width * img.height;
  const ch = Math.min(3, img.channels);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < ch; k++) {
      if (img.pixels[i * img.channels + k]! < 235) {
        ink++;
        break;
      }
    }
  }
  return ink / n;
}

/** Why the PDF page checks cannot run here (Chromium prints, poppler's pdftoppm renders), or null. */
export function pdfCheckSkipReason(chromium: string | null): string | null {
  if (!chromium) return 'Chromium not installed (Debian: apt-get install chromium)';
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'pdftoppm not installed (Debian: apt-get install poppler-utils)';
  }
}

/** Render every page of a PDF to PNG files in `dir` (at `dpi`) and return them in page order. */
export function pdfToPngs(pdf: Uint8Array | string, dir: string, prefix: string, dpi = 40): string[] {
  const file = typeof pdf === 'string' ? pdf : join(dir, `${prefix}.pdf`);
  if (typeof pdf !== 'string') writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, prefix)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)![1]) - Number(/-(\d+)\.png$/.exec(b)![1]))
    .map((f) => join(dir, f));
}

/** Page images of a PDF with their ink share. */
export function pdfPageInk(pdf: Uint8Array | string, dir: string, prefix: string): { file: string; width: number; height: number; ink: number }[] {
  return pdfToPngs(pdf, dir, prefix).map((file) => {
    const img = readPng(readFileSync(file));
    return { file, width: img.width, height: img.height, ink: inkShare(img) };
  });
}
