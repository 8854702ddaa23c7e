/**
 * Run-time schemas of the API contract's arguments (hand-written, no dependency): each call's
 * arguments are checked against one schema before the core sees them, in the web host and in the
 * Electron IPC handlers alike (`dispatchInvoke`).
 *
 * - Every object schema is STRICT: a key the schema does not name is refused ("unknown key"),
 *   a required key that is missing is refused, and only plain objects are accepted.
 * - A check returns the FIRST problem as one English sentence naming where it is
 *   (`argument 1.pacer.rateBpm must be a finite number`), or null; `problemAt` returns it as
 *   data too (`{ field: 'pacer.rateBpm', code: 'outOfRange', params }`), which crosses the API.
 * - Schemas are typed: `Schema<T>` accepts exactly the values of `T` (invariant), and `object<T>()`
 *   must name every key of `T` (optional keys with `optional(…)`), so the compiler keeps the
 *   schemas and the contract's TypeScript types in step.
 * - Ranges and formats the forms explain to the user (dates, score ranges, text lengths) stay with
 *   the domain validators behind the service, which answer with translatable issue codes; the
 *   schemas' limits are the outer bounds of what may reach them.
 *
 * Schemas are plain data (`node`), so tests can walk them: `sampleOf` builds a valid value.
 * `problemAt` gives the same problem as data (field, message code, parameters) for the forms.
 */
import { showValue, type MessageCode, type MessageParams } from '../domain/validationMessages.js';

export type SchemaNode =
  | { kind: 'text'; maxLength: number; nonEmpty: boolean; pattern: RegExp | null; example: string }
  | { kind: 'number'; integer: boolean; min: number | null; max: number | null }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'nullable'; inner: SchemaNode }
  | { kind: 'list'; item: SchemaNode; maxItems: number }
  | { kind: 'object'; fields: Readonly<Record<string, { node: SchemaNode; optional: boolean }>> }
  | { kind: 'variant'; key: string; cases: Readonly<Record<string, SchemaNode & { kind: 'object' }>> };

/** A schema accepting exactly the values of `T`. */
export interface Schema<T> {
  readonly node: SchemaNode;
  /** Phantom (never present): makes `Schema<T>` invariant in `T`. */
  readonly _type?: (t: T) => T;
}

/** An optional key of an object schema. */
export interface Optional<T> {
  readonly optional: true;
  readonly schema: Schema<T>;
}

const schema = <T>(node: SchemaNode): Schema<T> => ({ node });

/** Text up to `maxLength` characters (`nonEmpty`: not only white space; `pattern`: must match). */
export function text(o: { maxLength: number; nonEmpty?: boolean }): Schema<string> {
  return schema({ kind: 'text', maxLength: o.maxLength, nonEmpty: o.nonEmpty ?? false, pattern: null, example: 'x' });
}

/** Text that matches `pattern` (typed as the string type `T` it stands for); `example` matches too. */
export function textMatching<T extends string>(pattern: RegExp, example: T, maxLength = 100): Schema<T> {
  return schema({ kind: 'text', maxLength, nonEmpty: true, pattern, example });
}

/** A finite number (`integer`: a whole one), within `min`/`max` when given. */
export function number(o: { integer?: boolean; min?: number; max?: number } = {}): Schema<number> {
  return schema({ kind: 'number', integer: o.integer ?? false, min: o.min ?? null, max: o.max ?? null });
}

/** A record id: a whole number ≥ 1. */
export const id: Schema<number> = number({ integer: true, min: 1 });

export const boolean: Schema<boolean> = schema({ kind: 'boolean' });

/** One of `values`. */
export function oneOf<T extends string>(values: readonly T[]): Schema<T> {
  return schema({ kind: 'enum', values });
}

/** `inner` or null. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema({ kind: 'nullable', inner: inner.node });
}

/** A list of at most `maxItems` values of `item`. */
export function list<T>(item: Schema<T>, maxItems: number): Schema<T[]> {
  return schema({ kind: 'list', item: item.node, maxItems });
}

/** Mark a key of an object schema as optional (absent or `undefined`). */
export function optional<T>(s: Schema<T>): Optional<T> {
  return { optional: true, schema: s };
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** The fields of `object<T>`: every key of `T`, optional ones wrapped in `optional(…)`. */
export type Shape<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T> ? Optional<Exclude<T[K], undefined>> : Schema<T[K]>;
};

/** A strict object: exactly the keys of `shape` (required ones present), nothing else. */
export function object<T>(shape: Shape<T>): Schema<T> {
  const fields: Record<string, { node: SchemaNode; optional: boolean }> = {};
  for (const [k, f] of Object.entries(shape) as [string, Schema<unknown> | Optional<unknown>][]) {
    fields[k] = 'optional' in f ? { node: f.schema.node, optional: true } : { node: f.node, optional: false };
  }
  return schema({ kind: 'object', fields });
}

/**
 * A union of object schemas told apart by the text field `key` (`{ kind: 'session', … } |
 * { kind: 'progress', … }`): each case's schema is used for values whose `key` names it.
 */
export function variant<T extends Record<K, string>, K extends string>(
  key: K,
  cases: { [V in T[K]]: Schema<Extract<T, Record<K, V>>> },
): Schema<T> {
  const nodes: Record<string, SchemaNode & { kind: 'object' }> = {};
  for (const [v, s] of Object.entries(cases) as [string, Schema<unknown>][]) {
    if (s.node.kind !== 'object') throw new Error(`variant '${v}' must be an object schema`);
    nodes[v] = s.node;
  }
  return schema({ kind: 'variant', key, cases: nodes });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

function describe(node: SchemaNode): string {
  switch (node.kind) {
    case 'text':
      return node.pattern ? 'text of the expected form' : node.nonEmpty ? `text of 1–${node.maxLength} characters` : `text of at most ${node.maxLength} characters`;
    case 'number': {
      if (node.integer && node.min === 1 && node.max === null) return 'a positive whole number (an id)';
      const what = node.integer ? 'a whole number' : 'a finite number';
      if (node.min !== null && node.max !== null) return `${what} from ${node.min} to ${node.max}`;
      if (node.min !== null) return `${what} ≥ ${node.min}`;
      if (node.max !== null) return `${what} ≤ ${node.max}`;
      return what;
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${node.values.join(', ')}`;
    case 'nullable':
      return `${describe(node.inner)} or null`;
    case 'list':
      return `a list of at most ${node.maxItems} items`;
    case 'object':
    case 'variant':
      return 'an object';
  }
}

/** Whether `v` is of the JSON kind `node` checks (text, number, object …), whatever its details. */
function sameKind(node: SchemaNode, v: unknown): boolean {
  switch (node.kind) {
    case 'text':
    case 'enum':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'nullable':
      return sameKind(node.inner, v);
    case 'list':
      return Array.isArray(v);
    case 'object':
    case 'variant':
      return isPlainObject(v);
  }
}

/**
 * A refused value, as data: the English sentence (`message`), where (`path`, e.g.
 * `argument 1.pacer.rateBpm`; `field`: the same without its root, `pacer.rateBpm`) and why, as a
 * translatable message code with its parameters (see shared/domain/validationMessages.ts), so a
 * form can show the rule broken next to its field in the user's language.
 */
export interface SchemaProblem {
  message: string;
  path: string;
  field: string;
  code: MessageCode;
  params: MessageParams;
}

/** The field of a path: without its root ('argument 1.pacer.rateBpm' → 'pacer.rateBpm'; a bare root stays). */
export function fieldOfPath(path: string): string {
  const dot = path.indexOf('.');
  const bracket = path.indexOf('[');
  const cut = [dot, bracket].filter((i) => i > 0).sort((a, b) => a - b)[0];
  if (cut === undefined) return path;
  return path.slice(cut + (path[cut] === '.' ? 1 : 0));
}

function problem(path: string, message: string, code: MessageCode, params: MessageParams = {}): SchemaProblem {
  return { message, path, field: fieldOfPath(path), code, params };
}

/** Why `node` refuses `v` (which is of the right kind or not), as a message code and its parameters. */
function refusal(node: SchemaNode, v: unknown): { code: MessageCode; params: MessageParams } {
  const value = showValue(v);
  switch (node.kind) {
    case 'text':
      if (typeof v !== 'string') return { code: 'notText', params: { value } };
      if (v.length > node.maxLength) return { code: 'tooLong', params: { max: node.maxLength } };
      if (node.nonEmpty && v.trim() === '') return { code: 'emptyText', params: {} };
      return { code: 'invalidValue', params: { value } };
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return { code: 'notANumber', params: { value } };
      if (node.integer && !Number.isSafeInteger(v)) return { code: 'notAnInteger', params: { value } };
      if (node.min !== null && node.max !== null) return { code: 'outOfRange', params: { min: node.min, max: node.max, value } };
      if (node.min !== null && v < node.min) return { code: 'belowMin', params: { min: node.min, value } };
      return { code: 'aboveMax', params: { max: node.max ?? 0, value } };
    case 'enum':
      return { code: 'unknownValue', params: { allowed: node.values.join(', '), value } };
    case 'list':
      return Array.isArray(v) ? { code: 'tooManyItems', params: { max: node.maxItems } } : { code: 'notAList', params: { value } };
    case 'object':
    case 'variant':
      return { code: 'notAnObject', params: { value } };
    case 'boolean':
    case 'nullable':
      return { code: 'invalidValue', params: { value } };
  }
}

/** The problem with `v` at `path`, as data (see `SchemaProblem`), or null when `node` accepts it. */
export function problemAt(node: SchemaNode, v: unknown, path: string): SchemaProblem | null {
  const must = (): SchemaProblem => {
    const r = refusal(node, v);
    return problem(path, `${path} must be ${describe(node)}`, r.code, r.params);
  };
  switch (node.kind) {
    case 'text':
      if (typeof v !== 'string' || v.length > node.maxLength) return must();
      if (node.nonEmpty && v.trim() === '') return must();
      if (node.pattern && !node.pattern.test(v)) return must();
      return null;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return must();
      if (node.integer && !Number.isSafeInteger(v)) return must();
      if ((node.min !== null && v < node.min) || (node.max !== null && v > node.max)) return must();
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : must();
    case 'enum':
      return typeof v === 'string' && node.values.includes(v) ? null : must();
    case 'nullable':
      if (v === null) return null;
      // A value of the inner kind gets the inner's own (more precise) message.
      return sameKind(node.inner, v) ? problemAt(node.inner, v, path) : must();
    case 'list': {
      if (!Array.isArray(v) || v.length > node.maxItems) return must();
      for (let i = 0; i < v.length; i++) {
        const p = problemAt(node.item, v[i], `${path}[${i}]`);
        if (p !== null) return p;
      }
      return null;
    }
    case 'object': {
      if (!isPlainObject(v)) return must();
      const allowed = Object.keys(node.fields);
      for (const k of Object.keys(v)) {
        if (!Object.hasOwn(node.fields, k)) {
          const key = k.slice(0, 60);
          return problem(`${path}.${key}`, `${path} has an unknown key '${key}' (allowed: ${allowed.join(', ') || 'none'})`, 'unknownKey', {
            key,
            allowed: allowed.join(', ') || '–',
          });
        }
      }
      for (const [k, f] of Object.entries(node.fields)) {
        const value = v[k];
        if (value === undefined) {
          if (f.optional) continue;
          return problem(`${path}.${k}`, `${path}.${k} is required`, 'required');
        }
        const p = problemAt(f.node, value, `${path}.${k}`);
        if (p !== null) return p;
      }
      return null;
    }
    case 'variant': {
      if (!isPlainObject(v)) return must();
      const tag = v[node.key];
      if (typeof tag !== 'string' || !Object.hasOwn(node.cases, tag)) {
        const allowed = Object.keys(node.cases).join(', ');
        return problem(`${path}.${node.key}`, `${path}.${node.key} must be one of ${allowed}`, 'unknownValue', { allowed, value: showValue(tag) });
      }
      return problemAt(node.cases[tag]!, v, path);
    }
  }
}

/** The problem with `v` at `path` as one English sentence, or null when `node` accepts it. */
export function checkNode(node: SchemaNode, v: unknown, path: string): string | null {
  return problemAt(node, v, path)?.message ?? null;
}

/** The problem with `v`, or null (`path` names it in the message). */
export function check<T>(s: Schema<T>, v: unknown, path = 'value'): string | null {
  return checkNode(s.node, v, path);
}

/** A valid value of `node` (every optional key included): for tests and documentation. */
export function sampleOf(node: SchemaNode): unknown {
  switch (node.kind) {
    case 'text':
      return node.example;
    case 'number':
      return node.min ?? (node.max !== null ? Math.min(node.max, 1) : 1);
    case 'boolean':
      return true;
    case 'enum':
      return node.values[0];
    case 'nullable':
      return sampleOf(node.inner);
    case 'list':
      return [sampleOf(node.item)];
    case 'object':
      return Object.fromEntries(Object.entries(node.fields).map(([k, f]) => [k, sampleOf(f.node)]));
    case 'variant': {
      const [tag, c] = Object.entries(node.cases)[0]!;
      return { ...(sampleOf(c) as object), [node.key]: tag };
    }
  }
}
