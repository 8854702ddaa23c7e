// Reading a rendered report back in tests: the machine-readable values of its key-figure cells
// (data-key / data-value), its visible text, and the self-containment checks.
import assert from 'node:assert/strict';

/** data-* attributes of every table cell that carries `data-<attr>` (default key), in document order. */
export function dataCells(html: string, attr = 'key'): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<(td|th)\\b([^>]*\\bdata-${attr}="[^"]*"[^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/\bdata-([a-z-]+)="([^"]*)"/g)) attrs[a[1]!] = unescapeHtml(a[2]!);
    out.push(attrs);
  }
  return out;
}

/** key → value (number, or null for an empty value) of the key-figure cells (first occurrence of each key). */
export function keyFigureValues(html: string): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const c of dataCells(html)) {
    if (!map.has(c.key!)) map.set(c.key!, c.value === '' ? null : Number(c.value));
  }
  return map;
}

export function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The visible text (tags removed, entities decoded, whitespace incl. no-break spaces collapsed to one space), without the style sheet. */
export function visibleText(html: string): string {
  return unescapeHtml(
    html
      .replace(/<style>[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  ).trim();
}

/** Asserts that the document loads nothing: no URL schemes, no src/href, no scripts, no CSS imports/urls. */
export function assertSelfContained(html: string): void {
  assert.ok(html.startsWith('<!DOCTYPE html>'), 'starts with a doctype');
  assert.doesNotMatch(html, /https?:\/\//i, 'no http(s) URL');
  assert.doesNotMatch(html, /\b(src|href|xlink:href|srcset|action)\s*=/i, 'no src/href attributes');
  assert.doesNotMatch(html, /<(script|link|iframe|img|object|embed|base)\b/i, 'no external elements or scripts');
  assert.doesNotMatch(html, /@import|url\(/i, 'no CSS imports or url()');
  assert.doesNotMatch(html, /\/\/[a-z0-9.-]+\.[a-z]{2,}\//i, 'no protocol-relative URLs');
  assert.equal((html.match(/<svg\b/g) ?? []).length, (html.match(/<\/svg>/g) ?? []).length, 'balanced <svg>');
  assert.doesNotMatch(visibleText(html), /\b(NaN|undefined|Infinity)\b|\[object /, 'no leaked non-values in the text');
}

/** Text as `visibleText` writes it (no-break spaces as plain spaces). */
export function norm(s: string): string {
  return s.replace(/\s+/g, ' ');
}
