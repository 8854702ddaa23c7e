/** English texts of practice mode's coded errors; exactly the keys of practiceErrors.nl.ts. */
import type { SameKeys } from './catalogue.js';
import type { practiceErrorsNl } from './practiceErrors.nl.js';
import { reasonEntries, reasonSelect, type ReasonTable } from './practiceReasons.js';

const REASONS: ReasonTable = {
  'connection-refused': 'the server refuses the connection — is it running, and is the port in the address right?',
  'host-unknown': 'the server is unknown — is the server name in the address right?',
  'timeout': 'the server does not answer in time — is the network or the server unreachable or overloaded?',
  'auth-failed': 'the server does not accept this user or password',
  'permission-denied': 'your PostgreSQL role may not do this — not a Cadans therapist, or the client is restricted to other therapists',
  'no-database': 'the database named in the address does not exist on the server',
  'server-newer': 'the practice database belongs to a newer Cadans — update Cadans',
  'not-initialised': 'the practice database is not set up for Cadans yet — run cadans practice init',
  'tls': 'the secure (TLS) connection failed — check sslmode and the certificate',
  'other': 'the practice database reported an unexpected error',
};

const table = {
  ...reasonEntries(REASONS),
  'practiceDb.technical': '{reason} [technical: {detail}]',
  'practiceDb.off': 'Practice mode is off: no practice database is set, so a client cannot be restricted.',
  'practiceDb.problem': `The practice database cannot be used now: ${reasonSelect(REASONS)}`,
  'practiceDb.notAdmin': 'Only the practice owner (the role that ran cadans practice init, or a member of cadans_admin) may restrict a client.',
  'practiceDb.noTherapist': "''{role}'' is not a Cadans therapist in the practice database.",
  'client.withheld': 'This client is restricted to other therapists in the practice: you can no longer open or report the record here. Nothing was deleted; once the practice owner gives you access again, the client is back after the next sync.',
  'practiceDb.clientNotShared': 'This client is not in the practice database yet; click "Sync now" first.',
  'practiceDb.settingBadUrl': "The practice database address must look like postgres://user@server:port/database (entered: ''{value}'').",
  'practiceDb.settingPassword': 'Do not put a password in the practice database address: it would be readable in the settings file. Use a .pgpass file or PGPASSWORD.',
};

export const practiceErrorsEn: SameKeys<typeof practiceErrorsNl, typeof table> = table;
