/**
 * Reports for the client page: the session report, the progress report and the group summary of a
 * group session (anonymised unless asked with names) as self-contained
 * HTML (`sessionReportHtml` / `progressReportHtml`, the same documents `cadans report` writes)
 * for the in-app preview, and printed to PDF through the app's `PrintToPdf` port (headless
 * Chromium for the web host and tests, `electronPrintToPdf` in the desktop app).
 */
import { LOCALES, type Locale } from '../../shared/ipc/apiTypes.js';
import type { DownloadFile, ReportRequest, ReportView } from '../../shared/ipc/recordTypes.js';
import type { PrintToPdf } from '../reports/printToPdf.js';
import { groupReportHtml, progressReportHtml, sessionReportHtml } from '../reports/reportFiles.js';
import type { Storage } from '../storage/storage.js';
import { sessionText } from '../../shared/i18n/sessionTexts.js';
import { renderRunSchedule } from '../../shared/report/runSchedule.js';

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A checked report request (throws an Error naming the bad field). */
function checkRequest(req: ReportRequest): ReportRequest {
  const o = req as unknown as Record<string, unknown>;
  if (o.locale !== undefined && !(LOCALES as readonly unknown[]).includes(o.locale)) {
    throw new Error(`report: locale must be one of ${LOCALES.join(', ')}`);
  }
  if (o.kind === 'session') {
    if (!isId(o.sessionId)) throw new Error('report: sessionId must be a positive whole number');
    return req;
  }
  if (o.kind === 'progress') {
    if (!isId(o.clientId)) throw new Error('report: clientId must be a positive whole number');
    if (o.courseId !== undefined && o.courseId !== null && !isId(o.courseId)) throw new Error('report: courseId must be a positive whole number or null');
    return req;
  }
  if (o.kind === 'group') {
    if (!isId(o.groupId)) throw new Error('report: groupId must be a positive whole number');
    if (o.names !== undefined && typeof o.names !== 'boolean') throw new Error('report: names must be true or false');
    return req;
  }
  if (o.kind === 'runSchedule') {
    if (!isId(o.programmeId)) throw new Error('report: programmeId must be a positive whole number');
    return req;
  }
  throw new Error("report: kind must be 'session', 'progress', 'group' or 'runSchedule'");
}

/** The `<title>` of a report document (falls back to `fallback`). */
export function reportTitle(html: string, fallback: string): string {
  const m = /<title>([^<]*)<\/title>/i.exec(html);
  const decoded = m?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return decoded || fallback;
}

/**
 * `renderReport` — the report's HTML in `locale` (the request's, else `defaultLocale`). Throws
 * `NotFoundError` for an unknown session/client and `ReportError` for a course of another client.
 */
export function renderReport(storage: Storage, req: ReportRequest, defaultLocale: Locale, now: Date): ReportView {
  const r = checkRequest(req);
  const lang = r.locale ?? defaultLocale;
  if (r.kind === 'session') {
    const html = sessionReportHtml(storage, r.sessionId, { lang, now });
    return {
      title: reportTitle(html, sessionText(lang, 'title.session', { sessionId: r.sessionId })),
      baseName: sessionText(lang, 'file.sessionReport', { sessionId: r.sessionId }),
      html,
    };
  }
  if (r.kind === 'group') {
    const names = r.names === true;
    const html = groupReportHtml(storage, { groupId: r.groupId, names }, { lang, now });
    return {
      title: reportTitle(html, sessionText(lang, 'title.group', { groupId: r.groupId })),
      baseName: sessionText(lang, names ? 'file.groupReportNames' : 'file.groupReport', { groupId: r.groupId }),
      html,
    };
  }
  if (r.kind === 'runSchedule') {
    const html = runScheduleHtml(storage, r.programmeId, lang);
    return { title: reportTitle(html, sessionText(lang, 'title.runSchedule', { programmeId: r.programmeId })), baseName: sessionText(lang, 'file.runSchedule', { programmeId: r.programmeId }), html };
  }
  const html = progressReportHtml(storage, { clientId: r.clientId, courseId: r.courseId ?? null }, { lang, now });
  const base = r.courseId
    ? sessionText(lang, 'file.progressReportCourse', { clientId: r.clientId, courseId: r.courseId })
    : sessionText(lang, 'file.progressReport', { clientId: r.clientId });
  return { title: reportTitle(html, sessionText(lang, 'title.progress', { clientId: r.clientId })), baseName: base, html };
}

/** `reportPdf` — a rendered report printed to PDF by `print` (throws `ReportError` when printing fails). */
export async function reportPdf(view: ReportView, print: PrintToPdf): Promise<DownloadFile> {
  const bytes = await print(view.html);
  return { fileName: `${view.baseName}.pdf`, mimeType: 'application/pdf', data: bytes };
}

/** The week schedule of a stored programme (throws NotFoundError for an unknown one). */
export function runScheduleHtml(storage: Storage, programmeId: number, lang: Locale): string {
  const programme = storage.runProgrammes.require(programmeId);
  const client = storage.clients.require(programme.clientId);
  return renderRunSchedule({ client: { id: client.id, name: client.name }, programme, lang });
}
