/**
 * `accessLogCsv` — access-log entries as CSV (RFC 4180: comma-separated, every text cell quoted,
 * CRLF line ends, a UTF-8 byte-order mark so spreadsheet programs read the user names right). The
 * columns are those of the log, hashes included, so an auditor can check the chain outside Cadans.
 * A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, tab or CR) gets
 * a leading apostrophe (OWASP's advice against CSV injection); ids, times and hashes never do.
 */
import type { AccessEntry } from '../storage/accessLogRepo.js';

export const ACCESS_LOG_CSV_COLUMNS = ['id', 'time_utc', 'action', 'client_id', 'session_id', 'user', 'workstation', 'detail', 'prev_hash', 'hash'] as const;

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const text = (s: string): string => quote(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const num = (n: number | null): string => (n === null ? '' : String(n));

export function accessLogCsv(rows: readonly AccessEntry[]): string {
  const lines = [ACCESS_LOG_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([String(r.id), r.at, r.action, num(r.clientId), num(r.sessionId), text(r.user), text(r.workstation), text(r.detail), r.prevHash, r.hash].join(','));
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
