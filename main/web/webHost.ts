/**
 * `startWebHost` — serves the built renderer and the API contract over a WebSocket, so the whole
 * UI runs in an ordinary browser (end-to-end tests, a client display on another screen).
 *
 * Security: bound to 127.0.0.1 only; a random per-run token (32 bytes, base64url) is required —
 * in the URL of the page (then kept in an HttpOnly, SameSite=Strict cookie for the page's
 * assets) and in the WebSocket URL; the Host header must name the loopback address and port
 * (no DNS rebinding); WebSocket upgrades must come from the host's own origin; tokens are
 * compared in constant time. Pages get a strict CSP and no-store caching. Only GET/HEAD of the
 * files in the renderer folder are served.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatchInvoke, type CadansService, type EventSink } from '../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../shared/ipc/wireCodec.js';
import { MAX_CALL_BYTES, parseCallMessage, TOKEN_PARAM, WS_PATH } from '../../shared/ipc/wireProtocol.js';

export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const COOKIE = 'cadans_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
/** Live batches are dropped for a page whose socket has this much unsent data (a stalled tab). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface WebHostOptions {
  service: CadansService & { addSink(sink: EventSink): () => void };
  /** Folder with index.html, app.js, app.css (build/renderer). */
  staticDir: string;
  /** Port (0 = a free one). */
  port?: number;
  /** Fixed token (tests); default random. */
  token?: string;
}

export interface WebHost {
  /** Full URL of the therapist console, token included. */
  url: string;
  /** URL of the client display. */
  displayUrl: string;
  port: number;
  token: string;
  /** Open WebSocket connections. */
  readonly connections: number;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return null;
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);
  const root = normalize(o.staticDir + sep);

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => deny(res, 500, 'internal error'));
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return deny(res, 421, 'wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const fromQuery = url.searchParams.get(TOKEN_PARAM);
    if (!sameToken(fromQuery, token) && !sameToken(cookieToken(req), token)) {
      return deny(res, 403, 'Cadans: access token missing or wrong — open the full URL printed by `cadans web`.');
    }
    const name = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(root, name));
    if (!file.startsWith(root) || name.includes('\0')) return deny(res, 404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return deny(res, 404, url.pathname === '/' ? 'the renderer is not built — run `npm run build`' : 'not found');
    }
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': WEB_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (name === 'index.html') headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CALL_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: string): void => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (!allowedHosts().includes(req.headers.host ?? '')) return reject('421 Misdirected Request');
    if (url.pathname !== WS_PATH) return reject('404 Not Found');
    if (!allowedOrigins().includes(req.headers.origin ?? '')) return reject('403 Forbidden');
    if (!sameToken(url.searchParams.get(TOKEN_PARAM), token)) return reject('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
  });

  function onSocket(ws: WebSocket): void {
    const send = (msg: unknown): void => {
      if (ws.readyState === ws.OPEN) ws.send(encodeWire(msg));
    };
    const removeSink = o.service.addSink((name, payload) => {
      if (name === 'onLive' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
      send({ t: 'event', name, payload });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send({ t: 'reply', id: -1, reply: { ok: false, error: 'binary messages are not accepted' } });
      let call;
      try {
        call = parseCallMessage(decodeWire(String(data)));
      } catch {
        call = { error: 'message is not valid JSON' };
      }
      if ('error' in call) return send({ t: 'reply', id: call.id ?? -1, reply: { ok: false, error: call.error } });
      void dispatchInvoke(o.service, call.name, call.args).then((reply) => send({ t: 'reply', id: call.id, reply }));
    });
    ws.on('close', removeSink);
    ws.on('error', removeSink);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`;
  return {
    url,
    displayUrl: `${url}#/display`,
    port,
    token,
    get connections() {
      return wss.clients.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
