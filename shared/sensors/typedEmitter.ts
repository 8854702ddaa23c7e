/**
 * TypedEmitter: a tiny typed event emitter for pure code (no Node `events`).
 * `on` returns an unsubscribe function. A throwing listener does not stop the
 * other listeners; the first error is re-thrown after all listeners ran.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export class TypedEmitter<Events extends { [K in keyof Events]: Listener }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();

  /** Subscribe `fn` to `ev`; returns a function that unsubscribes it again. */
  on<E extends keyof Events>(ev: E, fn: Events[E]): () => void {
    let set = this.listeners.get(ev);
    if (!set) {
      set = new Set();
      this.listeners.set(ev, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /** Call every listener of `ev` with `args`. */
  emit<E extends keyof Events>(ev: E, ...args: Parameters<Events[E]>): void {
    const set = this.listeners.get(ev);
    if (!set || set.size === 0) return;
    let firstError: unknown = undefined;
    let failed = false;
    for (const fn of [...set]) {
      try {
        fn(...args);
      } catch (err) {
        if (!failed) firstError = err;
        failed = true;
      }
    }
    if (failed) throw firstError;
  }

  /** Number of listeners of `ev` (for tests and leak checks). */
  listenerCount(ev: keyof Events): number {
    return this.listeners.get(ev)?.size ?? 0;
  }

  /** Drop all listeners. */
  removeAll(): void {
    this.listeners.clear();
  }
}
