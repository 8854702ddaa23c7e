/**
 * The schemas of the practice-mode calls (issue 17): restricting a client to named therapist
 * roles from the client record. Strict, one per request type (see requestSchemas.ts for the
 * rules); whether each role is a Cadans therapist is the server's to say (a coded error).
 */
import type { RestrictClientRequest } from './practiceTypes.js';
import { id, list, nullable, object, text, textMatching, type Schema } from './schema.js';

/** Most therapist roles one client may be restricted to. */
export const MAX_RESTRICTED_THERAPISTS = 50;

/** A PostgreSQL role name as a therapist logs in with (an unquoted identifier, up to 63 characters). */
export const therapistRoleSchema: Schema<string> = textMatching<string>(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, 'anna', 63);

export const restrictClientSchema: Schema<RestrictClientRequest> = object<RestrictClientRequest>({
  clientId: id,
  therapists: list(therapistRoleSchema, MAX_RESTRICTED_THERAPISTS),
});

/** Longest practice database URL the app's settings keep. */
export const MAX_PRACTICE_URL_LENGTH = 500;

/** `setPracticeServer`: a URL (checked by the core: postgres://, no password) or null to clear it. */
export const practiceServerSchema: Schema<string | null> = nullable(text({ maxLength: MAX_PRACTICE_URL_LENGTH }));
