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
/** Query parameter that carries the per-run token. */
export const TOKEN_PARAM = 'token';
/** Largest message the core accepts from a page, bytes. */
export const MAX_CALL_BYTES = 256 * 1024;

/** `parseCallMessage`: a decoded value as a call, or `{ error }` describing why it is not one. */
export function parseCallMessage(v: unknown): CallMessage | { error: string; id?: number } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'message must be an object' };
  const m = v as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : undefined;
  if (m.t !== 'call') return { error: `unknown message type '${String(m.t)}'`, id };
  if (id === undefined) return { error: 'call without a numeric id' };
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
