/**
 * The renderer's one way to the app core: `window.cadans` when the Electron preload exposed it,
 * otherwise the WebSocket client of the web host. Both are the same typed `CadansApi`.
 */
import type { CadansApi } from '../../shared/ipc/contract.js';
import { NO_TOKEN_MESSAGE, onPageToken, pageToken } from './pageToken.js';
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

/** The page was opened without the web host's token (e.g. reloaded): the message says how to open it. */
export class NoTokenError extends Error {
  readonly nl = NO_TOKEN_MESSAGE.nl;
  readonly en = NO_TOKEN_MESSAGE.en;
  constructor() {
    super(NO_TOKEN_MESSAGE.en);
    this.name = 'NoTokenError';
  }
}

/** The bridge of this page (created once). Throws `NoTokenError` when neither the preload nor a token is present. */
export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.cadans) {
    bridge = { api: window.cadans, host: 'electron', onLinkState: (fn) => (fn('open'), () => undefined) };
    return bridge;
  }
  const first = pageToken(); // also cleans the address bar
  if (first === null) throw new NoTokenError();
  const ws = connectWebSocketApi(socketUrl(window.location), () => pageToken() ?? first);
  onPageToken(() => ws.reconnect());
  bridge = { api: ws.api, host: 'web', onLinkState: ws.onLinkState };
  return bridge;
}

export type { LinkState };
