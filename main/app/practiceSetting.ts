/**
 * The practice database chosen in the app (issue 17: "`CADANS_PRACTICE_DB` … or the same in the
 * app's settings"). The settings file next to the database (`<db>.settings.json`) keeps it as
 * `practiceDb`; when a process starts on that database and CADANS_PRACTICE_DB is not set, the
 * setting is put in its place, so the app, the web host and every `cadans` command on that
 * database use the same server (`applyPracticeSetting`). The environment goes first. The address
 * never holds a password (it would be readable in the settings file): PostgreSQL's own .pgpass or
 * PGPASSWORD carry it.
 */
import { SettingsStore } from './SettingsStore.js';

export const PRACTICE_DB_ENV = 'CADANS_PRACTICE_DB';

/** Where a process's practice database came from. */
export type PracticeDbSource = 'env' | 'settings' | null;

/**
 * `applyPracticeSetting` — at the start of a process on `dbPath`: CADANS_PRACTICE_DB from the
 * app's setting when the environment has none. Returns where the practice database comes from.
 */
export function applyPracticeSetting(dbPath: string, env: NodeJS.ProcessEnv = process.env): PracticeDbSource {
  const set = env[PRACTICE_DB_ENV]?.trim();
  // Applied earlier in this process (the CLI before `cadans web` builds its core): still the setting's.
  if (set) return set === applied.get(env) ? 'settings' : 'env';
  if (dbPath === ':memory:') return null;
  const url = new SettingsStore(dbPath + '.settings.json').get().practiceDb;
  if (url === null) return null;
  env[PRACTICE_DB_ENV] = url;
  applied.set(env, url);
  return 'settings';
}

/** The address this process put into an environment from the settings. */
const applied = new WeakMap<NodeJS.ProcessEnv, string>();
