/** Renderer entry: connect to the core (preload or WebSocket), then render the app. */
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './app.css';
import './group.css';
import { App } from './app/App.js';
import { getBridge, NoTokenError } from './bridge/bridge.js';
import { onPageToken } from './bridge/pageToken.js';
import { perfStats } from './charts/perfStats.js';
import { connectStore } from './app/store.js';

function start(root: HTMLElement): void {
  try {
    const bridge = getBridge();
    root.className = '';
    root.removeAttribute('data-testid');
    root.textContent = '';
    perfStats.observe();
    void connectStore(bridge.api, bridge.onLinkState);
    createRoot(root).render(<App />);
  } catch (e) {
    root.className = 'fatal';
    root.setAttribute('data-testid', 'fatal');
    root.textContent = '';
    if (e instanceof NoTokenError) {
      // Both languages: without a connection the UI language is not known.
      for (const [lang, text] of [['nl', e.nl], ['en', e.en]] as const) {
        const p = document.createElement('p');
        p.lang = lang;
        p.textContent = text;
        root.appendChild(p);
      }
      // The full URL typed into this tab changes only the fragment (no reload): start then.
      const stop = onPageToken(() => {
        stop();
        start(root);
      });
    } else root.textContent = e instanceof Error ? e.message : String(e);
  }
}

const root = document.getElementById('root');
if (root) start(root);
