/**
 * Messages of the WebSocket transport of the web host (`cadans web`). Each WebSocket text frame
 * is one message encoded with `encodeWire`. The client calls contract functions by name; the
 * server answers each call with the reply envelope and pushes every contract event to every
 * connected page (the page's `CadansApi` delivers them to its subscribers).
 */
import type { EventName, InvokeName, Reply } from './contract.js';
import { isEventName, isInvokeName } from './contract.js';

/** Page → core. */
export interface CallMessage {
  t: 'call';
  id: number;
  name: InvokeName;
  args: unknown[];
}

/** Core → page. */
export type ServerMessage =
  | { t: 'reply'; id: number; reply: Reply<unknown> }
  | { t: 'event'; name: EventName; payload: unknown };

/** Path of the WebSocket endpoint on the web host. */
export const WS_PATH = '/api';
/** Largest message the core accepts from a page, bytes (larger ones close the socket with 1009). */
export const MAX_CALL_BYTES = 256 * 1024;
/** Calls of one connection the host works on at once; the page sends no more before their answers. */
export const MAX_CALLS_IN_FLIGHT = 8;

/*
 * Authentication of the web host (no cookies, nothing in the browser's history):
 *
 *  - `cadans web` prints `http://127.0.0.1:PORT/#token=TOKEN` (client display:
 *    `http://127.0.0.1:PORT/#/display?token=TOKEN`). The token is in the FRAGMENT, which the browser
 *    never sends to any server.
 *  - The page takes the token out of the fragment once, keeps it in memory only and cleans the
 *    address bar with `history.replaceState` (the route part of the fragment stays).
 *  - The WebSocket offers two subprotocols: `cadans.v1` and `cadans-token.TOKEN`
 *    (`Sec-WebSocket-Protocol: cadans.v1, cadans-token.TOKEN`). The server compares the token in
 *    constant time, checks Host and Origin, and selects `cadans.v1` (the token is never echoed).
 *  - The static files (index.html, app.js, app.css) are served without a token: they are the
 *    public renderer bundle and hold no data. Every client record goes over the WebSocket.
 */

/** Subprotocol of this wire format; the server selects it. */
export const WS_SUBPROTOCOL = 'cadans.v1';
/** Prefix of the subprotocol that carries the per-run token: `cadans-token.<token>`. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'cadans-token.';
/** Name of the fragment parameter that carries the token in the printed URL (`#token=…`). */
export const TOKEN_PARAM = 'token';
/** What a token looks like (base64url; the host makes 43 characters from 32 random bytes). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** The subprotocols a page offers when it opens the WebSocket with `token`. */
export function socketProtocols(token: string): string[] {
  return [WS_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token];
}

/**
 * The token in a `Sec-WebSocket-Protocol` header, or null when the header does not offer
 * `cadans.v1` together with exactly one well-formed `cadans-token.…` entry.
 */
export function tokenFromProtocols(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const offered = header.split(',').map((p) => p.trim());
  if (!offered.includes(WS_SUBPROTOCOL)) return null;
  const tokens = offered.filter((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX)).map((p) => p.slice(TOKEN_SUBPROTOCOL_PREFIX.length));
  if (tokens.length !== 1 || !TOKEN_PATTERN.test(tokens[0]!)) return null;
  return tokens[0]!;
}

/** The console's URL with `token` in its fragment (`origin` like `http://127.0.0.1:8080`). */
export function consoleUrlOf(origin: string, token: string): string {
  return `${origin}/#${TOKEN_PARAM}=${token}`;
}

/** The client display's URL with `token` in its fragment. */
export function displayUrlOf(origin: string, token: string): string {
  return `${origin}/#/display?${TOKEN_PARAM}=${token}`;
}

/**
 * `splitTokenFragment` — a location's fragment (`#…`, as `location.hash`) split into the token it
 * carries and what remains (the route, `#…`, or '' when nothing remains). Accepted forms:
 * `#token=T`, `#/route?token=T`, `#/route&token=T` and `#token=T#/route`. A malformed token
 * counts as none but is still removed from the fragment.
 */
export function splitTokenFragment(hash: string): { token: string | null; rest: string } {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const m = /(^|[?&#])token=([^&#]*)/.exec(h);
  if (!m) return { token: null, rest: hash };
  const before = h.slice(0, m.index);
  const after = h.slice(m.index + m[0].length);
  const rest = (before + after).replace(/^[#?&]+/, '').replace(/[?&#]+$/, '');
  const raw = m[2]!;
  return { token: TOKEN_PATTERN.test(raw) ? raw : null, rest: rest ? '#' + rest : '' };
}

/** `parseCallMessage`: a decoded value as a call, or `{ error }` describing why it is not one. */
export function parseCallMessage(v: unknown): CallMessage | { error: string; id?: number } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'message must be an object' };
  const m = v as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : undefined;
  if (m.t !== 'call') return { error: `unknown message type '${String(m.t)}'`, id };
  if (id === undefined) return { error: 'call without a numeric id' };
  const extra = Object.keys(m).find((k) => k !== 't' && k !== 'id' && k !== 'name' && k !== 'args');
  if (extra !== undefined) return { error: `call message has an unknown key '${extra.slice(0, 60)}' (allowed: t, id, name, args)`, id };
  if (!isInvokeName(m.name)) return { error: `unknown API call '${String(m.name)}'`, id };
  if (!Array.isArray(m.args)) return { error: 'call arguments must be a list', id };
  return { t: 'call', id, name: m.name, args: m.args };
}

/** `parseServerMessage`: a decoded value as a server message, or null when malformed. */
export function parseServerMessage(v: unknown): ServerMessage | null {
  if (v === null || typeof v !== 'object') return null;
  const m = v as Record<string, unknown>;
  if (m.t === 'reply' && typeof m.id === 'number' && m.reply !== null && typeof m.reply === 'object') {
    return { t: 'reply', id: m.id, reply: m.reply as Reply<unknown> };
  }
  if (m.t === 'event' && isEventName(m.name)) return { t: 'event', name: m.name, payload: m.payload };
  return null;
}
