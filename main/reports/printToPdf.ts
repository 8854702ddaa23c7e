/**
 * Printing a report's HTML to PDF. `PrintToPdf` is the interface; `chromiumPrintToPdf` prints
 * with headless Debian Chromium (`chromium --headless --print-to-pdf`, used by `cadans report`
 * and the tests); the Electron app uses `electronPrintToPdf` (electronPrint.ts) through the same
 * interface. Page size and margins come from the report's own `@page` CSS (A4); Chromium's
 * header/footer is off (the report prints its own page numbers).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { showText } from '../../shared/text/safeText.js';
import { ReportError } from './reportError.js';

/** Prints a self-contained HTML document to PDF bytes. */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

/** Environment variable naming the Chromium/Chrome executable to use. */
export const CHROMIUM_ENV_VAR = 'CADANS_CHROMIUM';
/** Where Debian's `chromium` package installs it, then other common names. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
export const DEFAULT_PRINT_TIMEOUT_MS = 60_000;

const isExecutable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `findChromium` — `$CADANS_CHROMIUM` if set, else the first installed candidate, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[CHROMIUM_ENV_VAR];
  if (fromEnv && fromEnv.trim()) return isExecutable(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
}

export interface ChromiumPrintOptions {
  /** Executable (default: `findChromium()`). */
  executablePath?: string;
  timeoutMs?: number;
  /** Further arguments before the page (tests: `--log-net-log=…`). */
  extraArgs?: readonly string[];
}

/** Whether this process runs as root (Chromium's sandbox cannot run then). */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The Chromium features that talk to the network by themselves (network time, optimisation hints,
 * media router, translate, autofill, certificate-transparency lists, feed suggestions).
 */
export const CHROMIUM_NETWORK_FEATURES_OFF = [
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'MediaRouter',
  'DialMediaRouteProvider',
  'Translate',
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedContentSuggestions',
] as const;

/**
 * Arguments of one headless print (exported for tests and for the record). The page is a local
 * file and needs no network, so the network is off: no background services, and what Chromium
 * still tries by itself (component updates, account checks) can neither resolve a name
 * (`--host-resolver-rules=MAP * ~NOTFOUND`: no DNS query at all) nor connect anywhere (every request
 * goes to a proxy on the discard port of loopback, loopback itself included). (Switching scripts
 * off with `--blink-settings` stops headless printing; the report has none.) Chromium's sandbox stays on unless this process runs as root, where it cannot start.
 */
export function chromiumPrintArgs(profileDir: string, pdfFile: string, htmlFile: string, o: { asRoot?: boolean } = {}): string[] {
  const asRoot = o.asRoot ?? runningAsRoot();
  return [
    '--headless',
    ...(asRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    // Networking off.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-component-extensions-with-background-pages',
    '--disable-domain-reliability',
    '--disable-sync',
    '--disable-client-side-phishing-detection',
    '--disable-breakpad',
    '--no-pings',
    '--metrics-recording-only',
    `--disable-features=${CHROMIUM_NETWORK_FEATURES_OFF.join(',')}`,
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--proxy-server=127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    // A clean, quiet profile.
    '--disable-extensions',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    '--mute-audio',
    '--hide-scrollbars',
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
}

/** The last stderr line that is not Chromium's routine D-Bus / GPU chatter. */
function lastUsefulLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/dbus|Fontconfig|gpu|GLES|viz|sandbox|unexpected operator|bytes written/i.test(l));
  return lines[lines.length - 1] ?? '';
}

/**
 * `chromiumPrintToPdf` — a `PrintToPdf` that runs headless Chromium once per document in a fresh
 * temporary profile (removed afterwards). Throws `ReportError` when Chromium is missing, fails or
 * takes longer than `timeoutMs` (the process group it started is then killed).
 */
export function chromiumPrintToPdf(opts: ChromiumPrintOptions = {}): PrintToPdf {
  return async (html: string): Promise<Uint8Array> => {
    const exe = opts.executablePath ?? findChromium();
    if (!exe || !isExecutable(exe)) {
      throw new ReportError(
        `cannot make a PDF: Chromium was not found${exe ? ` at ${exe}` : ` (looked for ${CHROMIUM_CANDIDATES[0]})`}; ` +
          `install it (Debian: apt-get install chromium), set ${CHROMIUM_ENV_VAR}, or write .html instead`,
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'cadans-print-'));
    const htmlFile = join(dir, 'report.html');
    const pdfFile = join(dir, 'report.pdf');
    try {
      writeFileSync(htmlFile, html, 'utf8');
      const args = chromiumPrintArgs(join(dir, 'profile'), pdfFile, htmlFile);
      if (opts.extraArgs?.length) args.splice(args.length - 1, 0, ...opts.extraArgs);
      const { code, stderr, timedOut } = await run(exe, args, opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS);
      if (timedOut) throw new ReportError(`cannot make a PDF: Chromium did not finish within ${Math.round((opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS) / 1000)} s`);
      let pdf: Buffer | null = null;
      try {
        pdf = readFileSync(pdfFile);
      } catch {
        pdf = null;
      }
      if (!pdf || pdf.length < 5 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
        if (/no usable sandbox|sandbox.*(?:not|fail)/i.test(stderr)) {
          throw new ReportError(
            `cannot make a PDF: Chromium (${exe}) could not start its sandbox (it needs unprivileged user namespaces or its setuid sandbox helper); write .html instead`,
          );
        }
        const why = showText(lastUsefulLine(stderr), 200);
        throw new ReportError(`cannot make a PDF: Chromium (${exe}) exited with code ${code} without a PDF${why ? `: ${why}` : ''}`);
      }
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function run(exe: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Own process group, so a hung Chromium can be ended with all its helper processes.
    const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 64_000) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ReportError(`cannot make a PDF: cannot start Chromium (${exe}): ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}
