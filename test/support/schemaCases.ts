// Argument lists for every call of the API contract, built from the call's own schemas: one valid
// list (every optional key present) and the invalid ones — an unknown key added to every object
// (nested ones too), every argument and every field given a value of the wrong type, every
// required key left out, one argument too many, and arguments that are not a list.
import { CONTRACT, INVOKE_NAMES, type InvokeName } from '../../shared/ipc/contract.js';
import { sampleOf, type SchemaNode } from '../../shared/ipc/schema.js';

export interface BadCase {
  call: InvokeName;
  what: string;
  /** The arguments (not always a list). */
  args: unknown;
  /** What the refusal must say. */
  expect: RegExp;
}

/** A value of the wrong type for `node` (never null: null is the value of nullable fields). */
export function wrongOf(node: SchemaNode): unknown {
  switch (node.kind) {
    case 'text':
    case 'enum':
      return 12345;
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'nullable':
      return wrongOf(node.inner);
    case 'list':
      return 'not a list';
    case 'object':
    case 'variant':
      return ['not', 'an', 'object'];
  }
}

const clone = <T>(v: T): T => structuredClone(v);

/** Set `value` at `path` (keys/indices) inside `root`; returns a changed copy. */
function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = clone(root);
  let at = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

/** The object nodes inside `node` with their paths (in its sample value), and their fields. */
function walk(node: SchemaNode, value: unknown, path: (string | number)[], out: { path: (string | number)[]; node: SchemaNode & { kind: 'object' } }[]): void {
  if (node.kind === 'nullable') return walk(node.inner, value, path, out);
  if (node.kind === 'list') return walk(node.item, (value as unknown[])[0], [...path, 0], out);
  if (node.kind === 'variant') {
    const tag = (value as Record<string, unknown>)[node.key] as string;
    return walk(node.cases[tag]!, value, path, out);
  }
  if (node.kind !== 'object') return;
  out.push({ path, node });
  for (const [k, f] of Object.entries(node.fields)) walk(f.node, (value as Record<string, unknown>)[k], [...path, k], out);
}

export function validArgs(call: InvokeName): unknown[] {
  return CONTRACT[call].check.schemas.map(sampleOf);
}

export function badCases(call: InvokeName): BadCase[] {
  const schemas = CONTRACT[call].check.schemas;
  const valid = validArgs(call);
  const cases: BadCase[] = [
    { call, what: 'one argument too many', args: [...valid, { unexpectedKey: 1 }], expect: /expected \d argument/ },
    { call, what: 'arguments not a list', args: { ...valid }, expect: /must be a list/ },
  ];
  schemas.forEach((node, i) => {
    const name = `argument ${i + 1}`;
    cases.push({ call, what: `${name} of the wrong type`, args: setAt(valid, [i], wrongOf(node)), expect: new RegExp(`^${call}: ${name} must be`) });
    const objects: { path: (string | number)[]; node: SchemaNode & { kind: 'object' } }[] = [];
    walk(node, valid[i], [i], objects);
    for (const o of objects) {
      const where = o.path.slice(1).join('.');
      cases.push({
        call,
        what: `an unknown key in ${name}${where ? '.' + where : ''}`,
        args: setAt(valid, [...o.path, 'unexpectedKey'], 1),
        expect: /has an unknown key 'unexpectedKey' \(allowed: /,
      });
      for (const [k, f] of Object.entries(o.node.fields)) {
        cases.push({ call, what: `${name}.${[...o.path.slice(1), k].join('.')} of the wrong type`, args: setAt(valid, [...o.path, k], wrongOf(f.node)), expect: /must be/ });
        if (!f.optional) {
          cases.push({ call, what: `${name}.${[...o.path.slice(1), k].join('.')} missing`, args: setAt(valid, [...o.path, k], undefined, true), expect: /is required|must be one of/ });
        }
      }
    }
  });
  return cases;
}

export const ALL_CALLS: readonly InvokeName[] = INVOKE_NAMES;
