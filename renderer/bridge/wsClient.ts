/**
 * `connectWebSocketApi` — the API contract over the web host's WebSocket (`cadans web`): the same
 * `CadansApi` the preload gives the Electron renderer, built with `createApiClient`. Calls are
 * matched to replies by id; events fan out to subscribers. When the socket drops, pending calls
 * fail with a clear message and the client reconnects (with the same token) after a short wait.
 * The token travels in the handshake as a subprotocol (`cadans.v1`, `cadans-token.<token>`),
 * never in the URL.
 */
import { createApiClient, type CadansApi, type EventName, type InvokeName, type Reply } from '../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../shared/ipc/wireCodec.js';
import { parseServerMessage, socketProtocols, WS_PATH } from '../../shared/ipc/wireProtocol.js';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface WebSocketApi {
  api: CadansApi;
  onLinkState(fn: (s: LinkState) => void): () => void;
  /** Drop the socket and connect again at once (a new token). */
  reconnect(): void;
}

const RECONNECT_MS = 1000;

/** The WebSocket URL of the web host that served the page at `loc` (no token in it). */
export function socketUrl(loc: Location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${WS_PATH}`;
}

/** `token()` is asked at every (re)connect. */
export function connectWebSocketApi(url: string, token: () => string): WebSocketApi {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let state: LinkState = 'connecting';
  const pending = new Map<number, (r: Reply<unknown>) => void>();
  const subscribers = new Map<EventName, Set<(p: unknown) => void>>();
  const linkListeners = new Set<(s: LinkState) => void>();
  let queue: string[] = [];
  let retry: ReturnType<typeof setTimeout> | null = null;

  const setState = (s: LinkState): void => {
    state = s;
    for (const fn of linkListeners) fn(s);
  };

  const open = (): void => {
    setState('connecting');
    const sock = new WebSocket(url, socketProtocols(token()));
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
      if (ws !== sock) return; // replaced by reconnect()
      for (const done of pending.values()) done({ ok: false, error: 'lost the connection to the Cadans core' });
      pending.clear();
      setState('closed');
      retry = setTimeout(open, RECONNECT_MS);
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
    reconnect() {
      if (retry !== null) clearTimeout(retry);
      retry = null;
      const old = ws;
      ws = null;
      if (old) {
        old.onclose = null;
        old.onmessage = null;
        old.close();
      }
      for (const done of pending.values()) done({ ok: false, error: 'lost the connection to the Cadans core' });
      pending.clear();
      open();
    },
  };
}
