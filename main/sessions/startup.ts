/**
 * Start-up of the records (app, web host and CLI alike): sessions left 'recording' by a crash,
 * kill or power cut become 'interrupted' (`SessionsRepo.recoverInterruptedSessions`), keep their
 * data, and get their summary from the stored data so they can be reported on and exported.
 *
 * Whether a session is still being recorded is decided by its recording lock (an OS file lock
 * the recording process holds; native-adapters/sqlite/recordingLock.ts), never by a timeout: a
 * recording in another process that cannot write for a while (disk full, a stalled machine) is
 * left alone, and one whose process died is recovered at once.
 */
import { isDiskFullError } from '../../native-adapters/sqlite/databaseFileError.js';
import type { Storage } from '../storage/storage.js';
import { computeSessionSummary } from './sessionSummary.js';
import { finishLiveRun } from '../running/liveRunStore.js';

/**
 * Sessions without a recording lock file (recorded by an older Cadans): another process may
 * still be recording them (it commits at least every second and refreshes its session at least
 * every second when no data comes), so only sessions without a write for this long are taken as
 * interrupted.
 */
export const CLI_STALE_AFTER_SEC = 5;

export interface StartupOptions {
  /** Sessions without a lock file: only recover them without a write for this long (default 0 = all; app and CLI: `CLI_STALE_AFTER_SEC`). */
  staleAfterSec?: number;
  now?: Date;
  /** Compute and store the summary of each recovered session (default true). */
  summarize?: boolean;
}

/** `recoverOnStartup` — mark sessions whose recorder is gone as 'interrupted' and summarise them; returns their ids. */
export function recoverOnStartup(storage: Storage, options: StartupOptions = {}): number[] {
  const ids = storage.sessions.recoverInterruptedSessions({ staleAfterSec: options.staleAfterSec, now: options.now });
  // A group session whose members were all recovered (or had ended) ends with its last member.
  if (ids.length > 0) storage.groups.endFinished();
  if (options.summarize !== false) {
    for (const id of ids) {
      // A live run session holds its plan as its summary until it ends: its run summary now.
      if (finishLiveRun(storage, id) !== null) continue;
      if (storage.sessions.require(id).summary !== null) continue;
      storage.sessions.setSummary(id, computeSessionSummary(storage, id));
    }
  }
  return ids;
}

export interface StartupRecovery {
  /** Sessions marked 'interrupted'. */
  recovered: number[];
  /** Sessions that need recovery but could not be written (disk full); they stay 'recording' for now. */
  postponed: number[];
  /** One sentence for the user when something was postponed (English), else null. */
  problem: string | null;
}

/**
 * `tryRecoverOnStartup` — `recoverOnStartup`, but a full disk does not stop the caller: the
 * sessions stay as they are (listed as 'recording') until a later start has room, and `problem`
 * says so. Reading the records needs no writes. Other errors are thrown.
 */
export function tryRecoverOnStartup(storage: Storage, options: StartupOptions = {}): StartupRecovery {
  try {
    return { recovered: recoverOnStartup(storage, options), postponed: [], problem: null };
  } catch (e) {
    if (!isDiskFullError(e)) throw e;
    const postponed = storage.sessions.deadRecordings({ staleAfterSec: options.staleAfterSec, now: options.now });
    const which = postponed.length === 1 ? `session ${postponed[0]}` : `sessions ${postponed.join(', ')}`;
    return {
      recovered: [],
      postponed,
      problem:
        postponed.length === 0
          ? 'the disk is full; the summary of an interrupted session could not be stored yet (free some space).'
          : `the disk is full, so ${which} (whose recording ended without being closed) could not be marked interrupted yet; ` +
            'it is shown as recording until there is space again.',
    };
  }
}
