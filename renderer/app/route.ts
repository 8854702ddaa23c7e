/** Hash routes of the page: #/live (default), #/clients, #/clients/ID, #/client/ID/TAB (client record), #/review/ID, #/resonance (resonance assessment), #/run (live run session), #/grouprun (group run: set-up and console), #/group (group session: set-up and console), #/display (client display; the group display during a group session). */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'live' }
  | { name: 'clients'; clientId: number | null }
  | { name: 'review'; sessionId: number }
  | { name: 'resonance' }
  | { name: 'run' }
  | { name: 'grouprun' }
  | { name: 'group' }
  | { name: 'record'; clientId: number | null; tab: string | null }
  | { name: 'display' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const id = Number(parts[1]);
  switch (parts[0]) {
    case 'display':
      return { name: 'display' };
    case 'clients':
      return { name: 'clients', clientId: Number.isSafeInteger(id) && id > 0 ? id : null };
    case 'client':
      return { name: 'record', clientId: Number.isSafeInteger(id) && id > 0 ? id : null, tab: parts[2] || null };
    case 'resonance':
      return { name: 'resonance' };
    case 'run':
      return { name: 'run' };
    case 'grouprun':
      return { name: 'grouprun' };
    case 'group':
      return { name: 'group' };
    case 'review':
      if (Number.isSafeInteger(id) && id > 0) return { name: 'review', sessionId: id };
      return { name: 'live' };
    default:
      return { name: 'live' };
  }
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}

const subscribe = (fn: () => void): (() => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
