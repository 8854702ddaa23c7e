/**
 * `startWebHost` — serves the built renderer and the API contract over a WebSocket, so the whole
 * UI runs in an ordinary browser (end-to-end tests, a client display on another screen).
 *
 * Security: bound to 127.0.0.1 only. A random per-run token (32 bytes, base64url) opens the API:
 * the printed URL carries it in its fragment (`#token=…`, never sent to a server, taken into
 * memory and removed from the address bar by the page), and the page's WebSocket carries it in
 * its handshake as the subprotocol `cadans-token.<token>` next to `cadans.v1` (see
 * shared/ipc/wireProtocol.ts). No response sets a cookie, no URL the server sees holds the
 * token. Tokens are compared in constant time (SHA-256 digests, so not even the length leaks).
 * The Host header must name the loopback address and port (no DNS rebinding) on every request;
 * WebSocket upgrades must come from the host's own origin. The static files of the renderer
 * (the public bundle, no data) are served without a token, GET/HEAD only, with a strict CSP,
 * no-store caching and same-origin resource policy.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { invokeRefusal, startCall, type CadansService, type EventSink } from '../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../shared/ipc/wireCodec.js';
import {
  consoleUrlOf,
  displayUrlOf,
  MAX_CALL_BYTES,
  MAX_CALLS_IN_FLIGHT,
  parseCallMessage,
  tokenFromProtocols,
  WS_PATH,
  WS_SUBPROTOCOL,
} from '../../shared/ipc/wireProtocol.js';

export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
/**
 * Limits per connection, so one page (or a local process with the token) that floods the host
 * with calls or stops reading cannot grow its memory without bound or stall the other pages.
 */
export interface WebHostLimits {
  /** Calls of one connection being worked on at once; further calls get an immediate refusal. */
  maxCallsInFlight: number;
  /** Stop reading a connection's socket while more than this many reply bytes wait to be sent… */
  pauseAboveBytes: number;
  /** …and read again once fewer than this many wait. */
  resumeBelowBytes: number;
  /** A connection whose replies stay unread (reading paused) this long is closed (code 1008). */
  stalledReaderMs: number;
  /** Live batches are dropped for a page whose socket has this much unsent data (a stalled tab). */
  liveDropAboveBytes: number;
  /** Open WebSocket connections at most; further upgrades get 503. */
  maxConnections: number;
}

export const DEFAULT_WEB_LIMITS: Readonly<WebHostLimits> = Object.freeze({
  maxCallsInFlight: MAX_CALLS_IN_FLIGHT,
  pauseAboveBytes: 16 * 1024 * 1024,
  resumeBelowBytes: 4 * 1024 * 1024,
  stalledReaderMs: 30_000,
  liveDropAboveBytes: 8 * 1024 * 1024,
  maxConnections: 32,
});

/** Close code and reason for a connection that does not read its replies. */
export const STALLED_CLOSE = { code: 1008, reason: 'Cadans: replies not read; connection closed' } as const;

export interface WebHostOptions {
  service: CadansService & { addSink(sink: EventSink): () => void };
  /** Folder with index.html, app.js, app.css (build/renderer). */
  staticDir: string;
  /** Port (0 = a free one). */
  port?: number;
  /** Fixed token (tests); default random. */
  token?: string;
  /** Limits per connection (default `DEFAULT_WEB_LIMITS`). */
  limits?: Partial<WebHostLimits>;
}

export interface WebHost {
  /** Full URL of the therapist console, token in the fragment (`http://127.0.0.1:PORT/#token=…`). */
  url: string;
  /** URL of the client display, token in the fragment (`…/#/display?token=…`). */
  displayUrl: string;
  port: number;
  token: string;
  /** Open WebSocket connections. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Constant-time comparison (of SHA-256 digests: equal length, so not even the length leaks). */
export function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
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
  const limits: WebHostLimits = { ...DEFAULT_WEB_LIMITS, ...o.limits };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => deny(res, 500, 'internal error'));
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return deny(res, 421, 'wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let name: string;
    try {
      name = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    } catch {
      return deny(res, 400, 'bad request');
    }
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
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CALL_BYTES,
    // The token was checked before the upgrade; the server answers with the wire format only.
    handleProtocols: (offered) => (offered.has(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : false),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: string): void => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (!allowedHosts().includes(req.headers.host ?? '')) return reject('421 Misdirected Request');
    if (url.pathname !== WS_PATH) return reject('404 Not Found');
    if (!allowedOrigins().includes(req.headers.origin ?? '')) return reject('403 Forbidden');
    if (!sameToken(tokenFromProtocols(req.headers['sec-websocket-protocol']), token)) return reject('403 Forbidden');
    if (wss.clients.size >= limits.maxConnections) return reject('503 Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
  });

  /**
   * One page's connection. Calls are checked at once (refusals are answered at once and cost
   * nothing); calls the core answers synchronously are answered at once; at most
   * `maxCallsInFlight` asynchronous ones (imports, exports, reports, sensor scans …) run at a
   * time, further calls are refused with "too many calls in flight" while they run. Backpressure: while more than `pauseAboveBytes` of replies wait in the
   * socket, the socket is not read (the page's further calls wait in its own TCP buffers), until
   * fewer than `resumeBelowBytes` wait; a page that reads nothing for `stalledReaderMs` is
   * disconnected. So one connection holds at most its in-flight calls' replies plus the pause
   * threshold, whatever it sends.
   */
  function onSocket(ws: WebSocket): void {
    let inFlight = 0;
    let pausedAt: number | null = null;
    let watch: ReturnType<typeof setInterval> | null = null;

    const resumeIfDrained = (): void => {
      if (pausedAt === null || ws.bufferedAmount > limits.resumeBelowBytes) return;
      pausedAt = null;
      if (watch) clearInterval(watch);
      watch = null;
      ws.resume();
    };
    const pauseIfFull = (): void => {
      if (pausedAt !== null || ws.bufferedAmount <= limits.pauseAboveBytes) return;
      pausedAt = Date.now();
      ws.pause();
      // The send callbacks resume it as the buffer drains; this catches the rest and a reader that never reads.
      watch = setInterval(() => {
        resumeIfDrained();
        if (pausedAt !== null && Date.now() - pausedAt > limits.stalledReaderMs) {
          if (watch) clearInterval(watch);
          watch = null;
          ws.close(STALLED_CLOSE.code, STALLED_CLOSE.reason);
          setTimeout(() => ws.terminate(), 1000).unref();
        }
      }, Math.min(1000, limits.stalledReaderMs / 4));
      watch.unref();
    };
    const send = (msg: unknown): void => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(encodeWire(msg), resumeIfDrained);
      pauseIfFull();
    };
    const refuse = (id: number, error: string): void => send({ t: 'reply', id, reply: { ok: false, error } });

    const removeSink = o.service.addSink((name, payload) => {
      if (name === 'onLive' && ws.bufferedAmount > limits.liveDropAboveBytes) return;
      send({ t: 'event', name, payload });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return refuse(-1, 'binary messages are not accepted');
      let call;
      try {
        call = parseCallMessage(decodeWire(String(data)));
      } catch {
        call = { error: 'message is not valid JSON' };
      }
      if ('error' in call) return refuse(call.id ?? -1, call.error);
      const refused = invokeRefusal(call.name, call.args);
      if (refused !== null) return send({ t: 'reply', id: call.id, reply: refused });
      if (inFlight >= limits.maxCallsInFlight) {
        return refuse(call.id, `${call.name}: too many calls in flight (at most ${limits.maxCallsInFlight} per connection); wait for their answers`);
      }
      const id = call.id;
      const started = startCall(o.service, call.name, call.args);
      // Answered at once (most calls): nothing stays in flight.
      if (!(started instanceof Promise)) return send({ t: 'reply', id, reply: started });
      inFlight++;
      void started.then((reply) => {
        inFlight--;
        send({ t: 'reply', id, reply });
      });
    });
    const closed = (): void => {
      removeSink();
      if (watch) clearInterval(watch);
      watch = null;
    };
    ws.on('close', closed);
    ws.on('error', closed);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: consoleUrlOf(origin, token),
    displayUrl: displayUrlOf(origin, token),
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
