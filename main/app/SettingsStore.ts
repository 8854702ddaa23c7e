/**
 * `SettingsStore` — the UI settings every window shares (language, client-display and panel
 * choices, the console lock, the practice database), remembered in a small JSON file next to the database (`<db>.settings.json`), or only
 * in memory when no file is given. A missing or damaged file gives the defaults (Dutch), never a
 * crash; invalid values in a patch are rejected with a message naming the field.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { checkPracticeDbSetting, validPracticeDbSetting } from './practiceDbSetting.js';
import {
  DEFAULT_DISPLAY_SETTINGS,
  DEFAULT_LOCALE,
  DEFAULT_LOCK_AFTER_MIN,
  MAX_LOCK_AFTER_MIN,
  LOCALES,
  type AppSettings,
  type DisplaySettings,
  type Locale,
} from '../../shared/ipc/apiTypes.js';

const VISUALS: readonly DisplaySettings['pacerVisual'][] = ['shape', 'wave', 'both'];
/** The tachogram's time window, seconds. */
const TACHOGRAM_WINDOW_SEC = { min: 60, max: 300 } as const;

function validTachogramWindow(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= TACHOGRAM_WINDOW_SEC.min && v <= TACHOGRAM_WINDOW_SEC.max;
}

/** `checkDisplayPatch`: the problems with a display-settings patch (empty = fine). */
export function checkDisplayPatch(patch: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const [key, v] of Object.entries(patch)) {
    switch (key) {
      case 'clientShowsNumbers':
      case 'audioCue':
      case 'clientShowsHeartRate':
      case 'groupCoherenceRing':
      case 'groupShowsNames':
        if (typeof v !== 'boolean') errors.push(`${key} must be true or false`);
        break;
      case 'pacerVisual':
        if (!VISUALS.includes(v as DisplaySettings['pacerVisual'])) errors.push(`pacerVisual must be one of ${VISUALS.join(', ')}`);
        break;
      case 'tachogramWindowSec':
        if (!validTachogramWindow(v)) errors.push(`tachogramWindowSec must be ${TACHOGRAM_WINDOW_SEC.min}–${TACHOGRAM_WINDOW_SEC.max} seconds`);
        break;
      default:
        errors.push(`unknown display setting '${key}'`);
    }
  }
  return errors;
}

function sanitize(raw: unknown): AppSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const locale = LOCALES.includes(o.locale as Locale) ? (o.locale as Locale) : DEFAULT_LOCALE;
  const display: DisplaySettings = { ...DEFAULT_DISPLAY_SETTINGS };
  const d = o.display && typeof o.display === 'object' ? (o.display as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(d)) {
    if (checkDisplayPatch({ [k]: v }).length === 0) (display as unknown as Record<string, unknown>)[k] = v;
  }
  const lockAfterMin = validLockAfter(o.lockAfterMin) ? o.lockAfterMin : DEFAULT_LOCK_AFTER_MIN;
  return { locale, display, lockAfterMin, practiceDb: validPracticeDbSetting(o.practiceDb) };
}

function validLockAfter(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_LOCK_AFTER_MIN;
}

export class SettingsStore {
  private value: AppSettings;

  /** `file`: where to remember the settings (null: memory only). */
  constructor(private readonly file: string | null) {
    this.value = sanitize(null);
    if (file) {
      try {
        this.value = sanitize(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        // Missing or unreadable: defaults.
      }
    }
  }

  get(): AppSettings {
    return { locale: this.value.locale, display: { ...this.value.display }, lockAfterMin: this.value.lockAfterMin, practiceDb: this.value.practiceDb };
  }

  /** The practice database address (null or '' clears it); a bad one or one with a password is refused (coded error). */
  setPracticeDb(url: string | null): AppSettings {
    this.value = { ...this.value, practiceDb: checkPracticeDbSetting(url) };
    this.save();
    return this.get();
  }

  /** Minutes without use before the console locks (0 = never; whole minutes up to MAX_LOCK_AFTER_MIN). */
  setLockAfter(minutes: number): AppSettings {
    if (!validLockAfter(minutes)) throw new CadansError('lock.afterRange', { max: MAX_LOCK_AFTER_MIN });
    this.value = { ...this.value, lockAfterMin: minutes };
    this.save();
    return this.get();
  }

  setLocale(locale: Locale): AppSettings {
    if (!LOCALES.includes(locale)) throw new Error(`unknown language '${String(locale)}' (use ${LOCALES.join(' or ')})`);
    this.value = { ...this.value, locale };
    this.save();
    return this.get();
  }

  /** Apply a patch; throws an Error listing every invalid field (nothing changes then). */
  setDisplay(patch: Partial<DisplaySettings>): AppSettings {
    const errors = checkDisplayPatch(patch as Record<string, unknown>);
    // The window's range is the one problem the API contract lets through (it checks only that it is a number).
    if (errors.length === 1 && 'tachogramWindowSec' in patch && !validTachogramWindow(patch.tachogramWindowSec)) {
      throw new CadansError('settings.tachogramWindow', { ...TACHOGRAM_WINDOW_SEC, got: String(patch.tachogramWindowSec) });
    }
    if (errors.length > 0) throw new Error('invalid display settings: ' + errors.join('; '));
    this.value = { ...this.value, display: { ...this.value.display, ...patch } };
    this.save();
    return this.get();
  }

  private save(): void {
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = this.file + '.tmp';
      writeFileSync(tmp, JSON.stringify(this.value, null, 2));
      renameSync(tmp, this.file);
    } catch {
      // A settings file that cannot be written must not break the session; the value stays in memory.
    }
  }
}
