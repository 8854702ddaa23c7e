/**
 * The two windows: the therapist console and the client display (full screen on a second monitor
 * when there is one, else a second window). Both load the app page from cadans://app/ with the
 * secure options of `createSecureWindow` and the contract-only preload.
 */
import { BrowserWindow, screen } from 'electron';
import { APP_URL } from './electronSecurity.js';
import { clientDisplayPlacement, createSecureWindow, type WindowBuild } from './windowOptions.js';

export class Windows {
  therapist: BrowserWindow | null = null;
  client: BrowserWindow | null = null;

  constructor(
    private readonly preloadPath: string,
    /** `app.isPackaged` (developer tools only in an unpackaged run, never on the client display). */
    private readonly build: WindowBuild = {},
  ) {}

  openTherapist(): BrowserWindow {
    if (this.therapist && !this.therapist.isDestroyed()) {
      this.therapist.focus();
      return this.therapist;
    }
    const win = createSecureWindow(BrowserWindow, 'therapist', this.preloadPath, {}, this.build);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      this.therapist = null;
      this.client?.close();
    });
    void win.loadURL(APP_URL + '#/live');
    this.therapist = win;
    return win;
  }

  /** Open (or bring forward) the client display. */
  openClient(): BrowserWindow {
    if (this.client && !this.client.isDestroyed()) {
      this.client.focus();
      return this.client;
    }
    const placement = clientDisplayPlacement(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
    const win = createSecureWindow(BrowserWindow, 'client', this.preloadPath, placement, this.build);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => (this.client = null));
    void win.loadURL(APP_URL + '#/display');
    this.client = win;
    return win;
  }

  /** Every open window (for broadcasting events). */
  all(): BrowserWindow[] {
    return [this.therapist, this.client].filter((w): w is BrowserWindow => w !== null && !w.isDestroyed());
  }
}
