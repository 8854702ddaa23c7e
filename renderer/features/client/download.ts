/**
 * `saveDownload` — hand a file from the core to the user: a Blob download (the browser's
 * download; in the desktop app Electron asks where to save it).
 */
import type { DownloadFile } from '../../../shared/ipc/recordTypes.js';
import type { Locale } from '../../../shared/i18n/locales.js';
import { sessionText } from '../../../shared/i18n/sessionTexts.js';

/** An exported session's file named in the UI's language (cadans-sessie-3-rr.txt); the extension stays. */
export function localFileName(file: DownloadFile, locale: Locale, sessionId: number, format: string): DownloadFile {
  const ext = /\.[a-z0-9]+$/i.exec(file.fileName)?.[0] ?? '';
  const base = sessionText(locale, format === 'rr' ? 'file.sessionExportRr' : 'file.sessionExport', { sessionId });
  return { ...file, fileName: base + ext };
}

export function saveDownload(file: DownloadFile): void {
  const part = typeof file.data === 'string' ? file.data : new Uint8Array(file.data);
  const url = URL.createObjectURL(new Blob([part], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
