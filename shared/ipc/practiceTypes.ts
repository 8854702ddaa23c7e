/**
 * Practice mode as the pages see it (issue 17): whether this workstation shares its records
 * through a practice database, whether that server is reachable, how many changes wait to be
 * sent and when it last synced. From the app core's `getPracticeState`/`syncPracticeNow` and the
 * `onPracticeState` event (main/app/practiceCalls.ts).
 */
export type PracticeConnectionState =
  /** Practice mode is off (no CADANS_PRACTICE_DB): records stay on this workstation. */
  | 'off'
  /** Not tried yet since the start. */
  | 'unknown'
  /** The last sync reached the server. */
  | 'online'
  /** The server could not be reached: everything stays stored here and waits. */
  | 'offline'
  /** The server was reached but refused or failed (`problemCode` says why). */
  | 'problem';

export type PracticeProblemCode =
  | 'bad-url'
  | 'unreachable'
  | 'not-initialised'
  | 'server-newer'
  | 'refused'
  | 'failed';

export interface PracticeStateView {
  mode: 'off' | 'on';
  connection: PracticeConnectionState;
  /** A sync is running now. */
  syncing: boolean;
  /** The server, without password (null when off). */
  server: string | null;
  /** Changes waiting in this workstation's outbox (the parked ones included). */
  waiting: number;
  /**
   * Of those, parked: the server refused them (their client is restricted to other therapists);
   * they stay stored here, the rest goes through, and they are tried again when rights change or
   * on "sync now".
   */
  parked: number;
  /** The clients of the parked changes (at most 5 names). */
  parkedClients: string[];
  /** The last completed sync (ISO 8601), or null. */
  lastSyncAt: string | null;
  problemCode: PracticeProblemCode | null;
  /** The problem's detail (server message, the clients refused), shown after the translated sentence. */
  problem: string | null;
}
