/**
 * `cadans practice init|status|push` — practice mode on PostgreSQL (issue 17; the server from
 * CADANS_PRACTICE_DB=postgres://user@host:port/db).
 * - `init`: create or upgrade the schema on the server.
 * - `status`: server reachable (and its schema), outbox size, last sync; `--json` for scripts.
 *   Exit 0 even when the server is unreachable (that is the status).
 * - `push`: join the practice (first time: everything stored before is queued), send the outbox
 *   now and take in what the other workstations wrote; exit 1 while anything is still waiting
 *   (server unreachable or lost mid-way: what was sent stays sent, the rest waits).
 */
import type { Locale } from '../../shared/i18n/locales.js';
import { practiceReasonText } from '../../shared/i18n/practiceReasonText.js';
import { safeJson, showText } from '../../shared/text/safeText.js';
import { initPractice, PracticeError, practiceStatus, requirePracticeUrl, syncPractice } from '../practice/practiceSync.js';
import { outboxSize } from '../practice/localSyncState.js';
import { parkedSummary } from '../practice/parkedChanges.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { CliError, cliError } from './cliError.js';
import { cliLine, cliLocale, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { shownPracticeUrl } from '../../native-adapters/pg/practiceUrl.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';


export const practiceCommand: CliCommand = {
  options: {
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
    batch: { type: 'string' },
    client: { type: 'string' },
    therapist: { type: 'string', multiple: true },
    clear: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    const locale = cliLocale();
    const [sub, extra] = positionals;
    if (extra !== undefined) throw cliError('cli.unexpectedArgument', { arg: showText(extra, 60), usage: usageOf('practice') }, 2);
    if (sub !== 'init' && sub !== 'status' && sub !== 'push' && sub !== 'restrict') throw cliError('practice.usage', { usage: usageOf('practice') }, 2);
    const batchSize = values.batch === undefined ? undefined : Number(values.batch);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 100_000)) {
      throw cliError('cli.usage', { detail: { cliText: 'practice.batch', params: { got: showText(String(values.batch), 20) } }, usage: usageOf('practice') }, 2);
    }
    try {
      const url = requirePracticeUrl();
      if (sub === 'init') {
        const r = await initPractice(url);
        if (values.json) process.stdout.write(safeJson(r) + '\n');
        else {
          const server = shownPracticeUrl(url);
          process.stdout.write(cliText(locale, 'practice.initDone', { applied: r.applied.length ? 'some' : 'none', server, from: String(r.from), to: String(r.to) }) + '\n');
        }
        return 0;
      }
      if (sub === 'restrict') return await restrict(url, values, locale);
      return await withWritableDb(values.db, async (storage) => {
        if (sub === 'status') {
          const s = await practiceStatus(storage.db, url);
          process.stdout.write(values.json ? safeJson(s) + '\n' : formatStatus(s, locale));
          return 0;
        }
        try {
          const r = await syncPractice(storage.db, url, {
            batchSize,
            retryParked: true,
            onBatch: (sent, waiting) => process.stderr.write(cliText(locale, 'practice.pushProgress', { sent: String(sent), waiting: String(waiting) }) + '\n'),
          });
          const p = r.pull;
          const received = p.clients + p.records + p.sessions + p.signalChunks + p.beats + p.metricPoints + p.pacerChanges + p.markers + p.gaps;
          if (r.parked > 0) {
            const clients = parkedSummary(storage.db).clients.join(', ');
            process.stderr.write(cliText(locale, 'practice.line', { result: cliText(locale, 'practice.parked', { count: r.parked, clients }) }) + '\n');
          }
          if (values.json) process.stdout.write(safeJson({ sent: r.push.sent, received: p, waiting: r.waiting, parked: r.parked }) + '\n');
          else process.stdout.write(cliText(locale, 'practice.pushDone', { sent: String(r.push.sent), received: String(received), waiting: String(r.waiting) }) + '\n');
          return r.waiting === 0 ? 0 : 1;
        } catch (e) {
          if (!(e instanceof PracticeError)) throw e;
          const waiting = outboxSize(storage.db);
          throw new CliError(`${practiceMessage('en', e)}; ${cliText('en', 'practice.stillWaiting', { waiting: String(waiting) })}`, 1, {
            key: 'practice.line',
            params: { result: `${practiceMessage(locale, e)}; ${cliText(locale, 'practice.stillWaiting', { waiting: String(waiting) })}` },
          });
        }
      });
    } catch (e) {
      if (e instanceof PracticeError) throw new CliError(practiceMessage('en', e), 1, { render: (l) => practiceMessage(l, e) });
      throw e;
    }
  },
};

/** `restrict --client C --therapist ROLE…` or `--clear`: the practice owner limits who sees a client. */
async function restrict(url: string, values: Record<string, unknown>, locale: Locale): Promise<number> {
  const therapists = (values.therapist as string[] | undefined) ?? [];
  const client = typeof values.client === 'string' ? values.client.trim() : '';
  if (!client || (therapists.length === 0) === !values.clear) throw cliError('practice.restrictNeeds', { usage: usageOf('practice') }, 2);
  const { restrictClient } = await import('../practice/clientRestrictions.js');
  const dbPath = resolveDbPath(values.db as string | boolean | undefined);
  // A local id needs the local file (read only, when it exists); a name or uuid is looked up on the server.
  const storage = /^\d+$/.test(client) ? openLocal(dbPath) : null;
  try {
    const r = await restrictClient(url, storage?.db ?? null, client, values.clear ? [] : therapists);
    if (values.json) process.stdout.write(safeJson(r) + '\n');
    else process.stdout.write(cliText(locale, 'practice.restricted', { count: r.therapists.length, client: r.client.name, therapists: r.therapists.join(', ') }) + '\n');
    return 0;
  } finally {
    storage?.close();
  }
}

function openLocal(path: string): Storage {
  try {
    return openStorage(path, { readonly: true });
  } catch (e) {
    throw toCliError(e);
  }
}

function keyOf(e: PracticeError): Parameters<typeof cliText>[1] {
  switch (e.code) {
    case 'refused':
      return 'practice.refused';
    case 'not-admin':
      return 'practice.notAdmin';
    case 'no-client':
      return 'practice.noClient';
    case 'ambiguous-client':
      return 'practice.ambiguousClient';
    case 'no-therapist':
      return 'practice.noTherapist';
    case 'no-url':
      return 'practice.noUrl';
    case 'bad-url':
      return 'practice.badUrl';
    case 'unreachable':
      return 'practice.unreachable';
    case 'not-initialised':
      return 'practice.notInitialised';
    case 'server-newer':
      return 'practice.serverNewer';
    default:
      return 'practice.failed';
  }
}

/** A PracticeError in the user's language. */
export function practiceMessage(locale: Locale, e: PracticeError): string {
  // A server or network failure: the reason in words, the server's text only as a technical detail.
  const detail = (e.code === 'unreachable' || e.code === 'failed') && e.reason !== null ? practiceReasonText(locale, e.reason, e.detail) : e.detail;
  return cliText(locale, keyOf(e), { detail });
}

async function withWritableDb<T>(dbOption: string | boolean | undefined, fn: (s: Storage) => Promise<T>): Promise<T> {
  let storage: Storage;
  try {
    storage = openStorage(resolveDbPath(dbOption), { mustExist: false });
  } catch (e) {
    throw toCliError(e);
  }
  try {
    return await fn(storage);
  } finally {
    storage.close();
  }
}

function formatStatus(s: Awaited<ReturnType<typeof practiceStatus>>, locale: Locale): string {
  const reachable = cliText(locale, 'practice.statusReachable', {
    reachable: s.reachable ? 'yes' : 'no',
    schema: String(s.serverSchema ?? 0),
    problem: s.problemReason ? practiceReasonText(locale, s.problemReason, s.problem) : (s.problem ?? ''),
  }) + (s.reachable && s.problemReason ? ` — ${practiceReasonText(locale, s.problemReason)}` : '');
  return [
    cliLine(cliText(locale, 'practice.statusServer'), `${s.server} — ${reachable}`),
    cliLine(cliText(locale, 'practice.statusOutbox'), cliText(locale, 'practice.statusOutboxValue', { count: String(s.outbox) })),
    ...(s.parked > 0 ? [cliLine(cliText(locale, 'practice.statusParked'), cliText(locale, 'practice.statusParkedValue', { count: s.parked, clients: s.parkedClients.join(', ') }))] : []),
    cliLine(cliText(locale, 'practice.statusLastSync'), s.lastSyncAt ?? cliText(locale, 'practice.never')),
    cliLine(cliText(locale, 'practice.statusWorkstation'), s.workstationId),
  ].join('\n') + '\n';
}
