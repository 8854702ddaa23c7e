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

/**
 * Why the practice database could not be used, from the server's or the network's error
 * (native-adapters/pg/pgErrorReason.ts); each has a sentence in nl/en (`practiceDb.reason.*` in
 * shared/i18n/practiceErrors.*.ts). The raw text is kept only as a technical detail.
 */
export const PRACTICE_REASONS = [
  'connection-refused',
  'host-unknown',
  'timeout',
  'auth-failed',
  'permission-denied',
  'no-database',
  'server-newer',
  'not-initialised',
  'tls',
  'other',
] as const;
export type PracticeReason = (typeof PRACTICE_REASONS)[number];

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
  /** Why, in words for the user (null: no problem). */
  problemReason: PracticeReason | null;
  /** The problem's technical detail (the server's own message, the clients refused), shown after the translated sentence. */
  problem: string | null;
}

/** Who may see a client (issue 17: a client restricted to named therapists), for the client record. */
export interface ClientRestrictionView {
  clientId: number;
  /** Practice mode is on (else nothing below applies). */
  practice: boolean;
  /** The client is in the practice database (a new client is after the next sync). */
  shared: boolean;
  /** This workstation's role is the practice owner (or in cadans_admin): it may restrict and lift. */
  mayRestrict: boolean;
  /** The therapist roles that may see the client (empty: every therapist); null when this role may not read the list. */
  therapists: string[] | null;
  /** The therapist roles on the server to choose from (only for the owner). */
  choices: string[];
}

/** Restrict a client to named therapist roles, or lift the restriction (`therapists` empty). */
export interface RestrictClientRequest {
  clientId: number;
  therapists: string[];
}

/** The practice database as set in the app (`setPracticeServer`). */
export interface PracticeSettingView {
  /** What the settings now hold (null: none). */
  practiceDb: string | null;
  /** CADANS_PRACTICE_DB is set for this process: it goes first, the setting waits. */
  overriddenByEnv: boolean;
  /** The server in use differs from the setting: it takes effect when Cadans starts again. */
  restartNeeded: boolean;
}
