/** `--client <name|id>` of the records commands. */
import type { Client } from '../../shared/domain/types.js';
import type { Storage } from '../storage/storage.js';
import { showText } from '../../shared/text/safeText.js';
import { cliError } from './cliError.js';

export const DEFAULT_CLIENT_NAME = 'Anonymous';

/** A whole number in text → the id; otherwise null (a name). */
function asId(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * `findClients` — the clients `--client` means: by id (must exist), or every client with that
 * name (case-insensitive; may be none).
 */
export function findClients(storage: Storage, spec: string): Client[] {
  if (spec.trim() === '') throw cliError('cli.clientNeedsSpec', {}, 2);
  const id = asId(spec);
  if (id !== null) {
    const c = storage.clients.get(id);
    if (!c) throw cliError('cli.clientMissing', { id: String(id) });
    // A client withheld in practice mode (restricted to other therapists) is refused (coded).
    return [storage.clients.require(id)];
  }
  return storage.clients.findByName(spec);
}

/**
 * `oneClient` — the one client `--client` names for a command that reads a record (a report): by
 * id (must exist) or by exact name (case-insensitive). No match, or a name several clients share,
 * is refused with a message that says what to give instead.
 */
export function oneClient(storage: Storage, spec: string): Client {
  const id = asId(spec);
  if (id !== null) return storage.clients.require(id);
  const found = findClients(storage, spec);
  if (found.length === 1) return found[0];
  if (found.length === 0) throw cliError('cli.noClientNamedSee', { name: showText(spec.trim(), 80) });
  const ids = found.map((c) => c.id).join(', ');
  throw cliError('cli.clientsNamed', { count: String(found.length), name: showText(spec.trim(), 80), ids });
}

/**
 * `clientForRecording` — the client to record for: by id (must exist), by name (the oldest
 * client with that name), or a new client with that name (`created` = true).
 */
export function clientForRecording(storage: Storage, spec: string | undefined): { client: Client; created: boolean } {
  const name = spec ?? DEFAULT_CLIENT_NAME;
  const found = findClients(storage, name);
  if (found.length > 0) return { client: found[0], created: false };
  return { client: storage.clients.create({ name: name.trim() }), created: true };
}
