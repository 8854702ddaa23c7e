/**
 * The practice database address as the app's settings keep it (issue 17): a postgres:// or
 * postgresql:// URL with a server name and never a password (it would be readable in the
 * settings file; PostgreSQL's own .pgpass or PGPASSWORD carry it). See practiceSetting.ts.
 */
import { CadansError } from '../../shared/i18n/CadansError.js';
import { MAX_PRACTICE_URL_LENGTH } from '../../shared/ipc/practiceSchemas.js';
import { shownPracticeUrl } from '../../native-adapters/pg/practiceUrl.js';

/**
 * `checkPracticeDbSetting` — the address to keep (trimmed; '' and null clear it), or a coded error:
 * not a postgres:// or postgresql:// URL with a server name, or with a password in it.
 */
export function checkPracticeDbSetting(value: string | null): string | null {
  const url = (value ?? '').trim();
  if (url === '') return null;
  const shown = shownPracticeUrl(url).slice(0, 120);
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  const clean = url.length <= MAX_PRACTICE_URL_LENGTH && !/[\s\u0000-\u001f\u007f]/.test(url);
  if (!u || !clean || !/^postgres(ql)?:$/i.test(u.protocol) || u.hostname === '') throw new CadansError('practiceDb.settingBadUrl', { value: shown });
  if (u.password !== '') throw new CadansError('practiceDb.settingPassword');
  return url;
}

/** The setting, if it is (still) a valid one; a damaged value counts as none. */
export function validPracticeDbSetting(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return checkPracticeDbSetting(value);
  } catch {
    return null;
  }
}
