// The handout's QR code: the settings text, and the QR code made of it read back by an
// independent decoder (jsQR) from a rendered bitmap, as a phone would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { qrMatrixOf } from '../../../main/reports/qrMatrix.js';
import { parsePacerLink, pacerLinkText } from '../../../shared/pacer/pacerLink.js';
import { qrSvg, type QrMatrix } from '../../../shared/report/prescriptionHandout.js';

// jsqr is CommonJS (module.exports = jsQR).
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

const SETTINGS = { rateBpm: 6, ratio: '4:6', holdInSec: 0, holdOutSec: 0, minutes: 10, timesPerDay: 2 };

/** RGBA bitmap of a QR matrix: `px` pixels per module and a 4-module white quiet zone. */
function bitmap(m: QrMatrix, px = 4): { data: Uint8ClampedArray; width: number } {
  const width = (m.size + 8) * px;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const r = Math.floor(y / px) - 4;
      const c = Math.floor(x / px) - 4;
      if (r >= 0 && c >= 0 && r < m.size && c < m.size && m.modules[r * m.size + c]) {
        const i = (y * width + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, width };
}

test('the settings text is the readable cadans-pacer:v1 form and parses back', () => {
  const text = pacerLinkText(SETTINGS);
  assert.equal(text, 'cadans-pacer:v1?rate=6&ratio=4:6&holdIn=0&holdOut=0&min=10&perDay=2');
  assert.deepEqual(parsePacerLink(text), SETTINGS);
  const odd = { rateBpm: 5.5, ratio: '1:2', holdInSec: 1.5, holdOutSec: 0, minutes: 7.5, timesPerDay: 3 };
  assert.deepEqual(parsePacerLink(pacerLinkText(odd)), odd);
  assert.equal(parsePacerLink('https://example.org/?rate=6'), null);
  assert.equal(parsePacerLink('cadans-pacer:v1?rate=six&ratio=4:6&holdIn=0&holdOut=0&min=10&perDay=2'), null);
});

test('the QR code decodes (jsQR, from pixels) to exactly the settings text', () => {
  for (const s of [SETTINGS, { rateBpm: 4.5, ratio: '1:2', holdInSec: 2, holdOutSec: 1, minutes: 20, timesPerDay: 1 }]) {
    const text = pacerLinkText(s);
    const m = qrMatrixOf(text);
    const { data, width } = bitmap(m);
    const read = jsQR(data, width, width);
    assert.ok(read, 'a QR code is found');
    assert.equal(read.data, text);
    assert.deepEqual(parsePacerLink(read.data), s);
  }
});

test('the handout SVG draws one square per dark module, inside the quiet zone', () => {
  const m = qrMatrixOf(pacerLinkText(SETTINGS));
  const svg = qrSvg(m, 40, 'QR');
  const dark = Array.from(m.modules).filter(Boolean).length;
  assert.equal(svg.match(/h1v1h-1z/g)?.length, dark);
  assert.match(svg, new RegExp(`viewBox="0 0 ${m.size + 8} ${m.size + 8}"`));
});
