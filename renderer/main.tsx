/** Renderer entry: connect to the core (preload or WebSocket), then render the app. */
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { App } from './app/App.js';
import { getBridge } from './bridge/bridge.js';
import { perfStats } from './charts/perfStats.js';
import { connectStore } from './app/store.js';

const root = document.getElementById('root');
if (root) {
  try {
    const bridge = getBridge();
    perfStats.observe();
    void connectStore(bridge.api, bridge.onLinkState);
    createRoot(root).render(<App />);
  } catch (e) {
    root.textContent = e instanceof Error ? e.message : String(e);
    root.className = 'fatal';
  }
}
