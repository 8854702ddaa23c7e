/** Run an API call from an event handler: errors go to the app's error banner; `busy` while running. */
import { useState } from 'react';
import { showError } from '../app/store.js';

export function useAction(): { busy: boolean; run: <T>(fn: () => Promise<T>) => Promise<T | undefined> } {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: async (fn) => {
      setBusy(true);
      try {
        return await fn();
      } catch (e) {
        showError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}
