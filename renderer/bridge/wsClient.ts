/**
 * `connectWebSocketApi` — the API contract over the web host's WebSocket (`cadans web`): the same
 * `CadansApi` the preload gives the Electron renderer, built with `createApiClient`. Calls are
 * matched to replies by id; events fan out to subscribers. When the socket drops, pending calls
 * fail with a clear message and the client reconnects (with the same token) after a short wait.
 */
import { createApiClient, type CadansApi, type EventName, type InvokeName, type Reply } from '../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../shared/ipc/wireCodec.js';
import { parseServerMessage, TOKEN_PARAM, WS_PATH } from '../../shared/ipc/wireProtocol.js';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface WebSocketApi {
  api: CadansApi;
  onLinkState(fn: (s: LinkState) => void): () => void;
}

const RECONNECT_MS = 1000;

/** The WebSocket URL for the page at `location` (token taken from its query string), or null without a token. */
export function socketUrl(loc: Location): string | null {
  const token = new URLSearchParams(loc.search).get(TOKEN_PARAM);
  if (!token) return null;
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

export function connectWebSocketApi(url: string): WebSocketApi {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let state: LinkState = 'connecting';
  const pending = new Map<number, (r: Reply<unknown>) => void>();
  const subscribers = new Map<EventName, Set<(p: unknown) => void>>();
  const linkListeners = new Set<(s: LinkState) => void>();
  let queue: string[] = [];

  const setState = (s: LinkState): void => {
    state = s;
    for (const fn of linkListeners) fn(s);
  };

  const open = (): void => {
    setState('connecting');
    const sock = new WebSocket(url);
    ws = sock;
    sock.onopen = () => {
      setState('open');
      for (const m of queue) sock.send(m);
      queue = [];
    };
    sock.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let msg;
      try {
        msg = parseServerMessage(decodeWire(ev.data));
      } catch {
        msg = null;
      }
      if (!msg) return;
      if (msg.t === 'reply') {
        const done = pending.get(msg.id);
        pending.delete(msg.id);
        done?.(msg.reply);
      } else {
        for (const fn of subscribers.get(msg.name) ?? []) fn(msg.payload);
      }
    };
    sock.onclose = () => {
      for (const done of pending.values()) done({ ok: false, error: 'lost the connection to the Cadans core' });
      pending.clear();
      setState('closed');
      setTimeout(open, RECONNECT_MS);
    };
  };
  open();

  const api = createApiClient({
    invoke(name: InvokeName, argList: unknown[]): Promise<Reply<unknown>> {
      const id = nextId++;
      const text = encodeWire({ t: 'call', id, name, args: argList });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
        else queue.push(text);
      });
    },
    subscribe(name: EventName, listener: (p: unknown) => void): () => void {
      let set = subscribers.get(name);
      if (!set) subscribers.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return {
    api,
    onLinkState(fn) {
      linkListeners.add(fn);
      fn(state);
      return () => linkListeners.delete(fn);
    },
  };
}
