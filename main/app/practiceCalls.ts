/**
 * `PracticeCalls` — practice mode in the app and the web host (issue 17; the contract's
 * `getPracticeState`, `syncPracticeNow` and event `onPracticeState`). With CADANS_PRACTICE_DB set
 * the core syncs by itself every little while (CADANS_PRACTICE_SYNC_SEC, default 30 s) and when
 * asked ("sync now"), as `cadans practice push` does: send the outbox, take in what the other
 * workstations wrote. A lost server is a state, not an error: everything stays stored here and
 * the outbox waits. The pages hear of every change of the state, the waiting count included (the
 * records poll calls `refresh`). `pg` is loaded only in practice mode.
 */
import { CadansError } from '../../shared/i18n/CadansError.js';
import { reasonKey } from '../../shared/i18n/practiceReasons.js';
import type { ClientRestrictionView, PracticeProblemCode, PracticeReason, PracticeStateView, RestrictClientRequest } from '../../shared/ipc/practiceTypes.js';
import { shownPracticeUrl } from '../../native-adapters/pg/practiceUrl.js';
import { getSyncState, hasSyncSchema, joinPractice, outboxSize } from '../practice/localSyncState.js';
import { parkedSummary } from '../practice/parkedChanges.js';
import type { Storage } from '../storage/storage.js';
import type { EventHub } from './eventHub.js';

export interface PracticeCallsOptions {
  /** The practice database URL (CADANS_PRACTICE_DB), or null: practice mode off. */
  url: string | null;
  /** Sync every this long (ms); 0: only when asked. */
  syncEveryMs: number;
}

/** The options from the environment: CADANS_PRACTICE_DB and CADANS_PRACTICE_SYNC_SEC (default 30 s). */
export function practiceOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PracticeCallsOptions {
  const sec = Number(env.CADANS_PRACTICE_SYNC_SEC ?? '30');
  return { url: env.CADANS_PRACTICE_DB?.trim() || null, syncEveryMs: Number.isFinite(sec) && sec > 0 ? Math.round(sec * 1000) : 0 };
}

export class PracticeCalls {
  private state: PracticeStateView;
  private running: Promise<PracticeStateView> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(
    private readonly storage: Storage,
    private readonly hub: EventHub,
    private readonly opts: PracticeCallsOptions,
  ) {
    const on = opts.url !== null;
    this.state = {
      mode: on ? 'on' : 'off',
      connection: on ? 'unknown' : 'off',
      syncing: false,
      server: on ? shownPracticeUrl(opts.url!).slice(0, 200) : null,
      waiting: 0,
      parked: 0,
      parkedClients: [],
      lastSyncAt: null,
      problemCode: null,
      problemReason: null,
      problem: null,
    };
    this.state = this.current();
  }

  getPracticeState(): PracticeStateView {
    this.state = this.current();
    return { ...this.state };
  }

  /**
   * Sync now, asked for: parked changes are tried again too (a sync already running is joined,
   * not doubled). Never throws: the outcome is the state.
   */
  syncPracticeNow(): Promise<PracticeStateView> {
    return this.syncOnce(true);
  }

  private syncOnce(retryParked: boolean): Promise<PracticeStateView> {
    if (this.opts.url === null || this.closed) return Promise.resolve(this.getPracticeState());
    this.running ??= this.sync(this.opts.url, retryParked).finally(() => (this.running = null));
    return this.running;
  }

  /** Who may see client `clientId` (the practice owner also gets the list and the roles to choose from). */
  async getClientRestriction(clientId: number): Promise<ClientRestrictionView> {
    const off: ClientRestrictionView = { clientId, practice: false, shared: false, mayRestrict: false, therapists: null, choices: [] };
    this.storage.clients.require(clientId);
    if (this.opts.url === null) return off;
    const { readRestriction } = await import('../practice/clientRestrictions.js');
    try {
      return { clientId, practice: true, ...(await readRestriction(this.opts.url, this.storage.db, clientId)) };
    } catch (e) {
      throw await codedPracticeError(e);
    }
  }

  /** The practice owner restricts client `clientId` to `therapists`, or lifts it (empty). Refused in the user's language otherwise. */
  async restrictClient(req: RestrictClientRequest): Promise<ClientRestrictionView> {
    if (this.opts.url === null) throw new CadansError('practiceDb.off');
    const { restrictClient } = await import('../practice/clientRestrictions.js');
    try {
      this.storage.clients.require(req.clientId);
      await restrictClient(this.opts.url, this.storage.db, String(req.clientId), req.therapists);
    } catch (e) {
      throw await codedPracticeError(e);
    }
    // Who changed who may see the record, in this workstation's access log too (the server keeps its own).
    const detail = req.therapists.length > 0 ? `restrictClient to ${req.therapists.join(' ')}` : 'restrictClient lifted';
    this.storage.accessLog.append({ action: 'edit', clientId: req.clientId, detail });
    return this.getClientRestriction(req.clientId);
  }

  /** Sync at once and then every `syncEveryMs` (the app and the web host; not a CLI command). */
  start(): void {
    if (this.opts.url === null || this.timer !== null) return;
    // Joined at once, server or not: what is stored and every change from now on waits in the
    // outbox (and is counted as waiting) until the server is reached.
    if (hasSyncSchema(this.storage.db)) {
      joinPractice(this.storage.db);
      this.state = this.current();
    }
    void this.syncOnce(false);
    if (this.opts.syncEveryMs > 0) {
      this.timer = setInterval(() => void this.syncOnce(false), this.opts.syncEveryMs);
      this.timer.unref?.();
    }
  }

  /** The records changed (here or in another process): tell the pages when the waiting count did. */
  refresh(): void {
    if (this.opts.url === null) return;
    const before = this.state.waiting;
    const parkedBefore = this.state.parked;
    this.state = this.current();
    if (this.state.waiting !== before || this.state.parked !== parkedBefore) this.emit();
  }

  /** Stop the timer; waits for a running sync (so the database is not closed under it). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private current(): PracticeStateView {
    const db = this.storage.db;
    if (this.opts.url === null || !hasSyncSchema(db)) return { ...this.state };
    const parked = parkedSummary(db);
    return { ...this.state, waiting: outboxSize(db), parked: parked.count, parkedClients: parked.clients, lastSyncAt: getSyncState(db, 'last_sync_at') };
  }

  private emit(): void {
    this.hub.emit('onPracticeState', { ...this.state });
  }

  private async sync(url: string, retryParked: boolean): Promise<PracticeStateView> {
    this.state = { ...this.current(), syncing: true };
    this.emit();
    let connection: PracticeStateView['connection'] = 'online';
    let problemCode: PracticeProblemCode | null = null;
    let problem: string | null = null;
    let problemReason: PracticeReason | null = null;
    try {
      const { syncPractice } = await import('../practice/practiceSync.js');
      await syncPractice(this.storage.db, url, { connectTimeoutMs: 3000, retryParked });
    } catch (e) {
      const { PracticeError } = await import('../practice/practiceSync.js');
      const code = e instanceof PracticeError ? e.code : 'failed';
      problemCode = code === 'bad-url' || code === 'unreachable' || code === 'not-initialised' || code === 'server-newer' || code === 'refused' ? code : 'failed';
      connection = code === 'unreachable' ? 'offline' : 'problem';
      problem = (e instanceof PracticeError ? e.detail : (e as Error).message).slice(0, 300);
      problemReason = e instanceof PracticeError ? e.reason : 'other';
    }
    this.state = { ...this.current(), connection, syncing: false, problemCode, problemReason, problem };
    this.emit();
    return { ...this.state };
  }
}

/** A practice-mode failure as a coded error the pages show in the user's language (the server's text only as its detail). */
async function codedPracticeError(e: unknown): Promise<unknown> {
  const { PracticeError } = await import('../practice/practiceSync.js');
  if (!(e instanceof PracticeError)) return e;
  switch (e.code) {
    case 'not-admin':
      return new CadansError('practiceDb.notAdmin', {}, { cause: e });
    case 'no-therapist':
      return new CadansError('practiceDb.noTherapist', { role: e.detail }, { cause: e });
    case 'no-client':
    case 'ambiguous-client':
      return new CadansError('practiceDb.clientNotShared', {}, { cause: e });
    default:
      return new CadansError('practiceDb.problem', { reason: reasonKey(e.reason ?? 'other'), detail: e.detail.slice(0, 300) }, { cause: e });
  }
}
