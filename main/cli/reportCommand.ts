import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isReportLang, type ReportLang } from '../../shared/report/reportMessages.js';
import { ReportError } from '../reports/reportError.js';
import { groupReportHtml, progressReportHtml, reportFileType, sessionReportHtml, writeReportFile } from '../reports/reportFiles.js';
import { showText } from '../../shared/text/safeText.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { logAccess, withRecordsDb } from './dbOpen.js';
import { oneClient } from './recordsClient.js';

const USAGE =
  'cadans report <sessionId> --out FILE.pdf|.html [--lang nl|en] [--db FILE] [--force] | ' +
  'cadans report --client <name|id> --progress [--course <id>] --out FILE.pdf|.html [--lang nl|en] [--db FILE] [--force] | ' +
  'cadans report --group <id> [--names] --out FILE.pdf|.html [--lang nl|en] [--db FILE] [--force]';

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

function parseId(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new CliError(`${what} must be a whole number ≥ 1 (got '${text}')`, 2);
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
  usage: USAGE,
  summary:
    'Write a session report (one session) or a progress report (--client <name|id> --progress; a name shared by several clients is refused: give the id) as .html (self-contained, ' +
    'no network) or .pdf (printed with headless Chromium). --lang nl (default) or en. Numbers come from the offline ' +
    'analysis of the stored signal (as `cadans analyze`). --tz ZONE sets the time zone of times of day (default: the ' +
    "system's). With --group <id>: the group summary of a group session (per participant: time in medium/high coherence, mean " +
    'heart rate, signal quality), anonymised ("Deelnemer 1…") unless --names (the therapist\'s version). ' +
    'An existing --out file is not overwritten unless --force.',
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
    if (!isReportLang(lang)) throw new CliError(`--lang must be nl or en (got '${lang}')`, 2);
    if (typeof values.out !== 'string' || values.out.trim() === '') throw new CliError(`--out FILE.pdf or FILE.html is required; see cadans report --help`, 2);
    const out = resolve(values.out);
    if (!reportFileType(out)) throw new CliError(`--out must end in .pdf or .html (got '${values.out}')`, 2);
    const timeZone = typeof values.tz === 'string' ? checkTimeZone(values.tz) : undefined;
    const progress = values.progress === true;
    const group = values.group !== undefined;
    if (values.names === true && !group) throw new CliError(`--names is for a group summary (--group <id>); see cadans report --help`, 2);
    if (group) {
      if (progress || values.client !== undefined || values.course !== undefined) throw new CliError(`--group cannot be combined with --progress, --client or --course; see cadans report --help`, 2);
      if (positionals.length > 0) throw new CliError(`a group summary takes --group <id>, not a session id; see cadans report --help`, 2);
    } else if (progress) {
      if (positionals.length > 0) throw new CliError(`a progress report takes --client <name|id>, not a session id; see cadans report --help`, 2);
      if (typeof values.client !== 'string') throw new CliError(`--progress needs --client <name|id>; see cadans report --help`, 2);
    } else {
      if (values.client !== undefined || values.course !== undefined) throw new CliError(`--client/--course need --progress; see cadans report --help`, 2);
      if (positionals.length !== 1) throw new CliError(`expected one session id; see cadans report --help`, 2);
    }
    const groupId = group ? parseId(String(values.group), '--group') : 0;
    const names = values.names === true;
    const sessionId = progress || group ? 0 : parseId(positionals[0]!, 'session id');
    const clientSpec = progress ? String(values.client) : '';
    if (progress && clientSpec.trim() === '') throw new CliError('--client needs a name or an id', 2);
    const courseId = typeof values.course === 'string' ? parseId(values.course, '--course') : null;
    const opts = { lang: lang as ReportLang, timeZone };
    // Refused before the database is opened: a failing command touches nothing.
    if (values.force !== true && existsSync(out)) throw new CliError(`${out} already exists; Cadans does not overwrite it. Choose another file name (or --force).`);
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
      const what = group ? `group summary of group ${groupId}${names ? ' with names' : ' (anonymised)'}` : progress ? `progress report of client ${clientId}` : `session report of session ${sessionId}`;
      process.stderr.write(`Wrote ${what} (${r.type}, ${lang}) to ${showText(r.file, 300)}\n`);
    } catch (e) {
      if (e instanceof ReportError) throw new CliError(oneLine(e.message));
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
    throw new CliError(`--tz must be an IANA time zone such as Europe/Amsterdam (got '${tz}')`, 2);
  }
}
