/**
 * Every Cadans window is created here, by `createSecureWindow`, with one literal set of secure web
 * preferences — contextIsolation, sandbox, no Node integration anywhere, web security on, no
 * webview tag, no middle-click navigation (Auxclick) — and the contract-only preload. The
 * constructor is a parameter, so the options are unit tested without Electron (`windowOptions`),
 * and a test checks that no other `new BrowserWindow(` exists in main/.
 * Also: the placement of the client display (the first display that is not the primary one,
 * full screen; else a second normal window).
 * Developer tools: never on the client display (a client must not reach records through them),
 * and on the therapist window only in an unpackaged development run (`app.isPackaged` false).
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export type WindowKind = 'therapist' | 'client';

export interface WindowPlacement {
  bounds?: Rectangle;
  fullscreen?: boolean;
}

export interface WindowBuild {
  /** `app.isPackaged`: an installed build (default true: the safe assumption). */
  packaged?: boolean;
}

/** `devToolsAllowed`: whether a window may open the developer tools (see the file comment). */
export function devToolsAllowed(kind: WindowKind, build: WindowBuild = {}): boolean {
  return kind === 'therapist' && build.packaged === false;
}

/** A BrowserWindow-like constructor (Electron's, or a capturing fake in tests). */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/** The web preferences every window must have (what the tests hold the options to). */
export const REQUIRED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
});

function frameOptions(kind: WindowKind, placement: WindowPlacement): BrowserWindowConstructorOptions {
  const base: BrowserWindowConstructorOptions = {
    show: false,
    backgroundColor: kind === 'client' ? '#0d1d24' : '#f3f5f7',
    title: kind === 'client' ? 'Cadans — cliëntscherm' : 'Cadans',
    autoHideMenuBar: true,
  };
  if (kind === 'therapist') return { ...base, width: 1440, height: 920, minWidth: 1024, minHeight: 700 };
  const b = placement.bounds;
  return { ...base, ...(b ? { x: b.x, y: b.y, width: b.width, height: b.height } : { width: 1100, height: 760 }), fullscreen: placement.fullscreen ?? false };
}

/** `createSecureWindow`: a window of `kind` with the secure preferences and the preload at `preloadPath`. */
export function createSecureWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  kind: WindowKind,
  preloadPath: string,
  placement: WindowPlacement = {},
  build: WindowBuild = {},
): W {
  // The preferences are written out literally (not spread from a constant) so static checkers
  // such as electronegativity can see them at the constructor call.
  return new BrowserWindow({
    ...frameOptions(kind, placement),
    webPreferences: {
      // electronegativity-reviewed: PRELOAD_JS_CHECK — "review the use of preload scripts": reviewed. The preload is needed
      // for contextBridge; it exposes exactly the API contract's functions and no ipcRenderer/Node access
      // (main/preload/preload.ts; asserted by test/unit/app/preload.test.ts).
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: devToolsAllowed(kind, build),
      // electronegativity-reviewed: REMOTE_MODULE_JS_CHECK (see below).
      // @ts-expect-error -- `enableRemoteModule` no longer exists (the remote module was removed in Electron 14) and is
      // ignored. It is written only for electronegativity: scanning `-i main` it cannot see the Electron version, assumes
      // 0.1.0 defaults (remote module on) and would report REMOTE_MODULE_JS_CHECK — a false positive for Electron 45.
      enableRemoteModule: false,
    },
  });
}

class Capture {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

/** `windowOptions`: the exact options `createSecureWindow` passes to the constructor. */
export function windowOptions(kind: WindowKind, preloadPath: string, placement: WindowPlacement = {}, build: WindowBuild = {}): BrowserWindowConstructorOptions {
  return createSecureWindow(Capture, kind, preloadPath, placement, build).options;
}

/**
 * `insecureOptionProblems`: what is not secure in a window's options (empty = secure). With
 * `expect.devTools === false` the developer tools must be off too (the client display; packaged builds).
 */
export function insecureOptionProblems(o: BrowserWindowConstructorOptions, expect: { devTools?: boolean } = {}): string[] {
  const wp = (o.webPreferences ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    if (wp[key] !== value) problems.push(`webPreferences.${key} must be ${String(value)} (is ${String(wp[key])})`);
  }
  if (expect.devTools === false && wp.devTools !== false) problems.push(`webPreferences.devTools must be false (is ${String(wp.devTools)})`);
  if (typeof wp.preload !== 'string' || !wp.preload.endsWith('preload.cjs')) problems.push('webPreferences.preload must be the bundled preload.cjs');
  return problems;
}

/** `clientDisplayPlacement`: full screen on the first non-primary display, else a normal window. */
export function clientDisplayPlacement(displays: readonly { id: number; bounds: Rectangle }[], primaryId: number): WindowPlacement {
  const second = displays.find((d) => d.id !== primaryId);
  return second ? { bounds: second.bounds, fullscreen: true } : {};
}
