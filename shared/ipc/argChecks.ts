/**
 * Argument checks of the API contract. Arguments arrive from the renderer (Electron IPC) or over
 * the WebSocket, so the core checks their shape before it calls the service: a check returns
 * an English problem description, or null when the arguments are acceptable. Deep validation of
 * records (client fields, pacer ranges) stays with the domain validators behind the service.
 */

/** Checks an argument list; returns null when acceptable, else the problem. */
export type ArgsCheck = (args: readonly unknown[]) => string | null;

type ValueCheck = (v: unknown) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const anyObject: ValueCheck = (v) => (isObj(v) ? null : 'must be an object');
export const objectOrNull: ValueCheck = (v) => (v === null || isObj(v) ? null : 'must be an object or null');
export const positiveId: ValueCheck = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? null : 'must be a positive whole number (an id)';
export const nonEmptyText =
  (maxLength: number): ValueCheck =>
  (v) =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= maxLength ? null : `must be text of 1–${maxLength} characters`;
export const oneOf =
  <T extends string>(values: readonly T[]): ValueCheck =>
  (v) =>
    typeof v === 'string' && (values as readonly string[]).includes(v) ? null : `must be one of ${values.join(', ')}`;

/** Arguments in order; `checks.length` is the exact arity. */
export function args(...checks: ValueCheck[]): ArgsCheck {
  return (list) => {
    if (!Array.isArray(list)) return 'arguments must be a list';
    if (list.length !== checks.length) return `expected ${checks.length} argument(s), got ${list.length}`;
    for (let i = 0; i < checks.length; i++) {
      const problem = checks[i]!(list[i]);
      if (problem !== null) return `argument ${i + 1} ${problem}`;
    }
    return null;
  };
}

/** No arguments. */
export const noArgs: ArgsCheck = args();
