import type { EventName, EventSink, PayloadOf } from '../../shared/ipc/contract.js';

/**
 * `EventHub` — the renderers registered with the app core (Electron windows, WebSocket pages, the
 * CLI) and the one way core events reach them. A failing sink (a closed window or socket) never
 * stops the others.
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  /** Register a renderer; returns the function that unregisters it. */
  addSink(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<K extends EventName>(name: K, payload: PayloadOf<K>): void {
    for (const sink of this.sinks) {
      try {
        sink(name, payload);
      } catch {
        // A closed window or socket must not stop the others.
      }
    }
  }

  clear(): void {
    this.sinks.clear();
  }
}
