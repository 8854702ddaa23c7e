/**
 * Argument checks of the API contract. Arguments arrive from the renderer (Electron IPC) or over
 * the WebSocket, so the core checks them against the call's schemas (`schema.ts`: strict objects,
 * unknown keys refused) before it calls the service: a check returns the first problem as one
 * English sentence, or null when the arguments are acceptable. Ranges and formats the forms
 * explain to the user stay with the domain validators behind the service.
 */
import { problemAt, oneOf as oneOfSchema, text, type Schema, type SchemaNode, type SchemaProblem } from './schema.js';

/** Checks an argument list; returns null when acceptable, else the problem. */
export type ArgsCheck = (args: readonly unknown[]) => string | null;

/** The checked argument list of one call: its schemas, one per argument (`A`: the argument types). */
export interface ArgsSpec<A extends unknown[]> extends ArgsCheck {
  /** One schema per argument, in order; its length is the exact arity. */
  readonly schemas: readonly SchemaNode[];
  /** The first problem as data (field, message code, parameters), or null; null also for a wrong arity (see the check). */
  readonly problem: (args: readonly unknown[]) => SchemaProblem | null;
  /** Phantom (never present): makes `ArgsSpec<A>` invariant in `A`. */
  readonly _args?: (a: A) => A;
}

/** Arguments in order, one schema each; `schemas.length` is the exact arity. */
export function args<A extends unknown[]>(...schemas: { [I in keyof A]: Schema<A[I]> }): ArgsSpec<A> {
  const nodes = (schemas as readonly Schema<unknown>[]).map((s) => s.node);
  const problem = (list: readonly unknown[]): SchemaProblem | null => {
    if (!Array.isArray(list) || list.length !== nodes.length) return null;
    for (let i = 0; i < nodes.length; i++) {
      const p = problemAt(nodes[i]!, list[i], `argument ${i + 1}`);
      if (p !== null) return p;
    }
    return null;
  };
  const check: ArgsCheck = (list) => {
    if (!Array.isArray(list)) return 'arguments must be a list';
    if (list.length !== nodes.length) return `expected ${nodes.length} argument(s), got ${list.length}`;
    return problem(list)?.message ?? null;
  };
  return Object.assign(check, { schemas: Object.freeze(nodes), problem });
}

/** No arguments. */
export const noArgs: ArgsSpec<[]> = args();

/** Non-empty text of at most `maxLength` characters. */
export const nonEmptyText = (maxLength: number): Schema<string> => text({ maxLength, nonEmpty: true });
export const oneOf = oneOfSchema;
