/**
 * The inline style sheet of the reports: A4 portrait, print-first (page margins, page numbers in
 * the page-margin boxes, no breaks inside figures, tables rows or key blocks), a calm clinical
 * look on screen too. System fonts only: the document never loads anything.
 */

/** A CSS string literal (every character outside [A-Za-z0-9 .,:;()-] escaped as hex). */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /[A-Za-z0-9 .,:;()\-]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return out + '"';
}

export interface PageFooter {
  /** Left page-margin box, e.g. "Cadans · Sessierapport · A. de Vries". */
  left: string;
  /** Word before the page number ("pagina" / "page"). */
  page: string;
}

export function reportCss(footer: PageFooter): string {
  return `
@page {
  size: A4 portrait;
  margin: 14mm 14mm 16mm 14mm;
  @bottom-left { content: ${cssString(footer.left)}; font-size: 7.5pt; color: #5f6b73; }
  @bottom-right { content: ${cssString(footer.page + ' ')} counter(page) " / " counter(pages); font-size: 7.5pt; color: #5f6b73; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: #2b3338; line-height: 1.38; font-size: 9.2pt;
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
}
@media screen {
  html { background: #e9edf0; }
  body { max-width: 210mm; margin: 12px auto; padding: 14mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
}
header.doc { display: flex; justify-content: space-between; align-items: flex-end; gap: 12px;
  border-bottom: 2px solid #1f5f8b; padding-bottom: 5px; margin-bottom: 8px; }
header.doc .brand { font-weight: 700; color: #1f5f8b; letter-spacing: .06em; font-size: 9pt; text-transform: uppercase; }
header.doc h1 { font-size: 15pt; margin: 1px 0 0; font-weight: 600; }
header.doc .right { text-align: right; color: #5f6b73; font-size: 8.2pt; }
h2 { font-size: 10.8pt; color: #1f5f8b; border-bottom: 1px solid #d5dde2; padding-bottom: 2px; margin: 12px 0 5px;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 9.6pt; margin: 8px 0 3px; break-after: avoid; page-break-after: avoid; }
p { margin: 3px 0 5px; }
dl.meta { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1px 14px; margin: 0 0 4px; }
dl.meta > div { display: flex; gap: 6px; min-width: 0; }
dl.meta dt { color: #5f6b73; flex: 0 0 auto; }
dl.meta dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 8.6pt; margin: 2px 0 6px; }
th, td { text-align: left; padding: 2.5px 6px; border-bottom: 1px solid #e4e8eb; vertical-align: top; }
thead th { color: #5f6b73; font-weight: 600; border-bottom: 1px solid #b8c2c8; }
tbody th { font-weight: 500; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
td.elevated { font-weight: 600; }
td.date, th.date { white-space: nowrap; }
table.sessions-table { font-size: 7.9pt; }
table.sessions-table th, table.sessions-table td { padding: 2px 4px; }
table.group-table tbody th { white-space: nowrap; }
td.hint { color: #5f6b73; font-size: 8pt; }
.withheld { color: #8a949a; font-style: italic; }
td.withheld { background: #f1f3f4; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
figure { margin: 4px 0 8px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; font-size: 8.8pt; margin: 0 0 1px; }
figure .note { font-size: 7.8pt; color: #5f6b73; margin: 1px 0 0; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-family: inherit; }
.summary { background: #f2f6f9; border-left: 3px solid #1f5f8b; padding: 5px 10px; margin: 4px 0 6px; break-inside: avoid; }
.summary p { margin: 2px 0; }
.cols2 { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; }
.cols3 { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 4px 12px; }
.cols5 { display: grid; grid-template-columns: repeat(5, 1fr); gap: 4px 8px; }
.block { break-inside: avoid; page-break-inside: avoid; }
.page-break { break-before: page; page-break-before: always; }
.muted { color: #5f6b73; }
.small { font-size: 7.8pt; color: #5f6b73; }
.warn { color: #8a4b00; }
.status-achieved { color: #2e6b35; font-weight: 600; }
.status-dropped { color: #8a8f93; }
.status-open { color: #1f5f8b; font-weight: 600; }
ul.plain { margin: 2px 0 6px; padding-left: 16px; }
footer.doc { margin-top: 12px; border-top: 1px solid #d5dde2; padding-top: 3px; font-size: 7.5pt; color: #5f6b73; }
`;
}
