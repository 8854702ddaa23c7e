/** `liveOrigin` — the session start on the live channel clock while a session runs, else null (shared/charts/sessionTime.ts). */
import { liveTimeOrigin } from '../../shared/charts/sessionTime.js';
import { getState } from '../app/store.js';

export const liveOrigin = (): number | null => liveTimeOrigin(getState().session);
