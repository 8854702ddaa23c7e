/**
 * Tell the core that the console is in use (pointer, keys, wheel) at most every 30 s, so its
 * inactivity lock (main/app/lockCalls.ts) counts reading a page as use, not only calls.
 */
import { useEffect } from 'react';
import { api } from '../../app/api.js';

const REPORT_EVERY_MS = 30_000;

export function useActivityReport(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const onUse = (): void => {
      const now = Date.now();
      if (now - last < REPORT_EVERY_MS) return;
      last = now;
      void api().getLockState().catch(() => undefined);
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onUse, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onUse);
    };
  }, [active]);
}
