/**
 * Electron side of unlocking an encrypted database (see unlockDatabase.ts): the passphrase kept with
 * `safeStorage` (the OS key store: Keychain, DPAPI, libsecret/kwallet — tied to the user's login;
 * never kept where Electron would fall back to plain text), and a small modal prompt window.
 *
 * The prompt is a sandboxed window in its own session with no preload and no Node: a static form
 * (nl/en) whose only way out is its document title (`cadans-unlock:<typed>`), read here and
 * cleared at once. NOT RUN in this repository's tests (no Electron binary here); typed only.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, safeStorage, session } from 'electron';
import type { PassphrasePrompt, PassphraseStore } from './unlockDatabase.js';

/** The OS-protected copy of the passphrase in the user-data folder; null when no safe key store exists. */
export function safeStoragePassphraseStore(userDataDir: string): PassphraseStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  const file = join(userDataDir, 'passphrase.safe');
  return {
    load: () => {
      if (!existsSync(file)) return null;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        return null;
      }
    },
    save: (passphrase) => {
      writeFileSync(file, safeStorage.encryptString(passphrase), { mode: 0o600 });
      chmodSync(file, 0o600);
    },
    forget: () => rmSync(file, { force: true }),
  };
}

const TEXT = {
  nl: {
    title: 'Cadans — database ontgrendelen',
    ask: 'De cliëntendatabase is versleuteld. Voer het wachtwoord in.',
    wrong: 'Dit wachtwoord opent de database niet. Probeer het opnieuw.',
    ok: 'Ontgrendelen',
    cancel: 'Stoppen',
  },
  en: {
    title: 'Cadans — unlock database',
    ask: 'The client database is encrypted. Enter its passphrase.',
    wrong: 'This passphrase does not open the database. Try again.',
    ok: 'Unlock',
    cancel: 'Quit',
  },
} as const;

const PREFIX = 'cadans-unlock:';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function promptPage(t: (typeof TEXT)[keyof typeof TEXT], wrong: boolean): string {
  const script =
    `const f=document.forms[0];f.onsubmit=(e)=>{e.preventDefault();document.title=${JSON.stringify(PREFIX)}+f.p.value;f.p.value='';};` +
    `document.getElementById('c').onclick=()=>window.close();f.p.focus();`;
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title>` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">` +
    `<style>body{font:15px system-ui,sans-serif;margin:24px}input{width:100%;font-size:16px;margin:12px 0}.w{color:#b00020}</style></head>` +
    `<body><form><p>${escapeHtml(t.ask)}</p>${wrong ? `<p class="w">${escapeHtml(t.wrong)}</p>` : ''}` +
    `<input name="p" type="password" autocomplete="off" required><button type="submit">${escapeHtml(t.ok)}</button> ` +
    `<button type="button" id="c">${escapeHtml(t.cancel)}</button></form><script>${script}</script></body></html>`
  );
}

/** The prompt window (one per question); resolves with the typed passphrase, or null when closed. */
export function electronPassphrasePrompt(locale: () => 'nl' | 'en'): PassphrasePrompt {
  return (wrong) =>
    new Promise((resolve) => {
      const t = TEXT[locale()];
      const win = new BrowserWindow({
        width: 460,
        height: 240,
        resizable: false,
        title: t.title,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
          navigateOnDragDrop: false,
          spellcheck: false,
          devTools: false,
          disableBlinkFeatures: 'Auxclick',
          session: session.fromPartition('cadans-unlock'),
          // electronegativity-reviewed: REMOTE_MODULE_JS_CHECK — the remote module was removed in Electron 14.
          // @ts-expect-error -- `enableRemoteModule` no longer exists in Electron 45 and is ignored; written only
          // so that electronegativity (which assumes old defaults) sees the remote module is off (as in windowOptions.ts).
          enableRemoteModule: false,
        },
      });
      let answer: string | null = null;
      win.webContents.on('page-title-updated', (event, title) => {
        if (!title.startsWith(PREFIX)) return;
        event.preventDefault();
        answer = title.slice(PREFIX.length);
        win.close();
      });
      win.on('closed', () => resolve(answer));
      void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(promptPage(t, wrong))}`);
    });
}
