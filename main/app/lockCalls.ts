/**
 * `LockCalls` — the console lock (the contract's `getLockState` … `setLockAfter`, event `onLock`).
 *
 * An unattended workstation must not show client data (NEN 7510). The console locks on the
 * therapist's command or after `lockAfterMin` minutes without use: no call to the core and no
 * pointer or key activity on a page (pages report activity with `getLockState`, at most every
 * 30 s) — never by itself during a live session (the therapist is watching it). While locked, `guardLocked` refuses every call outside
 * `LOCKED_CALLS_ALLOWED` — the client list, records, reports and exports — on every transport
 * (Electron IPC, web host), and every page (the client display included) shows the lock screen; a
 * recording in progress goes on. Unlocking needs the database passphrase when the database is
 * encrypted (checked by `verifyPassphrase`), otherwise a click: the lock then hides the records
 * from a passer-by, it does not authenticate (the OS login does).
 */
import { LOCKED_CALLS_ALLOWED, type CadansService, type InvokeName } from '../../shared/ipc/contract.js';
import type { LockState } from '../../shared/ipc/apiTypes.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import type { EventHub } from './eventHub.js';
import type { SettingsStore } from './SettingsStore.js';


export interface LockOptions {
  /** Checks the database passphrase (encrypted databases); absent: unlocking needs none. */
  verifyPassphrase?: (passphrase: string) => boolean;
  /** Wall clock, ms. */
  nowMs?: () => number;
  /** A live session is running (no automatic lock then). */
  busy?: () => boolean;
  /** Lock after idle minutes (default true; a CLI command has no console to lock). */
  auto?: boolean;
}

export class LockCalls {
  private locked = false;
  private lastUseMs: number;
  private readonly nowMs: () => number;

  constructor(
    private readonly settings: SettingsStore,
    private readonly hub: EventHub,
    private readonly opts: LockOptions = {},
  ) {
    this.nowMs = opts.nowMs ?? Date.now;
    this.lastUseMs = this.nowMs();
  }

  get isLocked(): boolean {
    return this.locked;
  }

  getLockState(): LockState {
    return { locked: this.locked, needsPassphrase: this.opts.verifyPassphrase !== undefined, lockAfterMin: this.settings.get().lockAfterMin };
  }

  lockConsole(): LockState {
    if (!this.locked) {
      this.locked = true;
      this.hub.emit('onLock', this.getLockState());
    }
    return this.getLockState();
  }

  /** Unlock; with an encrypted database only with its passphrase (a wrong one changes nothing). */
  unlockConsole(passphrase: string | null): LockState {
    if (!this.locked) return this.getLockState();
    const verify = this.opts.verifyPassphrase;
    if (verify && !(typeof passphrase === 'string' && passphrase.length > 0 && verify(passphrase))) {
      throw new CadansError('lock.wrongPassphrase');
    }
    this.locked = false;
    this.lastUseMs = this.nowMs();
    this.hub.emit('onLock', this.getLockState());
    return this.getLockState();
  }

  setLockAfter(minutes: number): LockState {
    this.settings.setLockAfter(minutes);
    const s = this.getLockState();
    this.hub.emit('onLock', s);
    return s;
  }

  /** A call came in: the console is in use. */
  noteUse(): void {
    this.lastUseMs = this.nowMs();
  }

  /** Housekeeping (the core's tick): lock when no call has come for `lockAfterMin` minutes. */
  tick(): void {
    if (this.opts.auto === false) return;
    if (this.opts.busy?.()) {
      this.lastUseMs = this.nowMs();
      return;
    }
    const min = this.settings.get().lockAfterMin;
    if (!this.locked && min > 0 && this.nowMs() - this.lastUseMs >= min * 60_000) this.lockConsole();
  }
}

/**
 * `guardLocked` — the service with every call outside `LOCKED_CALLS_ALLOWED` refused while `lock`
 * is locked; every call counts as use of the console.
 */
export function guardLocked(service: CadansService, lock: LockCalls): CadansService {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(service) as [InvokeName, (...a: unknown[]) => unknown][]) {
    out[name] = LOCKED_CALLS_ALLOWED.has(name)
      ? (...a: unknown[]) => {
          if (!lock.isLocked) lock.noteUse();
          return fn(...a);
        }
      : (...a: unknown[]) => {
          if (lock.isLocked) throw new CadansError('lock.locked');
          lock.noteUse();
          return fn(...a);
        };
  }
  return out as CadansService;
}
