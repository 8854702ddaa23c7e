/**
 * Electron entry (package.json "main" → build/main/app/electronMain.js): single-instance lock,
 * the hardened `cadans://` app protocol, the app core (database in the user-data folder or
 * $CADANS_DB, the
 * simulator as sensor unless CADANS_SENSOR names another, clearly labelled in the UI), IPC
 * handlers generated from the contract, events broadcast to every window, and a clean shutdown
 * (a running session is stopped and saved). An encrypted database is unlocked first (unlockDatabase.ts,
 * electronUnlock.ts: CADANS_PASSPHRASE, the OS key store, or a prompt). Hardening: an application menu without developer
 * tools or reload (appMenu.ts), developer tools only in an unpackaged run and never on the client
 * display (windowOptions.ts; `CADANS_DEVTOOLS=1` opens them in development), and replay files
 * only through this process's own file dialog (the page gets an opaque id, never reads a path).
 * Packaged builds also carry Electron fuses (electron-builder.yml: no RunAsNode, NODE_OPTIONS or
 * --inspect; asar integrity, app only from the asar). Everything else lives in plain-Node modules.
 */
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, session } from 'electron';
import { channelOf } from '../../shared/ipc/contract.js';
import { electronPrintToPdf } from '../reports/electronPrint.js';
import { appMenuTemplate } from './appMenu.js';
import { createAppCore, type AppCore } from './appCore.js';
import { hardenAllWebContents, hardenSession, registerAppScheme } from './electronSecurity.js';
import { registerIpcHandlers } from './ipcHandlers.js';
import { electronPassphrasePrompt, safeStoragePassphraseStore } from './electronUnlock.js';
import { defaultDbPath } from './paths.js';
import { storagePrompt } from './storagePrompt.js';
import { unlockDatabase } from './unlockDatabase.js';
import { Windows } from './windows.js';

const preloadPath = fileURLToPath(new URL('../preload.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../../renderer/', import.meta.url));

app.enableSandbox();
registerAppScheme();
hardenAllWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const windows = new Windows(preloadPath, { packaged: app.isPackaged });
  let core: AppCore | null = null;
  app.on('second-instance', () => windows.openTherapist());
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => windows.openTherapist());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void core.close().finally(() => app.quit());
  });

  // A full disk during a recording: warn, and when it cannot be closed let the therapist choose.
  const onStorageNotice = storagePrompt(
    {
      message: (kind, text) => void dialog.showMessageBox({ type: kind, title: 'Cadans', message: text }),
      choose: async (text, buttons) =>
        (await dialog.showMessageBox({ type: 'warning', title: 'Cadans', message: text, buttons: [...buttons], defaultId: 0, cancelId: 0 })).response,
      chooseFolder: async (title) => {
        const r = await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
        return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
      },
    },
    () => core?.service.getLocale() ?? 'nl',
    () => core?.service.sessions.liveRecorder ?? null,
  );

  const start = async (): Promise<void> => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, !app.getLocale().startsWith('en'))));
    hardenSession(session.defaultSession, rendererDir);
    const dbPath = process.env.CADANS_DB?.trim() || defaultDbPath();
    // An encrypted database: CADANS_PASSPHRASE, else the copy in the OS key store, else ask (once per login).
    const unlocked = await unlockDatabase(dbPath, {
      prompt: electronPassphrasePrompt(() => (app.getLocale().startsWith('en') ? 'en' : 'nl')),
      store: safeStoragePassphraseStore(app.getPath('userData')),
    });
    if (unlocked === 'cancelled') {
      app.exit(0);
      return;
    }
    core = await createAppCore({
      dbPath,
      host: 'electron',
      sensorSpec: process.env.CADANS_SENSOR?.trim() || 'sim',
      printToPdf: electronPrintToPdf,
      onStorageNotice,
      openClientDisplay: () => {
        windows.openClient();
        return { opened: true, url: null };
      },
      // The therapist picks the recording in this process's dialog; the page only gets an opaque id.
      chooseReplayFile: async () => {
        const parent = windows.therapist && !windows.therapist.isDestroyed() ? windows.therapist : null;
        const options: Electron.OpenDialogOptions = {
          properties: ['openFile'],
          filters: [
            { name: 'PPG CSV / RR', extensions: ['csv', 'txt', 'rr', 'hrv', 'ibi', 'tsv'] },
            { name: '*', extensions: ['*'] },
          ],
        };
        const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
    });
    registerIpcHandlers(ipcMain, core.service);
    core.service.addSink((name, payload) => {
      for (const w of windows.all()) w.webContents.send(channelOf(name), payload);
    });
    const therapist = windows.openTherapist();
    if (!app.isPackaged && process.env.CADANS_DEVTOOLS === '1') therapist.webContents.openDevTools({ mode: 'detach' });
  };
  void app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('Cadans', `Cadans could not start: ${e instanceof Error ? e.message : String(e)}`);
    app.exit(1);
  });
}
