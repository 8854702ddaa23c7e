import type { InvokeName } from './contract.js';

/**
 * The calls a locked console still answers: the app's own state, the lock, the sensors and the
 * live session that may be recording (pause, stop, markers, pacer, a running resonance
 * assessment). Everything that reads or changes client records is refused until unlocked.
 */
export const LOCKED_CALLS_ALLOWED: ReadonlySet<InvokeName> = new Set<InvokeName>([
  'getAppInfo',
  'getSettings',
  'getLocale',
  'setLocale',
  'getDisplaySettings',
  'setDisplaySettings',
  'openClientDisplay',
  'getLockState',
  'lockConsole',
  'unlockConsole',
  'listSensors',
  'listChannels',
  'getSessionState',
  'pauseSession',
  'resumeSession',
  'stopSession',
  'addMarker',
  'getPacer',
  'setPacer',
  'getResonanceRun',
  'stopResonance',
  'cancelResonance',
  'getPracticeState',
]);
