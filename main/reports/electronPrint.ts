/**
 * `electronPrintToPdf` — the app's `PrintToPdf`: the report HTML is loaded from a temporary file
 * into a hidden, sandboxed window without JavaScript and printed with `webContents.printToPDF`
 * (A4 from the report's `@page` CSS, backgrounds on, no Chromium header/footer). Only the Electron
 * main process imports this file (it imports 'electron'); the CLI and tests use printToPdf.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { PrintToPdf } from './printToPdf.js';

export const electronPrintToPdf: PrintToPdf = async (html: string): Promise<Uint8Array> => {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-print-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html, 'utf8');
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
      partition: 'cadans-report-print',
      // electronegativity-reviewed: REMOTE_MODULE_JS_CHECK — the remote module was removed in Electron 14.
      // @ts-expect-error -- `enableRemoteModule` no longer exists in Electron 45 and is ignored; it is written only
      // so that electronegativity (which assumes old defaults) sees the remote module is off (as in windowOptions.ts).
      enableRemoteModule: false,
    },
  });
  try {
    // The report is self-contained: refuse every request other than the file itself.
    win.webContents.session.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !details.url.startsWith('file://') || !details.url.endsWith('/report.html') });
    });
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      generateDocumentOutline: true,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.length);
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
};
