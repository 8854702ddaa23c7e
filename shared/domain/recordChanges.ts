/**
 * Which fields of a small record (questionnaire result, goal, running-log entry, marker) an edit
 * changed, for the access log's detail and the record history. Nested objects (questionnaire
 * scores) are compared per key (`scores.distress`); lists (run/walk intervals, item answers) as a
 * whole. Free-text fields are named but their text is not repeated in the summary.
 */

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const IGNORED = new Set(['id', 'createdAt', 'updatedAt']);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose values differ between `before` and `after` (in `before`'s key order, then new keys). */
export function changedFields(before: object, after: object, prefix = ''): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (isPlainObject(b[k]) && isPlainObject(a[k])) out.push(...changedFields(b[k], a[k], `${prefix}${k}.`));
    else if (!same(b[k], a[k])) out.push({ field: `${prefix}${k}`, before: b[k] ?? null, after: a[k] ?? null });
  }
  return out;
}

/** Fields whose values are free text: named in the summary, not quoted. */
const TEXT_FIELDS = new Set(['notes', 'note', 'text']);

const show = (v: unknown): string => (Array.isArray(v) ? `[${v.length}]` : v === null || v === undefined ? '–' : String(v));

/** One line for the access log: `scores.distress 12→8; date 2025-01-02→2025-01-03; notes changed`. */
export function changeSummary(changes: readonly FieldChange[]): string {
  if (changes.length === 0) return 'no change';
  return changes
    .map((c) => (TEXT_FIELDS.has(c.field) || Array.isArray(c.after) ? `${c.field} changed` : `${c.field} ${show(c.before)}→${show(c.after)}`))
    .join('; ');
}
