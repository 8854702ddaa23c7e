/**
 * The resonance run as the page knows it: the last `ResonanceRunView` from `getResonanceRun` and
 * the `onResonance` events (pushed at every new step or rest and every finished step). A small
 * external store of its own (`useResonanceRun`), subscribed once on first use; the countdown
 * between two views runs on animation frames (ResonanceProgressCard), not through here.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ResonanceRunView } from '../../../shared/ipc/resonanceTypes.js';
import { api } from '../../app/api.js';
import { showError } from '../../app/store.js';

let run: ResonanceRunView | null = null;
let subscribed = false;
const listeners = new Set<() => void>();

/** Take a newer view (events and call results can cross; the newest run and state win). */
export function setResonanceRun(v: ResonanceRunView | null): void {
  if (v && run && v.runId < run.runId) return;
  run = v;
  for (const fn of listeners) fn();
}

/** Fetch the run again (on opening the screen; after a reconnect). */
export async function refreshResonanceRun(): Promise<void> {
  try {
    setResonanceRun(await api().getResonanceRun());
  } catch (e) {
    showError(e);
  }
}

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  api().onResonance((v) => setResonanceRun(v));
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** React: the current (or last) resonance run, or null. */
export function useResonanceRun(): ResonanceRunView | null {
  useEffect(() => {
    ensureSubscribed();
    void refreshResonanceRun();
  }, []);
  return useSyncExternalStore(subscribe, () => run);
}
