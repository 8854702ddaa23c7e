import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  REQUIRED_WEB_PREFERENCES,
  clientDisplayPlacement,
  createSecureWindow,
  insecureOptionProblems,
  windowOptions,
} from '../../../main/app/windowOptions.js';
import { isTrustedSenderUrl, registerIpcHandlers, type IpcMainLike } from '../../../main/app/ipcHandlers.js';
import { INVOKE_NAMES, channelOf, type CadansService } from '../../../shared/ipc/contract.js';
import { repoRoot } from '../../support/paths.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('window security', () => {
  test('every window kind gets contextIsolation, sandbox, no nodeIntegration and the preload', () => {
    for (const kind of ['therapist', 'client'] as const) {
      const o = windowOptions(kind, '/app/build/main/preload.cjs', { bounds: { x: 1920, y: 0, width: 1280, height: 1024 }, fullscreen: true });
      assert.deepEqual(insecureOptionProblems(o), [], kind);
      const wp = o.webPreferences!;
      assert.equal(wp.contextIsolation, true);
      assert.equal(wp.sandbox, true);
      assert.equal(wp.nodeIntegration, false);
      assert.equal(wp.preload, '/app/build/main/preload.cjs');
      assert.equal(o.show, false);
    }
    assert.equal(windowOptions('client', '/p/preload.cjs', clientDisplayPlacement([], 1)).fullscreen, false);
  });

  test('the check itself catches an insecure window', () => {
    const bad: BrowserWindowConstructorOptions = { webPreferences: { ...REQUIRED_WEB_PREFERENCES, nodeIntegration: true, sandbox: false, preload: 'x.js' } };
    const problems = insecureOptionProblems(bad);
    assert.equal(problems.length, 3);
    assert.match(problems.join('\n'), /nodeIntegration must be false/);
    assert.match(problems.join('\n'), /sandbox must be true/);
    assert.match(problems.join('\n'), /preload\.cjs/);
  });

  test('createSecureWindow hands exactly these options to the BrowserWindow constructor', () => {
    const seen: BrowserWindowConstructorOptions[] = [];
    class FakeWindow {
      constructor(o: BrowserWindowConstructorOptions) {
        seen.push(o);
      }
    }
    const w = createSecureWindow(FakeWindow, 'client', '/x/preload.cjs');
    assert.ok(w instanceof FakeWindow);
    assert.deepEqual(seen[0], windowOptions('client', '/x/preload.cjs'));
  });

  test('the client display goes full screen on the first non-primary display', () => {
    const displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 1024 } },
    ];
    assert.deepEqual(clientDisplayPlacement(displays, 1), { bounds: displays[1]!.bounds, fullscreen: true });
    assert.deepEqual(clientDisplayPlacement(displays.slice(0, 1), 1), {});
  });

  test('static check: every `new BrowserWindow(` in main/ passes the secure preferences literally; the app windows use createSecureWindow', () => {
    const files = tsFiles(join(repoRoot, 'main'));
    const sites: string[] = [];
    for (const f of files) {
      const src = stripComments(readFileSync(f, 'utf8'));
      const rel = relative(repoRoot, f);
      for (const m of src.matchAll(/new\s+(BrowserWindow|BrowserView|WebContentsView)\s*\(/g)) {
        const site = `${rel}:${src.slice(0, m.index).split('\n').length}`;
        sites.push(site);
        const args = callArguments(src, m.index! + m[0].length);
        for (const [key, value] of [['contextIsolation', 'true'], ['sandbox', 'true'], ['nodeIntegration', 'false'], ['webSecurity', 'true'], ['webviewTag', 'false']]) {
          assert.match(args, new RegExp(`\\b${key}\\s*:\\s*${value}\\b`), `${site}: ${key} must be ${value}, written at the constructor call`);
        }
      }
      assert.doesNotMatch(src, /nodeIntegration\w*\s*:\s*true/, `${rel} enables Node integration`);
      assert.doesNotMatch(src, /contextIsolation\s*:\s*false/, `${rel} disables context isolation`);
      assert.doesNotMatch(src, /sandbox\s*:\s*false/, `${rel} disables the sandbox`);
      assert.doesNotMatch(src, /webSecurity\s*:\s*false/, `${rel} disables web security`);
      assert.doesNotMatch(src, /webviewTag\s*:\s*true/, `${rel} enables <webview>`);
    }
    assert.ok(sites.some((s) => s.startsWith('main/app/windowOptions.ts:')), `window constructors: ${sites.join(', ')}`);
    const windowsTs = readFileSync(join(repoRoot, 'main', 'app', 'windows.ts'), 'utf8');
    assert.equal([...windowsTs.matchAll(/createSecureWindow\(BrowserWindow,/g)].length, 2, 'both app windows are made by createSecureWindow');
    assert.doesNotMatch(stripComments(windowsTs), /new\s+BrowserWindow/);
  });
});

/** Source without comments (so documentation mentioning a constructor is not a call site). */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
}

/** The text between the parenthesis at `from` (just after it) and its matching close. */
function callArguments(src: string, from: number): string {
  let depth = 1;
  let i = from;
  for (; i < src.length && depth > 0; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')') depth--;
  }
  return src.slice(from, i - 1);
}

describe('IPC handlers from the contract', () => {
  class FakeIpcMain implements IpcMainLike {
    readonly handlers = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown>();
    handle(channel: string, fn: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void {
      assert.equal(this.handlers.has(channel), false, `${channel} registered twice`);
      this.handlers.set(channel, fn);
    }
    removeHandler(channel: string): void {
      this.handlers.delete(channel);
    }
  }

  test('one handler per invoke call; only Cadans pages are answered; arguments are checked', async () => {
    const ipc = new FakeIpcMain();
    const service = { getClient: (id: number) => ({ id }) } as unknown as CadansService;
    const off = registerIpcHandlers(ipc, service);
    assert.deepEqual([...ipc.handlers.keys()].sort(), INVOKE_NAMES.map(channelOf).sort());
    const h = ipc.handlers.get('cadans:getClient')!;
    assert.deepEqual(await h({ senderFrame: { url: 'cadans://app/index.html#/live' } }, 4), { ok: true, value: { id: 4 } });
    assert.match(JSON.stringify(await h({ senderFrame: { url: 'https://evil.example/' } }, 4)), /did not come from a Cadans page/);
    assert.match(JSON.stringify(await h({ senderFrame: null }, 4)), /did not come from a Cadans page/);
    assert.match(JSON.stringify(await h({ senderFrame: { url: 'cadans://app/' } }, 'x')), /argument 1/);
    off();
    assert.equal(ipc.handlers.size, 0);
  });

  test('trusted sender URLs', () => {
    assert.equal(isTrustedSenderUrl('cadans://app/index.html'), true);
    assert.equal(isTrustedSenderUrl('cadans://other/index.html'), false);
    assert.equal(isTrustedSenderUrl('file:///index.html'), false);
    assert.equal(isTrustedSenderUrl('not a url'), false);
    assert.equal(isTrustedSenderUrl(undefined), false);
  });
});
