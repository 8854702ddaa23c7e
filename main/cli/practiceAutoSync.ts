/**
 * The records commands in practice mode (CADANS_PRACTICE_DB set): `cadans record`, once the
 * session is stored locally, and `cadans clients` / `cadans sessions`, before they list, send what
 * waits and take in what the other workstations wrote — one line on stderr either way. Best
 * effort: the local file is what the command works on, so an unreachable server (or a bad URL)
 * only says that changes wait; the command's exit code and output are unchanged.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../storage/storage.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { safeMessage } from '../../shared/text/safeText.js';
import { cliText } from './cliText.js';
import { resolveDbPath } from './dbPath.js';

export async function syncInPracticeMode(db: Db, locale: Locale, say: (line: string) => void): Promise<void> {
  // Without practice mode nothing is loaded (pg included).
  if (!process.env.CADANS_PRACTICE_DB?.trim()) return;
  const { PracticeError, practiceUrlFromEnv, syncPractice } = await import('../practice/practiceSync.js');
  const { outboxSize } = await import('../practice/localSyncState.js');
  const { practiceMessage } = await import('./practiceCommand.js');
  let url: string | null;
  try {
    url = practiceUrlFromEnv();
  } catch (e) {
    if (e instanceof PracticeError) say(cliText(locale, 'practice.line', { result: practiceMessage(locale, e) }));
    return;
  }
  if (url === null) return;
  let result: string;
  try {
    const r = await syncPractice(db, url, { connectTimeoutMs: 3000 });
    const p = r.pull;
    const received = p.clients + p.records + p.sessions + p.signalChunks + p.beats + p.metricPoints + p.pacerChanges + p.markers + p.gaps;
    result = cliText(locale, 'practice.pushDone', { sent: String(r.push.sent), received: String(received), waiting: String(r.waiting) });
    if (r.parked > 0) {
      const { parkedSummary } = await import('../practice/parkedChanges.js');
      result += ` ${cliText(locale, 'practice.parked', { count: r.parked, clients: parkedSummary(db).clients.join(', ') })}`;
    }
  } catch (e) {
    const why = e instanceof PracticeError ? practiceMessage(locale, e) : (e as Error).message;
    result = `${why}; ${cliText(locale, 'practice.stillWaiting', { waiting: String(outboxSize(db)) })}`;
  }
  say(safeMessage(cliText(locale, 'practice.line', { result })));
}

/**
 * Before a records command reads `--db`: in practice mode, sync through a short writing connection
 * of its own (creating the local store of a new workstation). A file that cannot be opened for
 * writing (a full disk) is said in one line; the command then reads what it has.
 */
export async function syncBeforeReading(dbOption: string | boolean | undefined, locale: Locale, say: (line: string) => void): Promise<void> {
  if (!process.env.CADANS_PRACTICE_DB?.trim()) return;
  let storage;
  try {
    storage = openStorage(resolveDbPath(dbOption), { mustExist: false });
  } catch (e) {
    say(cliText(locale, 'practice.line', { result: safeMessage((e as Error).message) }));
    return;
  }
  try {
    await syncInPracticeMode(storage.db, locale, say);
  } finally {
    storage.close();
  }
}
