/**
 * Clients withheld on this workstation (issue 17, practice mode; SQLite migration 14): restricted
 * on the practice server to other therapists after this workstation pulled them. The sync marks
 * and unmarks them (main/practice/withheldClients.ts); the repositories read the marks: a withheld
 * client is left out of the client and session lists, and opening it (`ClientsRepo.require`, the
 * way in of every call that shows or reports a client) is refused with the coded error
 * 'client.withheld'. Nothing of it is deleted, and code that writes by id (an edit being saved, a
 * recording being finished) still writes: its changes wait in the outbox, parked.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { CadansError } from '../../shared/i18n/CadansError.js';

/** Whether the file has the table (a read-only file from before migration 14 has none: nothing is withheld). */
export function hasWithheldClients(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'withheld_clients'").get() !== undefined;
}

/** SQL condition: the client id in `column` is not withheld (always true without the table). */
export function notWithheld(db: Db, column: string): string {
  return hasWithheldClients(db) ? `${column} NOT IN (SELECT client_id FROM withheld_clients)` : '1';
}

export function isWithheld(db: Db, clientId: number): boolean {
  return hasWithheldClients(db) && db.prepare('SELECT 1 FROM withheld_clients WHERE client_id = ?').get(clientId) !== undefined;
}

/** The refusal of opening or reporting a withheld client. */
export function clientWithheldError(clientId: number): CadansError {
  return new CadansError('client.withheld', { clientId });
}
