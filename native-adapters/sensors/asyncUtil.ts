/** Small promise helpers for the BLE adapter: timeouts and abortable sleeps. */

/**
 * withTimeout: reject with `message` after `ms` (calling `onTimeout` first); `ms` undefined = no
 * timeout. `message` may make the error itself (a coded `CadansError` the user reads in their language).
 */
export function withTimeout<T>(p: Promise<T>, ms: number | undefined, message: string | (() => Error), onTimeout?: () => void): Promise<T> {
  if (ms === undefined || !Number.isFinite(ms)) return p;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        onTimeout?.();
      } catch {
        /* best effort */
      }
      reject(typeof message === 'function' ? message() : new Error(message));
    }, ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Aborter: lets stop() cancel whatever the adapter is waiting for. */
export class Aborter {
  private handlers = new Set<(err: Error) => void>();
  aborted = false;

  /** sleep: resolves after `ms`, rejects when aborted. */
  sleep(ms: number): Promise<void> {
    return this.wrap(new Promise((r) => setTimeout(r, ms)), () => undefined);
  }

  /** wrap: races `p` against abort; `cleanup` runs when aborted. */
  wrap<T>(p: Promise<T>, cleanup: () => void): Promise<T> {
    if (this.aborted) {
      cleanup();
      return Promise.reject(new Error('stopped'));
    }
    return new Promise<T>((resolve, reject) => {
      const h = (err: Error) => {
        cleanup();
        reject(err);
      };
      this.handlers.add(h);
      p.then(
        (v) => {
          this.handlers.delete(h);
          resolve(v);
        },
        (e: unknown) => {
          this.handlers.delete(h);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  abort(err = new Error('stopped')): void {
    this.aborted = true;
    for (const h of [...this.handlers]) h(err);
    this.handlers.clear();
  }

  reset(): void {
    this.aborted = false;
    this.handlers.clear();
  }
}
