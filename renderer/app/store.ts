/**
 * The page's app state that React renders (low rate: connection, quality once a second, session
 * state, pacer, settings) in one small external store (`useApp(selector)` on top of
 * `useSyncExternalStore`), fed by the contract's events. Live samples do not pass through here:
 * they go to `liveData` (charts/LiveData.ts).
 */
import { codedMessage, type CodedMessage } from '../../shared/i18n/CadansError.js';
import { useSyncExternalStore } from 'react';
import {
  DEFAULT_DISPLAY_SETTINGS,
  DEFAULT_LOCALE,
  DEFAULT_LOCK_AFTER_MIN,
  LOCALES,
  type AppInfo,
  type AppSettings,
  type ChannelView,
  type Locale,
  type LockState,
  type PacerTimeline,
  type QualityEvent,
  type SessionStateView,
} from '../../shared/ipc/apiTypes.js';
import type { ClientListItem } from '../../shared/domain/types.js';
import type { StorageNotice } from '../../shared/domain/storageNotices.js';
import type { CadansApi } from '../../shared/ipc/contract.js';
import type { RecordsChange } from '../../shared/ipc/recordTypes.js';
import { LiveData } from '../charts/LiveData.js';
import { GroupLiveData } from '../charts/GroupLiveData.js';
import type { LinkState } from '../bridge/bridge.js';

export interface AppState {
  link: LinkState;
  info: AppInfo | null;
  settings: AppSettings;
  channels: ChannelView[];
  quality: Record<string, QualityEvent>;
  session: SessionStateView;
  pacer: PacerTimeline | null;
  clients: ClientListItem[];
  selectedClientId: number | null;
  /** The console lock (null until known). */
  lock: LockState | null;
  /** Last error message to show (cleared by the user). */
  /** The last failed call's error (code + params, shown in the UI's language by the banner). */
  error: CodedMessage | null;
  /** The last storage notice of a recording (disk full, saved after all …) until the user closes it. */
  storageNotice: StorageNotice | null;
}

const LOCALE_KEY = 'cadans.locale';

function initialLocale(): Locale {
  try {
    const v = localStorage.getItem(LOCALE_KEY);
    if (LOCALES.includes(v as Locale)) return v as Locale;
  } catch {
    // storage unavailable
  }
  return DEFAULT_LOCALE;
}

export const IDLE_SESSION: SessionStateView = {
  phase: 'idle',
  sessionId: null,
  clientId: null,
  channel: null,
  type: null,
  startedAt: null,
  startClockSec: null,
  elapsedSec: 0,
  pacer: null,
  markers: [],
  lastEndedSessionId: null,
  lastEndReason: null,
  pacerEnded: false,
  groupId: null,
  members: [],
  lastEndedGroupId: null,
};

let state: AppState = {
  link: 'connecting',
  info: null,
  settings: { locale: initialLocale(), display: { ...DEFAULT_DISPLAY_SETTINGS }, lockAfterMin: DEFAULT_LOCK_AFTER_MIN, practiceDb: null },
  channels: [],
  quality: {},
  session: IDLE_SESSION,
  pacer: null,
  clients: [],
  selectedClientId: null,
  lock: null,
  error: null,
  storageNotice: null,
};

const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function setState(patch: Partial<AppState>): void {
  state = { ...state, ...patch };
  if (patch.settings) {
    try {
      localStorage.setItem(LOCALE_KEY, patch.settings.locale);
    } catch {
      // ignore
    }
  }
  if ('channels' in patch || 'session' in patch) liveData.setChannel(primaryChannel(state));
  if ('session' in patch) groupLive.setChannels(state.session.groupId !== null ? state.session.members.map((m) => m.channel) : []);
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** React: the part of the app state chosen by `select` (re-renders when it changes by identity). */
export function useApp<T>(select: (s: AppState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

/** The channel on screen: the session's, else the first connected one. */
export function primaryChannel(s: AppState): string | null {
  return s.session.channel ?? s.channels.find((c) => c.state === 'connected')?.channel ?? s.channels[0]?.channel ?? null;
}

/** The live buffers of this page. */
export const liveData = new LiveData();

/** The live buffers of every client of a running group session (one per member channel). */
export const groupLive = new GroupLiveData();

/** Show an error message from a failed call. */
export function showError(e: unknown): void {
  setState({ error: codedMessage(e) });
}

/** Wire the contract's events into the store and load the initial state. */
export async function connectStore(api: CadansApi, onLink: (fn: (s: LinkState) => void) => () => void): Promise<void> {
  onLink((link) => {
    setState({ link });
    if (link === 'open') void refresh(api);
  });
  api.onSettings((settings) => setState({ settings }));
  api.onSessionState((session) => setState({ session }));
  api.onPacer((pacer) => {
    liveData.setPacer(pacer);
    groupLive.setPacer(pacer);
    setState({ pacer });
  });
  api.onQuality((q) => setState({ quality: { ...state.quality, [q.channel]: q } }));
  api.onConnection((ev) => {
    const rest = state.channels.filter((c) => c.channel !== ev.channel);
    // A notice that comes with the event is shown until the sensor says something else.
    const view = ev.view && ev.notice ? { ...ev.view, notice: ev.view.notice ?? ev.notice } : ev.view;
    const channels = view ? [...rest, view].sort((a, b) => a.channel.localeCompare(b.channel)) : rest;
    setState({ channels });
  });
  api.onLive((batch) => {
    liveData.ingest(batch);
    groupLive.ingest(batch);
  });
  api.onLock((lock) => applyLock(api, lock));
  api.onStorageNotice((storageNotice) => setState({ storageNotice }));
  api.onRecordsChanged((change) => {
    if (state.lock?.locked) return; // nothing of a record is fetched while locked
    if (change.clientList) void reloadClients(api);
    for (const fn of recordsListeners) fn(change);
  });
}

/** A new lock state: locked → the page forgets the client list (nothing of a record stays in memory); unlocked → reload. */
function applyLock(api: CadansApi, lock: LockState): void {
  const was = state.lock?.locked ?? false;
  if (lock.locked) setState({ lock, clients: [], error: null });
  else setState({ lock });
  if (was && !lock.locked) void reloadClients(api);
}

const recordsListeners = new Set<(change: RecordsChange) => void>();

/**
 * Hear of changed client records (`onRecordsChanged`: this app or another process, e.g. a
 * `cadans record` in a terminal); returns the function that stops listening. The client list in
 * the store is re-fetched here; a screen re-fetches what it shows of the clients named.
 */
export function onRecordsChange(fn: (change: RecordsChange) => void): () => void {
  recordsListeners.add(fn);
  return () => recordsListeners.delete(fn);
}

async function refresh(api: CadansApi): Promise<void> {
  try {
    const [info, settings, channels, session, pacer] = await Promise.all([
      api.getAppInfo(),
      api.getSettings(),
      api.listChannels(),
      api.getSessionState(),
      api.getPacer(),
    ]);
    liveData.setPacer(pacer);
    setState({ info, settings, channels, session, pacer });
    groupLive.setPacer(pacer);
    const lock = await api.getLockState();
    applyLock(api, lock);
    if (!lock.locked) await reloadClients(api);
  } catch (e) {
    showError(e);
  }
}

/** Fetch the client list again (after creating a client or ending a session). */
export async function reloadClients(api: CadansApi): Promise<void> {
  try {
    const clients = await api.listClients();
    const sel = state.selectedClientId ?? state.session.clientId;
    setState({ clients, selectedClientId: sel !== null && clients.some((c) => c.id === sel) ? sel : (clients[0]?.id ?? null) });
  } catch (e) {
    showError(e);
  }
}
