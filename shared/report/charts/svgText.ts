/**
 * Small helpers for writing SVG/HTML as strings: escaping, coordinate formatting and element
 * builders. Pure string work (no DOM), so reports can be rendered anywhere (main, tests, renderer).
 */

/** `escapeXml` — text safe inside an element or a double-quoted attribute (HTML and SVG). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A coordinate with one decimal (SVG user units), no trailing zeros; non-finite → 0. */
export function coord(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** Attributes as ` a="b"` pairs; undefined/null/false values are left out, `true` writes the bare name. */
export function attrs(a: Record<string, string | number | boolean | undefined | null>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null || v === false) continue;
    out += v === true ? ` ${k}` : ` ${k}="${escapeXml(typeof v === 'number' ? coord(v) : v)}"`;
  }
  return out;
}

/** An SVG `<text>` element. */
export function svgText(
  x: number,
  y: number,
  text: string,
  opts: { anchor?: 'start' | 'middle' | 'end'; size?: number; cls?: string; fill?: string; rotate?: number; weight?: string; halo?: string } = {},
): string {
  const transform = opts.rotate ? `rotate(${opts.rotate} ${coord(x)} ${coord(y)})` : undefined;
  // A halo (an outline in the background colour under the glyphs) keeps a label readable over grid lines.
  const halo = opts.halo ? { stroke: opts.halo, 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round' } : {};
  return (
    `<text${attrs({ x, y, 'text-anchor': opts.anchor ?? 'start', 'font-size': opts.size, class: opts.cls, fill: opts.fill, transform, 'font-weight': opts.weight, ...halo })}>` +
    `${escapeXml(text)}</text>`
  );
}

/** An SVG `<rect>`; zero or negative sizes give ''. */
export function svgRect(x: number, y: number, w: number, h: number, fill: string, extra: Record<string, string | number | undefined> = {}): string {
  if (!(w > 0) || !(h > 0)) return '';
  return `<rect${attrs({ x, y, width: w, height: h, fill, ...extra })}/>`;
}

/** An SVG `<line>`. */
export function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string, extra: Record<string, string | number | undefined> = {}): string {
  return `<line${attrs({ x1, y1, x2, y2, stroke, ...extra })}/>`;
}
