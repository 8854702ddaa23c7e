// The page's WebSocket client (renderer/bridge/wsClient.ts, bundled as the renderer bundles it,
// with the `ws` package standing in for the browser's WebSocket) against the real web host: the
// token goes in the handshake, and the page never has more calls in flight than the host takes —
// 20 slow exports at once all succeed, 8 at a time, none refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../../main/web/webHost.js';
import type { CadansApi, CadansService, EventSink } from '../../../shared/ipc/contract.js';
import { MAX_CALLS_IN_FLIGHT } from '../../../shared/ipc/wireProtocol.js';
import { repoRoot } from '../../support/paths.js';

interface WsClientModule {
  connectWebSocketApi(url: string, token: () => string): { api: CadansApi; close(): void };
}

describe('renderer WebSocket client', () => {
  let dir: string;
  let host: WebHost;
  let client: WsClientModule;
  let running = 0;
  let most = 0;
  const service = {
    getLocale: () => 'nl',
    exportSession: async (id: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return { fileName: `s${id}.csv`, mimeType: 'text/csv', data: 'x' };
    },
    addSink: (_s: EventSink) => () => undefined,
  } as unknown as CadansService & { addSink(s: EventSink): () => void };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-wsclient-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const out = join(dir, 'wsClient.mjs');
    buildSync({ entryPoints: [join(repoRoot, 'renderer', 'bridge', 'wsClient.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'silent' });
    // The browser's WebSocket, as far as the client uses it (the origin header a browser sends is added here).
    const origin = (): string => `http://127.0.0.1:${host.port}`;
    class BrowserLikeWebSocket extends WebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols, { headers: { origin: origin() } });
        this.on('error', () => undefined); // a browser reports a refused socket as a close, never throws
      }
    }
    (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
    client = (await import(pathToFileURL(out).href)) as WsClientModule;
    host = await startWebHost({ service, staticDir: dir, port: 0 });
  });
  after(async () => {
    await host.close();
    delete (globalThis as { WebSocket?: unknown }).WebSocket;
    rmSync(dir, { recursive: true, force: true });
  });

  test('connects with the token in the handshake; 20 slow calls at once: all answered, never more than 8 in flight', async () => {
    const { api, close } = client.connectWebSocketApi(`ws://127.0.0.1:${host.port}/api`, () => host.token);
    try {
      assert.equal(await api.getLocale(), 'nl');
      const files = await Promise.all(Array.from({ length: 20 }, (_, i) => api.exportSession(i + 1, 'csv')));
      assert.deepEqual(
        files.map((f) => f.fileName),
        Array.from({ length: 20 }, (_, i) => `s${i + 1}.csv`),
      );
      assert.equal(most, MAX_CALLS_IN_FLIGHT, 'the page keeps to the host’s limit');
    } finally {
      close();
    }
  });

  test('a wrong token: the socket is refused and calls fail', async () => {
    const { api, close } = client.connectWebSocketApi(`ws://127.0.0.1:${host.port}/api`, () => 'A'.repeat(43));
    try {
      await assert.rejects(api.getLocale(), /lost the connection/);
    } finally {
      close();
    }
  });
});
