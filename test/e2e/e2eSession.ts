// Shared harness of the browser end-to-end tests: one `cadans web` process and one Chromium page
// per test file (registered as before/after hooks of the enclosing describe), page errors
// collected, and the small helpers every e2e file needs.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startWebHostProcess, type WebHostProcess } from './webHostProcess.js';

export interface E2eSession {
  readonly host: WebHostProcess;
  readonly page: Page;
  /** Uncaught page errors and console errors seen so far. */
  readonly pageErrors: string[];
}

/**
 * Call inside a `describe`: starts `cadans web` and a Chromium page before its tests and stops
 * both after them (asserting that the web host exits cleanly). The returned object's `host` and
 * `page` are valid inside the tests.
 */
export function useWebHostPage(viewport?: { width: number; height: number }): E2eSession {
  let host: WebHostProcess | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  before(async () => {
    host = await startWebHostProcess();
    browser = await launchBrowser(viewport);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
    const code = await host?.stop();
    assert.equal(code, 0, `cadans web should exit cleanly on SIGTERM; stderr: ${host?.output().stderr}`);
  });
  return {
    get host() {
      if (!host) throw new Error('the web host is not running (used outside a test?)');
      return host;
    },
    get page() {
      if (!page) throw new Error('no page (used outside a test?)');
      return page;
    },
    pageErrors,
  };
}

/** Poll `fn` until it is true; throws after `timeoutMs`, naming `what`. */
export async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A number as the UI shows it in Dutch or English: '1.234,5' / '2,5' (Dutch: comma decimal, dot
 * thousands) or '1,234.5' / '2.5' (English); '–', '—' or empty = NaN.
 */
export function uiNumber(text: string | null): number {
  const t = (text ?? '').trim().replace(/\s/g, '');
  if (t === '' || t === '–' || t === '—') return NaN;
  const dutch = /,\d{1,2}$/.test(t) || (/\.\d{3}(?!\d)/.test(t) && !/\.\d{1,2}$/.test(t));
  return Number(dutch ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, ''));
}
