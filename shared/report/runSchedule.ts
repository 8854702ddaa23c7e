/**
 * `renderRunSchedule` — the printable week schedule of a run/walk programme (A4, nl/en, for the
 * client): per week its dates, sessions per week, the blocks of one session (a repeated
 * [run, walk] pair written once with its count), the total time and a box to tick per session.
 * Self-contained HTML in the style of the other reports, printed to PDF the same way.
 */
import { weekLoad, type ProgrammeBlock, type ProgrammeWeek, type RunProgramme } from '../running/programme.js';
import { esc, paragraphs, reportDocument, table } from './reportHtml.js';
import { ReportFormat } from './reportFormat.js';
import type { ReportLang } from './reportMessages.js';
import { runScheduleMessages, type RunScheduleMessages } from './runScheduleTexts.js';

export interface RunScheduleInput {
  client: { id: number; name: string };
  programme: RunProgramme;
  lang: ReportLang;
}

const SCHEDULE_CSS =
  '<style>.run-schedule td{vertical-align:top}.run-schedule .ticks{white-space:nowrap;font-size:13pt;letter-spacing:2px}' +
  '.run-schedule .nowrap{white-space:nowrap}.run-schedule tr{break-inside:avoid}' +
  '.notes-box{border:1px solid #c9d1d6;border-radius:4px;min-height:18mm;padding:2mm}</style>';

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(iso + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10);

/**
 * One session's blocks in words, a line each: warm-up, the core as runs of equal [run, walk] pairs
 * ("6 × [1 min run, 2 min walk]"; a single pair as "1.5 min run, 2 min walk"), cool-down.
 */
export function sessionWords(week: ProgrammeWeek, m: RunScheduleMessages, num: (x: number) => string): string[] {
  const min = (sec: number): string => num(Math.round((sec / 60) * 100) / 100);
  const out: string[] = [];
  let group: { runSec: number; walkSec: number | null; reps: number } | null = null;
  const flush = (): void => {
    if (!group) return;
    const { runSec, walkSec, reps } = group;
    if (reps > 1) out.push(m.repeat(reps, min(runSec), walkSec === null ? null : min(walkSec)));
    else out.push(walkSec === null ? m.block.run(min(runSec)) : `${m.block.run(min(runSec))}, ${m.block.walk(min(walkSec))}`);
    group = null;
  };
  const blocks: ProgrammeBlock[] = week.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'run') {
      const next = blocks[i + 1];
      const walkSec = next?.kind === 'walk' ? next.sec : null;
      if (walkSec !== null) i++;
      if (group && group.runSec === b.sec && group.walkSec === walkSec) group.reps++;
      else {
        flush();
        group = { runSec: b.sec, walkSec, reps: 1 };
      }
      continue;
    }
    flush();
    out.push(m.block[b.kind](min(b.sec)));
  }
  flush();
  return out;
}

export function renderRunSchedule(input: RunScheduleInput): string {
  const { programme: p, lang } = input;
  const m = runScheduleMessages(lang);
  const fmt = new ReportFormat(lang);
  const num = (x: number): string => (Number.isInteger(x) ? String(x) : fmt.num(x, 1));
  const rows = p.weeks.map((w, i) => {
    const from = addDays(p.startDate, 7 * i);
    return [
      { text: String(i + 1), num: true },
      { text: `${fmt.shortDate(from)} – ${fmt.shortDate(addDays(from, 6))}`, cls: 'nowrap' },
      { text: m.timesPerWeek(w.sessionsPerWeek), num: true },
      { html: sessionWords(w, m, num).map((l) => `<span class="nowrap">${esc(l)}</span>`).join('<br>') },
      { text: fmt.duration(weekLoad(w).totalSec), num: true, cls: 'nowrap' },
      { html: `<span class="ticks">${'☐'.repeat(Math.min(7, w.sessionsPerWeek))}</span>` },
    ];
  });
  let body = SCHEDULE_CSS + `<section class="block"><h2>${esc(p.name)}</h2>`;
  body += table([m.week, m.dates, m.perWeek, m.session, m.total, m.done], rows, { cls: 'run-schedule' });
  body += `</section><section class="block"><h2>${esc(m.intensityTitle)}</h2>${paragraphs(m.intensity)}</section>`;
  body += `<section class="block"><h2>${esc(m.notes)}</h2>${p.notes ? paragraphs(p.notes.split(/\r?\n/)) : ''}<div class="notes-box"></div></section>`;
  return reportDocument({
    lang,
    kind: 'runSchedule',
    title: m.title,
    brand: m.brand,
    headerRight: [input.client.name, m.startsOn(fmt.date(p.startDate))],
    footer: { left: `${m.brand} · ${m.title} · ${input.client.name}`, page: m.page },
    body,
  });
}
