/**
 * Preload of every Cadans window (runs sandboxed, with contextIsolation): exposes exactly the API
 * contract's functions as `window.cadans` through `contextBridge` — one function per invoke call
 * (`ipcRenderer.invoke` on its own channel) and one subscribe function per event. There is no
 * generic send(channel) or on(channel): the renderer can reach nothing but the contract.
 * Bundled to build/main/preload.cjs (CommonJS) by scripts/bundle.mjs.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf, createApiClient, type Reply } from '../../shared/ipc/contract.js';

const api = createApiClient({
  invoke: (name, args) => ipcRenderer.invoke(channelOf(name), ...args) as Promise<Reply<unknown>>,
  subscribe: (name, listener) => {
    const channel = channelOf(name);
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});

contextBridge.exposeInMainWorld('cadans', api);
