/**
 * `qrMatrixOf` — the QR code of a text as a module matrix (`qrcode` 1.5.4, pinned: a maintained,
 * dependency-light encoder; only its pure `create` is used, no canvas, no file output). Error
 * correction M (15 % of the code may be smudged on a printed page and still read).
 */
import QRCode from 'qrcode';
import type { QrMatrix } from '../../shared/report/prescriptionHandout.js';

export function qrMatrixOf(text: string): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: code.modules.size, modules: Uint8Array.from(code.modules.data) };
}
