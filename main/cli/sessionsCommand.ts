import type { Locale } from '../../shared/i18n/locales.js';
import type { SessionListItem } from '../../shared/domain/types.js';
import { safeJson } from '../../shared/text/safeText.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, cliNum, usageOf } from './cliText.js';
import { table } from './clientsCommand.js';
import type { CliCommand } from './cliMain.js';
import { dbFileExists, withRecordsDb } from './dbOpen.js';
import { syncBeforeReading } from './practiceAutoSync.js';
import { findClients } from './recordsClient.js';


/** One row of `cadans sessions --json` (exactly these fields). */
export interface SessionsJsonRow {
  id: number;
  clientId: number;
  type: string;
  startedAt: string;
  /** Span of the stored signal, s (of the beats for interval sensors). */
  durationSec: number;
  status: string;
  samples: number;
  beats: number;
  /** Only for a member of a group session: the group's id. */
  groupId?: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function sessionsJsonRow(s: SessionListItem): SessionsJsonRow {
  return {
    id: s.id,
    clientId: s.clientId,
    type: s.type,
    startedAt: s.startedAt,
    durationSec: round3(s.durationSec),
    status: s.status,
    samples: s.samples,
    beats: s.beats,
    ...(s.groupId !== null ? { groupId: s.groupId } : {}),
  };
}

/** `cadans sessions` — sessions of all clients or of one, oldest first (contract: see README). */
export const sessionsCommand: CliCommand = {
  options: {
    client: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('sessions') }, 2);
    await syncBeforeReading(values.db, cliLocale(), (line) => void process.stderr.write(`cadans sessions: ${line}\n`));
    const { exists } = dbFileExists(values.db);
    const clientSpec = typeof values.client === 'string' ? values.client : undefined;
    if (!exists && clientSpec !== undefined) throw cliError('cli.noClientNoDatabase', { name: clientSpec });
    const sessions = !exists
      ? []
      : await withRecordsDb(values.db, { mustExist: true }, (s) => {
          if (clientSpec === undefined) return s.sessions.list({ order: 'oldest' });
          const clients = findClients(s, clientSpec);
          if (clients.length === 0) throw cliError('cli.noClientNamed', { name: clientSpec });
          return clients
            .flatMap((c) => s.sessions.listByClient(c.id, { order: 'oldest' }))
            .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
        });
    const rows = sessions.map(sessionsJsonRow);
    process.stdout.write(values.json ? safeJson(rows) + '\n' : formatSessions(rows, cliLocale()));
    return 0;
  },
};

function formatSessions(rows: SessionsJsonRow[], locale: Locale): string {
  if (rows.length === 0) return cliText(locale, 'sessions.none') + '\n';
  const groups = rows.some((r) => r.groupId !== undefined);
  return table(
    [...cliText(locale, 'sessions.header').split('|'), ...(groups ? [cliText(locale, 'sessions.groupColumn')] : [])],
    rows.map((r) => [
      String(r.id),
      String(r.clientId),
      r.type,
      r.startedAt.slice(0, 19).replace('T', ' '),
      `${cliNum(locale, r.durationSec, 1)} s`,
      r.status,
      String(r.samples),
      String(r.beats),
      ...(groups ? [r.groupId !== undefined ? String(r.groupId) : ''] : []),
    ]),
  );
}
