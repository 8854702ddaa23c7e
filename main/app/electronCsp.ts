/**
 * The Content-Security-Policy of the desktop app's windows (sent as a header on every response of
 * the app's own protocol, and on every response the session sees). No inline script or style,
 * nothing from the network, no plugins, frames or form posts.
 */
export const ELECTRON_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
