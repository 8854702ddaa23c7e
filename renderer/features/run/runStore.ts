/**
 * The live run session as the page knows it: the last `RunSessionView` from `getRunSession` and the
 * `onRunSession` events (a cue, a Borg entry, each session second). A small external store
 * (`useRunSession`), subscribed once on first use. Every cue the page has not played yet goes to
 * `playRunCue` (tone + speech) exactly once, and is dispatched as the DOM event `cadans:run-cue`
 * (detail: the cue) so tests and add-ons can follow it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { RunCueView, RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import { api } from '../../app/api.js';
import { showError } from '../../app/store.js';

let view: RunSessionView | null = null;
/** Wall time (performance.now) the view arrived: the big clock counts down from there. */
let receivedAt = 0;
let subscribed = false;
const played = new Map<number, number>();
const listeners = new Set<() => void>();
let cueSink: ((c: RunCueView) => void) | null = null;
/** This page is starting a session: its cues (the first one too) are played, even if its first event comes before the reply. */
let expectingStart = false;

/** Who plays the cues (the run screen while it is open). */
export function setRunCueSink(fn: ((c: RunCueView) => void) | null): void {
  cueSink = fn;
}

export function runViewReceivedAt(): number {
  return receivedAt;
}

export function setRunSession(v: RunSessionView | null): void {
  if (v && view && v.sessionId < view.sessionId) return;
  // Cues of a session seen for the first time (a reload mid-way) are taken as played already.
  const first = v !== null && !played.has(v.sessionId) && !expectingStart;
  if (v && !played.has(v.sessionId) && expectingStart) {
    expectingStart = false;
    played.set(v.sessionId, 0);
  }
  if (v) {
    const last = played.get(v.sessionId) ?? 0;
    const fresh = first ? [] : v.cues.filter((c) => c.seq > last);
    played.set(v.sessionId, Math.max(last, v.cues.at(-1)?.seq ?? 0));
    for (const c of fresh) {
      window.dispatchEvent(new CustomEvent('cadans:run-cue', { detail: c }));
      cueSink?.(c);
    }
  }
  view = v;
  receivedAt = performance.now();
  for (const fn of listeners) fn();
}

/** Call before `startRunSession`: the session that comes next is this page's own, all its cues are played. */
export function expectRunStart(): void {
  expectingStart = true;
}

/** The reply of a start or stop call. */
export function startedRunSession(v: RunSessionView): void {
  if (!played.has(v.sessionId)) played.set(v.sessionId, 0);
  expectingStart = false;
  setRunSession(v);
}

export async function refreshRunSession(): Promise<void> {
  try {
    setRunSession(await api().getRunSession());
  } catch (e) {
    showError(e);
  }
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** React: the current (or last) run session, or null. */
export function useRunSession(): RunSessionView | null {
  useEffect(() => {
    if (!subscribed) {
      subscribed = true;
      api().onRunSession((v) => setRunSession(v));
    }
    void refreshRunSession();
  }, []);
  return useSyncExternalStore(subscribe, () => view);
}
