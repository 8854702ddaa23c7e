import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isReportLang, type ReportLang } from '../../shared/report/reportMessages.js';
import { ReportError } from '../reports/reportError.js';
import { groupReportHtml, progressReportHtml, reportFileType, sessionReportHtml, writeReportFile } from '../reports/reportFiles.js';
import { showText } from '../../shared/text/safeText.js';
import { cliError, cliErrorOf } from './cliError.js';
import { cliLocale, cliText } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { logAccess, withRecordsDb } from './dbOpen.js';
import { oneClient } from './recordsClient.js';


const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

function parseId(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw cliError('cli.badId', { what, got: text }, 2);
  }
  return Number(text);
}

/**
 * `cadans report` — the session report of one session, with `--group <id> [--names]` the group
 * summary of a group session (anonymised unless --names), or with `--client <name|id> --progress` the
 * progress report of a client (an exact name or an id; a name several clients share is refused) (optionally one `--course`), as self-contained HTML or as PDF
 * (headless Chromium; `$CADANS_CHROMIUM` overrides the executable). An existing file is not overwritten
 * unless `--force` is given.
 */
export const reportCommand: CliCommand = {
  langIsDocument: true,
  options: {
    out: { type: 'string' },
    lang: { type: 'string', default: 'nl' },
    db: { type: 'string' },
    client: { type: 'string' },
    course: { type: 'string' },
    progress: { type: 'boolean', default: false },
    group: { type: 'string' },
    names: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    tz: { type: 'string' },
  },
  async run({ values, positionals }) {
    const lang = String(values.lang);
    if (!isReportLang(lang)) throw cliError('report.lang', { got: lang }, 2);
    if (typeof values.out !== 'string' || values.out.trim() === '') throw cliError('report.outRequired', {}, 2);
    const out = resolve(values.out);
    if (!reportFileType(out)) throw cliError('report.outType', { got: values.out }, 2);
    const timeZone = typeof values.tz === 'string' ? checkTimeZone(values.tz) : undefined;
    const progress = values.progress === true;
    const group = values.group !== undefined;
    if (values.names === true && !group) throw cliError('report.namesNeedsGroup', {}, 2);
    if (group) {
      if (progress || values.client !== undefined || values.course !== undefined) throw cliError('report.groupAlone', {}, 2);
      if (positionals.length > 0) throw cliError('report.groupNoSession', {}, 2);
    } else if (progress) {
      if (positionals.length > 0) throw cliError('report.progressNoSession', {}, 2);
      if (typeof values.client !== 'string') throw cliError('report.progressNeedsClient', {}, 2);
    } else {
      if (values.client !== undefined || values.course !== undefined) throw cliError('report.clientNeedsProgress', {}, 2);
      if (positionals.length !== 1) throw cliError('report.expectedOneId', {}, 2);
    }
    const groupId = group ? parseId(String(values.group), '--group') : 0;
    const names = values.names === true;
    const sessionId = progress || group ? 0 : parseId(positionals[0]!, 'session');
    const clientSpec = progress ? String(values.client) : '';
    if (progress && clientSpec.trim() === '') throw cliError('cli.clientNeedsSpec', {}, 2);
    const courseId = typeof values.course === 'string' ? parseId(values.course, '--course') : null;
    const opts = { lang: lang as ReportLang, timeZone };
    // Refused before the database is opened: a failing command touches nothing.
    if (values.force !== true && existsSync(out)) throw cliError('report.exists', { file: out });
    let clientId = 0;
    try {
      let memberSessions: number[] = [];
      const html = await withRecordsDb(values.db, { mustExist: true }, (storage) => {
        if (group) {
          memberSessions = storage.groups.require(groupId).sessionIds;
          return groupReportHtml(storage, { groupId, names }, opts);
        }
        if (!progress) return sessionReportHtml(storage, sessionId, opts);
        clientId = oneClient(storage, clientSpec).id;
        return progressReportHtml(storage, { clientId, courseId }, opts);
      });
      const r = await writeReportFile(html, out, { overwrite: values.force === true });
      logAccess(values.db, (s) =>
        group
          ? memberSessions.map((id) => ({ action: 'report' as const, clientId: s.sessions.require(id).clientId, sessionId: id, detail: `cadans report group ${groupId} ${names ? 'with names' : 'anonymised'} ${r.type}` }))
          : progress
            ? { action: 'report', clientId, detail: `cadans report progress ${r.type}` }
            : { action: 'report', clientId: s.sessions.require(sessionId).clientId, sessionId, detail: `cadans report session ${r.type}` },
      );
      const done = { kind: group ? (names ? 'groupNames' : 'group') : progress ? 'progress' : 'session', id: String(group ? groupId : progress ? clientId : sessionId), type: r.type, lang, file: showText(r.file, 300) };
      process.stderr.write(cliText(cliLocale(), 'report.done', done) + '\n');
    } catch (e) {
      if (e instanceof ReportError) throw cliErrorOf(e, oneLine(e.message));
      throw e;
    }
    return 0;
  },
};

function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    throw cliError('report.tz', { got: tz }, 2);
  }
}
