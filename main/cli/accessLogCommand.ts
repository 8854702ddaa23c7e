/**
 * `cadans access-log [--client <name|id>] [--verify] [--db FILE] [--json]` — the access log of
 * client records (NEN 7513): who (OS user, workstation) opened, exported, reported, recorded or
 * changed which client's record, and when; oldest first. `--verify` checks the hash chain over the
 * whole log and exits 1 when it is broken. With --json: one JSON array of entries (with --verify:
 * `{"ok", "entries", "brokenAtId"?}`). Reading the log is itself not logged.
 */
import { accessActionText, accessDetailText } from '../../shared/i18n/accessLogDetail.js';
import { fieldLabelIn, hasValidationText } from '../../shared/i18n/issueText.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { safeJson, showText } from '../../shared/text/safeText.js';
import type { AccessEntry } from '../storage/accessLogRepo.js';
import { cliError } from './cliError.js';
import { cliLocale, cliText, usageOf } from './cliText.js';
import { table } from './clientsCommand.js';
import type { CliCommand } from './cliMain.js';
import { withRecordsDb } from './dbOpen.js';
import { findClients } from './recordsClient.js';


export const accessLogCommand: CliCommand = {
  options: {
    client: { type: 'string' },
    verify: { type: 'boolean', default: false },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: showText(positionals[0]!, 60), usage: usageOf('access-log') }, 2);
    const locale = cliLocale();
    const clientSpec = typeof values.client === 'string' ? values.client : undefined;
    if (values.verify === true) {
      const v = await withRecordsDb(values.db, { mustExist: true }, (s) => s.accessLog.verify());
      if (values.json) process.stdout.write(safeJson(v) + '\n');
      else process.stdout.write(cliText(locale, v.ok ? 'accessLog.intact' : 'accessLog.broken', { entries: String(v.entries), id: v.ok ? '' : String(v.brokenAtId) }) + '\n');
      return v.ok ? 0 : 1;
    }
    const entries = await withRecordsDb(values.db, { mustExist: true }, (s) => {
      if (clientSpec === undefined) return s.accessLog.list();
      const clients = findClients(s, clientSpec);
      if (clients.length === 0) throw cliError('cli.noClientNamed', { name: showText(clientSpec, 80) });
      return clients.flatMap((c) => s.accessLog.list(c.id)).sort((a, b) => a.id - b.id);
    });
    process.stdout.write(values.json ? safeJson(entries) + '\n' : formatEntries(entries, locale));
    return 0;
  },
};

const INSTRUMENTS = ['4dkl', 'mvi', 'nq'] as const;

/** A changed field's label ('scores.distress' → the 4DKL's distress scale), as the UI's history names it. */
function changedFieldLabel(locale: Locale, field: string): string {
  const score = /^scores\.(\w+)$/.exec(field);
  const inst = score ? INSTRUMENTS.find((i) => hasValidationText(`scale.${i}.${score[1]}`)) : undefined;
  return inst ? fieldLabelIn(locale, `${inst}.${score![1]}`) : fieldLabelIn(locale, field);
}

function formatEntries(rows: AccessEntry[], locale: Locale): string {
  if (rows.length === 0) return cliText(locale, 'accessLog.none') + '\n';
  return table(
    cliText(locale, 'accessLog.header').split('|'),
    rows.map((r) => [
      String(r.id),
      r.at.slice(0, 19).replace('T', ' '),
      locale === 'en' ? r.action : accessActionText(locale, r.action),
      r.clientId === null ? '' : String(r.clientId),
      r.sessionId === null ? '' : String(r.sessionId),
      showText(r.user, 40),
      showText(r.workstation, 40),
      showText(locale === 'en' ? r.detail : accessDetailText(locale, r.detail, { field: (f) => changedFieldLabel(locale, f) }), locale === 'en' ? 60 : 120),
    ]),
  );
}
