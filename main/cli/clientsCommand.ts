import type { Locale } from '../../shared/i18n/locales.js';
import type { ClientListItem } from '../../shared/domain/types.js';
import { safeJson, stripControls } from '../../shared/text/safeText.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { dbFileExists, withRecordsDb } from './dbOpen.js';
import { syncBeforeReading } from './practiceAutoSync.js';


/** `cadans clients` — the clients with their number of sessions (contract: see README). */
export const clientsCommand: CliCommand = {
  options: {
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('clients') }, 2);
    await syncBeforeReading(values.db, cliLocale(), (line) => void process.stderr.write(`cadans clients: ${line}\n`));
    const { exists } = dbFileExists(values.db);
    const clients = exists ? await withRecordsDb(values.db, { mustExist: true }, (s) => s.clients.list()) : [];
    process.stdout.write(values.json ? safeJson(clients) + '\n' : formatClients(clients, cliLocale()));
    return 0;
  },
};

function formatClients(clients: ClientListItem[], locale: Locale): string {
  if (clients.length === 0) return cliText(locale, 'clients.none') + '\n';
  const rows = clients.map((c) => [
    String(c.id),
    c.name,
    c.complaint ?? '',
    String(c.sessionCount),
    c.lastSessionAt ? c.lastSessionAt.slice(0, 16).replace('T', ' ') : '',
  ]);
  return table(cliText(locale, 'clients.header').split('|'), rows);
}

/** A plain text table with left-aligned columns (cells without control characters or escapes). */
export function table(header: string[], dirty: string[][]): string {
  const rows = dirty.map((r) => r.map((c) => stripControls(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
