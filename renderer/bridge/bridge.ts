/**
 * The renderer's one way to the app core: `window.cadans` when the Electron preload exposed it,
 * otherwise the WebSocket client of the web host. Both are the same typed `CadansApi`.
 */
import type { CadansApi } from '../../shared/ipc/contract.js';
import { connectWebSocketApi, socketUrl, type LinkState } from './wsClient.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload (main/preload/preload.ts). */
    cadans?: CadansApi;
  }
}

export interface Bridge {
  api: CadansApi;
  host: 'electron' | 'web';
  onLinkState(fn: (s: LinkState) => void): () => void;
}

let bridge: Bridge | null = null;

/** The bridge of this page (created once). Throws when neither the preload nor a token is present. */
export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.cadans) {
    bridge = { api: window.cadans, host: 'electron', onLinkState: (fn) => (fn('open'), () => undefined) };
    return bridge;
  }
  const url = socketUrl(window.location);
  if (!url) throw new Error('No connection to the Cadans core: open the full URL that `cadans web` printed (it holds the access token).');
  const ws = connectWebSocketApi(url);
  bridge = { api: ws.api, host: 'web', onLinkState: ws.onLinkState };
  return bridge;
}

export type { LinkState };
