/**
 * `AppCalls` — the app part of the core (the contract's `getAppInfo` … `openClientDisplay`):
 * version and host, the UI settings (language, client display, practice database) from the settings file, and
 * opening the client display (a window in Electron, a URL from the web host).
 */
import type { AppInfo, AppSettings, ClientDisplayTarget, DisplaySettings, Locale } from '../../shared/ipc/apiTypes.js';
import type { PracticeSettingView } from '../../shared/ipc/practiceTypes.js';
import type { PracticeDbSource } from './practiceSetting.js';
import type { EventHub } from './eventHub.js';
import type { SettingsStore } from './SettingsStore.js';

export class AppCalls {
  constructor(
    private readonly info: AppInfo,
    private readonly settings: SettingsStore,
    private readonly hub: EventHub,
    private readonly openDisplay?: () => ClientDisplayTarget | Promise<ClientDisplayTarget>,
    /** The practice database this process uses (null: off) and where it came from. */
    private readonly practiceInUse: { url: string | null; source: PracticeDbSource } = { url: null, source: null },
  ) {}

  getAppInfo(): AppInfo {
    return { ...this.info };
  }
  getSettings(): AppSettings {
    return this.settings.get();
  }
  getLocale(): Locale {
    return this.settings.get().locale;
  }
  setLocale(locale: Locale): Locale {
    const s = this.settings.setLocale(locale);
    this.hub.emit('onSettings', s);
    return s.locale;
  }
  getDisplaySettings(): DisplaySettings {
    return this.settings.get().display;
  }
  setDisplaySettings(patch: Partial<DisplaySettings>): DisplaySettings {
    const s = this.settings.setDisplay(patch);
    this.hub.emit('onSettings', s);
    return s.display;
  }
  /** The practice database in the settings: from the next start, unless CADANS_PRACTICE_DB goes first. */
  setPracticeServer(url: string | null): PracticeSettingView {
    const s = this.settings.setPracticeDb(url);
    this.hub.emit('onSettings', s);
    const overriddenByEnv = this.practiceInUse.source === 'env';
    return { practiceDb: s.practiceDb, overriddenByEnv, restartNeeded: !overriddenByEnv && s.practiceDb !== this.practiceInUse.url };
  }
  async openClientDisplay(): Promise<ClientDisplayTarget> {
    return this.openDisplay ? await this.openDisplay() : { opened: false, url: null };
  }
}
