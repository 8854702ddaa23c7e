/**
 * IPC handlers generated from the API contract: one `ipcMain.handle` per invoke entry, on the
 * entry's own channel, each checking the sender (only Cadans's own pages) and the arguments
 * before calling the service (`dispatchInvoke`). Pure over a structural `ipcMain`, so it is unit
 * tested without Electron.
 */
import { channelOf, dispatchInvoke, INVOKE_NAMES, type CadansService, type Reply } from '../../shared/ipc/contract.js';

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Origin of the app's own pages (custom protocol, see electronSecurity.ts). */
export const APP_ORIGIN = 'cadans://app';

export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'cadans:' && u.host === 'app';
  } catch {
    return false;
  }
}

/** Register every invoke handler; returns the function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, service: CadansService): () => void {
  for (const name of INVOKE_NAMES) {
    ipcMain.handle(channelOf(name), (event, ...args): Promise<Reply<unknown>> | Reply<unknown> => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) return { ok: false, error: 'refused: the call did not come from a Cadans page' };
      return dispatchInvoke(service, name, args);
    });
  }
  return () => {
    for (const name of INVOKE_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
