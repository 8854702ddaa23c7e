/**
 * `connectWebSocketApi` — the API contract over the web host's WebSocket (`cadans web`): the same
 * `CadansApi` the preload gives the Electron renderer, built with `createApiClient`. Calls are
 * matched to replies by id; events fan out to subscribers. When the socket drops, pending calls
 * fail with a clear message and the client reconnects (with the same token) after a short wait.
 * The token travels in the handshake as a subprotocol (`cadans.v1`, `cadans-token.<token>`),
 * never in the URL. At most `MAX_CALLS_IN_FLIGHT` calls are sent before their answers (the host
 * refuses more); further calls wait here in order.
 */
import { createApiClient, type CadansApi, type EventName, type InvokeName, type Reply } from '../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../shared/ipc/wireCodec.js';
import { MAX_CALLS_IN_FLIGHT, parseServerMessage, socketProtocols, WS_PATH } from '../../shared/ipc/wireProtocol.js';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface WebSocketApi {
  api: CadansApi;
  onLinkState(fn: (s: LinkState) => void): () => void;
  /** Drop the socket and connect again at once (a new token). */
  reconnect(): void;
  /** Close for good (no reconnecting); pending calls fail. */
  close(): void;
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
  /** Calls not sent yet (connecting, or the in-flight limit reached), in order. */
  let outbox: { id: number; text: string }[] = [];
  /** Ids of the calls sent and not answered yet. */
  const sent = new Set<number>();
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const setState = (s: LinkState): void => {
    state = s;
    for (const fn of linkListeners) fn(s);
  };

  const pump = (): void => {
    while (ws && ws.readyState === WebSocket.OPEN && sent.size < MAX_CALLS_IN_FLIGHT && outbox.length > 0) {
      const next = outbox.shift()!;
      sent.add(next.id);
      ws.send(next.text);
    }
  };

  const failAll = (): void => {
    for (const done of pending.values()) done({ ok: false, error: 'lost the connection to the Cadans core', code: 'error.linkLost', params: {} });
    pending.clear();
    sent.clear();
    outbox = [];
  };

  const open = (): void => {
    setState('connecting');
    const sock = new WebSocket(url, socketProtocols(token()));
    ws = sock;
    sock.onopen = () => {
      setState('open');
      pump();
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
        sent.delete(msg.id);
        done?.(msg.reply);
        pump();
      } else {
        for (const fn of subscribers.get(msg.name) ?? []) fn(msg.payload);
      }
    };
    sock.onclose = () => {
      if (ws !== sock || stopped) return; // replaced by reconnect(), or closed for good
      failAll();
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
        outbox.push({ id, text });
        pump();
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
    close() {
      stopped = true;
      if (retry !== null) clearTimeout(retry);
      retry = null;
      ws?.close();
      ws = null;
      failAll();
      setState('closed');
    },
    reconnect() {
      if (stopped) return;
      if (retry !== null) clearTimeout(retry);
      retry = null;
      const old = ws;
      ws = null;
      if (old) {
        old.onclose = null;
        old.onmessage = null;
        old.close();
      }
      failAll();
      open();
    },
  };
}
