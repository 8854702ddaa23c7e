/**
 * HTML building blocks of the reports (strings): the document shell with its inline style sheet,
 * tables, key–value blocks and figures. Everything is escaped here; callers pass plain text,
 * except for `html` arguments, which must already be markup built by these helpers or the charts.
 */
import { escapeXml } from './charts/svgText.js';
import type { ReportLang } from './reportMessages.js';
import { reportCss, type PageFooter } from './reportStyles.js';

export const esc = escapeXml;

/** A cell: plain text, or `{ html }` for prebuilt markup; `num` right-aligns; `data` adds data-* attributes. */
/** `lang`: the cell's language when it differs from the report's (e.g. verbatim English method text). */
export type Cell = string | { text?: string; html?: string; num?: boolean; cls?: string; data?: Record<string, string>; lang?: string };

function cellHtml(tag: 'td' | 'th', c: Cell): string {
  if (typeof c === 'string') return `<${tag}>${esc(c)}</${tag}>`;
  const cls = [c.num ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
  const data = Object.entries(c.data ?? {})
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
  const lang = c.lang ? ` lang="${esc(c.lang)}"` : '';
  return `<${tag}${cls ? ` class="${cls}"` : ''}${lang}${data}>${c.html ?? esc(c.text ?? '')}</${tag}>`;
}

/** A table with a header row; the first cell of each row is a row header when `rowHeaders`. */
export function table(headers: Cell[], rows: Cell[][], opts: { cls?: string; rowHeaders?: boolean; rowData?: (Record<string, string> | undefined)[] } = {}): string {
  const head = `<thead><tr>${headers.map((h) => cellHtml('th', h)).join('')}</tr></thead>`;
  const body = rows
    .map((r, i) => {
      const data = Object.entries(opts.rowData?.[i] ?? {})
        .map(([k, v]) => ` data-${k}="${esc(v)}"`)
        .join('');
      return `<tr${data}>${r.map((c, j) => cellHtml(opts.rowHeaders && j === 0 ? 'th' : 'td', c)).join('')}</tr>`;
    })
    .join('');
  return `<table${opts.cls ? ` class="${opts.cls}"` : ''}>${head}<tbody>${body}</tbody></table>`;
}

/** A compact key–value grid (dl) of [label, value] pairs; null values are left out. */
export function metaList(pairs: [string, string | null | undefined][]): string {
  const items = pairs
    .filter((p): p is [string, string] => typeof p[1] === 'string' && p[1] !== '')
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`)
    .join('');
  return `<dl class="meta">${items}</dl>`;
}

/** A figure: caption, the chart markup, an optional note. */
export function figure(caption: string, chartHtml: string, note?: string, attrs = ''): string {
  return `<figure${attrs}><figcaption>${esc(caption)}</figcaption>${chartHtml}${note ? `<p class="note">${esc(note)}</p>` : ''}</figure>`;
}

/** Paragraphs of plain text. */
export function paragraphs(lines: string[], cls?: string): string {
  return lines.map((l) => `<p${cls ? ` class="${cls}"` : ''}>${esc(l)}</p>`).join('');
}

/** Plain text with line breaks kept (notes). */
export function multiline(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => esc(l))
    .join('<br>');
}

export interface ReportDocument {
  lang: ReportLang;
  /** <title> and the big heading. */
  title: string;
  /** Brand line above the heading. */
  brand: string;
  /** Right side of the header (lines). */
  headerRight: string[];
  footer: PageFooter;
  /** Body markup. */
  body: string;
  /** Kind of report, for `data-report` on <body> (tests and tools). */
  kind: 'session' | 'progress' | 'handout' | 'group' | 'runSchedule';
}

/** `reportDocument` — the complete self-contained HTML page (no script, no external reference). */
export function reportDocument(d: ReportDocument): string {
  return (
    `<!DOCTYPE html>\n<html lang="${d.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="Cadans">` +
    `<title>${esc(d.title)}</title><style>${reportCss(d.footer)}</style></head>` +
    `<body data-report="${d.kind}" data-lang="${d.lang}">` +
    `<header class="doc"><div><div class="brand">${esc(d.brand)}</div><h1>${esc(d.title)}</h1></div>` +
    `<div class="right">${d.headerRight.map((l) => `<div>${esc(l)}</div>`).join('')}</div></header>` +
    `<main>${d.body}</main></body></html>\n`
  );
}
