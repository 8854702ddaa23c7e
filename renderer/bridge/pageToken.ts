/**
 * The web host's access token in the page: taken from the URL fragment (`#token=…`, see
 * shared/ipc/wireProtocol.ts) ONCE, kept in memory only (no cookie, no storage), and removed from
 * the address bar with `history.replaceState` so it is neither shown nor kept in the tab's
 * history. A token that arrives later in the fragment (the same page opened again with a new
 * URL: only the fragment changed, so the browser does not reload) replaces it and is removed the
 * same way. A token in the query string (old URLs) is removed and not used: a query reaches the
 * server and the history.
 */
import { splitTokenFragment, TOKEN_PARAM } from '../../shared/ipc/wireProtocol.js';

let token: string | null = null;
const listeners = new Set<(token: string) => void>();

/** Remove any token from the address bar; returns the token the fragment carried (or null). */
function takeFromAddressBar(): string | null {
  const { token: fromFragment, rest } = splitTokenFragment(window.location.hash);
  const hadFragmentToken = rest !== window.location.hash;
  const query = new URLSearchParams(window.location.search);
  const hadQueryToken = query.has(TOKEN_PARAM);
  query.delete(TOKEN_PARAM);
  if (hadFragmentToken || hadQueryToken) {
    const search = query.toString();
    window.history.replaceState(window.history.state, '', window.location.pathname + (search ? `?${search}` : '') + rest);
  }
  return fromFragment;
}

/**
 * The page's token: read from the address bar on the first call (which also cleans it and starts
 * watching the fragment for a new one), null when the page was opened without one (a reload).
 */
export function pageToken(): string | null {
  if (!watching) watch();
  return token;
}

/** Hear of a new token (the page was given a new URL without reloading). */
export function onPageToken(fn: (token: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

let watching = false;
function watch(): void {
  watching = true;
  token = takeFromAddressBar();
  // Registered before the router's listener, so the router only ever sees the cleaned fragment.
  window.addEventListener('hashchange', () => {
    const fresh = takeFromAddressBar();
    if (fresh !== null && fresh !== token) {
      token = fresh;
      for (const fn of [...listeners]) fn(fresh);
    }
  });
}

/** What the page shows when it has no token (Dutch and English: the UI language is not known yet). */
export const NO_TOKEN_MESSAGE = {
  nl:
    'Geen verbinding met Cadans: deze pagina heeft geen toegangssleutel. De sleutel wordt bij het openen uit de adresbalk ' +
    'gehaald en nergens bewaard, dus na herladen kan de pagina niet opnieuw verbinden. Open het volledige adres dat ' +
    '`cadans web` in de terminal toonde (met #token=…) opnieuw.',
  en:
    'No connection to Cadans: this page has no access token. The token is taken out of the address bar when the page ' +
    'opens and is not stored anywhere, so a reloaded page cannot reconnect. Open the full address that `cadans web` ' +
    'printed in the terminal (the one with #token=…) again.',
} as const;
