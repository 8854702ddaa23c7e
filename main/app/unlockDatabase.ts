/**
 * Unlocking an encrypted database when the desktop app starts (plain Node, so it is tested without
 * Electron; electronUnlock.ts gives it Electron's prompt window and `safeStorage`). The passphrase
 * is taken from, in order: `CADANS_PASSPHRASE`, the copy kept by the operating system's key store
 * for this user (so the therapist unlocks once per login, not at every start), the therapist
 * (prompted until it opens the file, or cancelled). A passphrase that opens the file is set for
 * this process (`setDatabasePassphrase`) and, when it was typed, kept in the key store.
 */
import { existsSync } from 'node:fs';
import {
  databasePassphrase,
  looksEncrypted,
  passphraseOpens,
  setDatabasePassphrase,
} from '../../native-adapters/sqlite/databaseKey.js';

/** The passphrase kept by the OS key store (Electron `safeStorage`); absent where none is available. */
export interface PassphraseStore {
  load(): string | null;
  save(passphrase: string): void;
  forget(): void;
}

/** Ask the therapist; `wrong` = the previous answer did not open the database. null = cancelled. */
export type PassphrasePrompt = (wrong: boolean) => Promise<string | null>;

export type UnlockResult = 'plaintext' | 'unlocked' | 'cancelled';

export async function unlockDatabase(
  dbPath: string,
  deps: { prompt: PassphrasePrompt; store: PassphraseStore | null; maxAttempts?: number },
): Promise<UnlockResult> {
  if (!existsSync(dbPath) || !looksEncrypted(dbPath)) return 'plaintext';
  const fromEnv = databasePassphrase();
  if (fromEnv !== null && passphraseOpens(dbPath, fromEnv)) return 'unlocked';
  const kept = deps.store?.load() ?? null;
  if (kept !== null) {
    if (passphraseOpens(dbPath, kept)) {
      setDatabasePassphrase(kept);
      return 'unlocked';
    }
    deps.store?.forget();
  }
  let wrong = fromEnv !== null;
  for (let i = 0; i < (deps.maxAttempts ?? 5); i++) {
    const typed = await deps.prompt(wrong);
    if (typed === null) return 'cancelled';
    if (typed !== '' && passphraseOpens(dbPath, typed)) {
      setDatabasePassphrase(typed);
      deps.store?.save(typed);
      return 'unlocked';
    }
    wrong = true;
  }
  return 'cancelled';
}
