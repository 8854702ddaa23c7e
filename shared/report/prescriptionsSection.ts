/** The progress report's table of home practice prescribed: what, when (shared/domain/prescription.ts). */
import type { Prescription } from '../domain/prescription.js';
import { esc, table, type Cell } from './reportHtml.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';

export function prescriptionsSection(list: readonly Prescription[], fmt: ReportFormat, m: ReportMessages): string {
  let html = `<section class="prescriptions block"><h2>${esc(m.prescriptionsTitle)}</h2>`;
  if (list.length === 0) return html + `<p class="muted">${esc(m.noPrescriptions)}</p></section>`;
  const n = (x: number): string => (Number.isInteger(x) ? String(x) : fmt.num(x, 1));
  const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const rows: Cell[][] = sorted.map((p) => [
      { text: fmt.shortDate(p.date), cls: 'date' },
      { text: n(p.rateBpm), num: true },
      p.ratio,
      { text: `${n(p.holdInSec)} / ${n(p.holdOutSec)}`, num: true },
      { text: n(p.minutes), num: true },
      { text: String(p.timesPerDay), num: true },
  ]);
  html += table(
    [m.prescriptionDate, { text: m.prescriptionRate, num: true }, m.prescriptionRatio, { text: m.prescriptionHolds, num: true }, { text: m.prescriptionMinutes, num: true }, { text: m.prescriptionPerDay, num: true }],
    rows,
    { cls: 'prescriptions-table', rowData: sorted.map((p) => ({ prescription: String(p.id) })) },
  );
  return html + '</section>';
}
