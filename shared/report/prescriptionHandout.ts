/**
 * `renderPrescriptionHandout` — the client's one-page A4 handout of a home-practice prescription,
 * as self-contained HTML in the style of the other reports (printed to PDF the same way): the
 * prescribed rate, in:out ratio, holds, duration and times per day, the last resonance result if
 * any, a short plain explanation, and a QR code of the settings (`pacerLinkText`). The QR matrix
 * comes in as data (main makes it with the `qrcode` library), so this stays pure.
 */
import type { IsoDate, IsoDateTime } from '../domain/types.js';
import type { PrescriptionSettings } from '../domain/prescription.js';
import type { PacerTiming } from '../pacer/pacerSettings.js';
import { handoutMessages, type HandoutFacts } from './handoutMessages.js';
import { esc, metaList, paragraphs, reportDocument } from './reportHtml.js';
import { ReportFormat } from './reportFormat.js';

/** A QR code: `size` × `size` modules, row by row, truthy = dark. */
export interface QrMatrix {
  size: number;
  modules: ArrayLike<number | boolean>;
}

export interface HandoutInput {
  client: { id: number; name: string };
  prescription: PrescriptionSettings & { date: IsoDate };
  timing: PacerTiming;
  breaths: number;
  lastResonance: { rateBpm: number; startedAt: IsoDateTime } | null;
  qr: { text: string; matrix: QrMatrix };
  generatedAt: IsoDateTime;
}

/** Quiet zone around a QR code, modules (the standard asks for 4). */
const QUIET = 4;

/** `qrSvg` — the matrix as one SVG path (crisp at any print size). */
export function qrSvg(m: QrMatrix, mm: number, label: string): string {
  const n = m.size + 2 * QUIET;
  let d = '';
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (m.modules[r * m.size + c]) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
    }
  }
  return (
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${mm}mm" height="${mm}mm" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${esc(label)}"><rect width="${n}" height="${n}" fill="#fff"/>` +
    `<path d="${d}" fill="#000"/></svg>`
  );
}

const HANDOUT_CSS =
  '<style>.handout-grid{display:grid;grid-template-columns:1fr 46mm;gap:8mm;align-items:start}' +
  '.handout dl.meta{grid-template-columns:1fr;font-size:11pt;gap:3px}.handout p{font-size:10.5pt}' +
  '.qr-box{text-align:center}.qr-text{font-family:monospace;font-size:6.5pt;overflow-wrap:anywhere;color:#5f6b73}</style>';

/** `renderPrescriptionHandout` — see the file comment. Never throws on data. */
export function renderPrescriptionHandout(input: HandoutInput): string {
  const p = input.prescription;
  const lang = p.lang;
  const m = handoutMessages(lang);
  const fmt = new ReportFormat(lang);
  const num = (x: number): string => (Number.isInteger(x) ? String(x) : fmt.num(x, 1));
  const facts: HandoutFacts = {
    rate: num(p.rateBpm),
    ratio: p.ratio,
    inhaleSec: num(Math.round(input.timing.inhaleSec * 10) / 10),
    exhaleSec: num(Math.round(input.timing.exhaleSec * 10) / 10),
    holdInSec: p.holdInSec > 0 ? num(p.holdInSec) : null,
    holdOutSec: p.holdOutSec > 0 ? num(p.holdOutSec) : null,
    minutes: num(p.minutes),
    breaths: String(input.breaths),
    timesPerDay: p.timesPerDay,
  };
  let body = HANDOUT_CSS + '<div class="handout">';
  body += `<div class="handout-grid"><section class="prescription block" data-rate="${esc(String(p.rateBpm))}"><h2>${esc(m.yourPractice)}</h2>`;
  body += metaList([
    [m.rate, m.rateValue(facts.rate)],
    [m.ratio, m.ratioValue(facts)],
    [m.holds, m.holdsValue(facts)],
    [m.duration, m.durationValue(facts)],
    [m.howOften, m.howOftenValue(facts.timesPerDay)],
  ]);
  body += `<p class="small">${esc(m.audioFile)}</p></section>`;
  body += `<section class="qr-box block"><h2>${esc(m.qrTitle)}</h2>${qrSvg(input.qr.matrix, 42, m.qrTitle)}`;
  body += `<p class="small">${esc(m.qrNote)}</p><p class="qr-text">${esc(input.qr.text)}</p></section></div>`;
  body += `<section class="resonance block"><h2>${esc(m.resonanceTitle)}</h2>`;
  body += paragraphs([input.lastResonance ? m.resonanceKnown(num(input.lastResonance.rateBpm), fmt.instantDateText(input.lastResonance.startedAt)) : m.resonanceNone]);
  body += `</section><section class="how block"><h2>${esc(m.howTitle)}</h2><ol>${m.how(facts).map((l) => `<li><p>${esc(l)}</p></li>`).join('')}</ol></section>`;
  body += `<section class="why block"><h2>${esc(m.whyTitle)}</h2>${paragraphs(m.why)}</section></div>`;
  return reportDocument({
    lang,
    kind: 'handout',
    title: m.title,
    brand: m.brand,
    headerRight: [input.client.name, m.prescribedOn(fmt.date(p.date)), m.confidential],
    footer: { left: `${m.brand} · ${m.title} · ${input.client.name}`, page: m.page },
    body,
  });
}
