/**
 * Where Cadans keeps its files: the per-user data folder (the same folder Electron's
 * `app.getPath('userData')` gives for productName "Cadans") and the database in it.
 *
 *   Linux    $XDG_CONFIG_HOME/Cadans (or ~/.config/Cadans)
 *   macOS    ~/Library/Application Support/Cadans
 *   Windows  %APPDATA%\Cadans (or ~\AppData\Roaming\Cadans)
 */
import { homedir } from 'node:os';
import { isAbsolute, posix, win32 } from 'node:path';

export const APP_FOLDER_NAME = 'Cadans';
export const DB_FILE_NAME = 'cadans.sqlite';

export interface PathContext {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

/** `userDataDir` — the per-user data folder of Cadans (see the file comment). */
export function userDataDir(ctx: PathContext = {}): string {
  const platform = ctx.platform ?? process.platform;
  const env = ctx.env ?? process.env;
  const home = ctx.homeDir ?? homedir();
  if (platform === 'win32') {
    const appData = env.APPDATA && win32.isAbsolute(env.APPDATA) ? env.APPDATA : win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_FOLDER_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  const xdg = env.XDG_CONFIG_HOME;
  const config = xdg && isAbsolute(xdg) ? xdg : posix.join(home, '.config');
  return posix.join(config, APP_FOLDER_NAME);
}

/** `defaultDbPath` — the database file in the user-data folder. */
export function defaultDbPath(ctx: PathContext = {}): string {
  const dir = userDataDir(ctx);
  return (ctx.platform ?? process.platform) === 'win32' ? win32.join(dir, DB_FILE_NAME) : posix.join(dir, DB_FILE_NAME);
}
