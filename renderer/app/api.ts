/** The page's `CadansApi` (preload or WebSocket; see bridge/bridge.ts). */
import type { CadansApi } from '../../shared/ipc/contract.js';
import { getBridge } from '../bridge/bridge.js';

export function api(): CadansApi {
  return getBridge().api;
}
