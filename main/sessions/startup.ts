/**
 * Start-up of the records (app and CLI): sessions left 'recording' by a crash, kill or power
 * cut become 'interrupted' (`SessionsRepo.recoverInterruptedSessions`), keep their data, and
 * get their summary from the stored data so they can be reported on and exported.
 */
import type { Storage } from '../storage/storage.js';
import { computeSessionSummary } from './sessionSummary.js';

/**
 * CLI commands may run beside a live recording (another process commits at least every second
 * and refreshes its session at least every second when no data comes): only sessions without a
 * write for this long are taken as interrupted.
 */
export const CLI_STALE_AFTER_SEC = 5;

export interface StartupOptions {
  /** Only recover sessions without a write for this long (default 0 = all; CLI: `CLI_STALE_AFTER_SEC`). */
  staleAfterSec?: number;
  now?: Date;
  /** Compute and store the summary of each recovered session (default true). */
  summarize?: boolean;
}

/** `recoverOnStartup` — mark sessions left 'recording' as 'interrupted' and summarise them; returns their ids. */
export function recoverOnStartup(storage: Storage, options: StartupOptions = {}): number[] {
  const ids = storage.sessions.recoverInterruptedSessions({ staleAfterSec: options.staleAfterSec, now: options.now });
  if (options.summarize !== false) {
    for (const id of ids) {
      if (storage.sessions.require(id).summary !== null) continue;
      storage.sessions.setSummary(id, computeSessionSummary(storage, id));
    }
  }
  return ids;
}
