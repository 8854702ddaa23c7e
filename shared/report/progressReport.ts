/**
 * `renderProgressReport` — the progress report of a client (or one treatment course) as one
 * self-contained HTML page (inline CSS and SVG, no script, no external reference; A4 print
 * layout): client and course details, SMART goals with their status, the trend of the key figures
 * across sessions (charts and table), questionnaire scores per moment with their valid ranges,
 * the running log over the weeks, and the runs and run/walk programme (only for clients who have
 * them). Sections without data say so instead of disappearing.
 */
import type { Course, Goal } from '../domain/types.js';
import { trendSection, sessionsTable } from './progressTrends.js';
import { questionnaireSection } from './questionnaireSection.js';
import { esc, metaList, multiline, reportDocument, table, type Cell } from './reportHtml.js';
import { ReportFormat } from './reportFormat.js';
import { reportMessages, type ReportMessages } from './reportMessages.js';
import type { ProgressReportInput, ReportOptions } from './reportTypes.js';
import { runningLogSection } from './runningLogSection.js';
import { prescriptionsSection } from './prescriptionsSection.js';
import { runsSection } from './runsSection.js';

function courseSection(input: ProgressReportInput, fmt: ReportFormat, m: ReportMessages): string {
  const courses = input.course ? [input.course] : input.courses;
  let html = `<section class="course block"><h2>${esc(m.courseTitle)}</h2>`;
  if (courses.length === 0) return html + `<p class="muted">${esc(m.noCourse)}</p></section>`;
  const rows: Cell[][] = courses.map((c: Course) => [
    fmt.date(c.startDate),
    c.intakeDate ? fmt.date(c.intakeDate) : '—',
    c.midEvaluationDate ? fmt.date(c.midEvaluationDate) : '—',
    c.finalEvaluationDate ? fmt.date(c.finalEvaluationDate) : '—',
    { html: multiline(c.notes) },
  ]);
  html += table([m.courseStart, m.intakeDate, m.midDate, m.finalDate, m.note], rows, { cls: 'courses' });
  return html + '</section>';
}

function goalsSection(goals: readonly Goal[], fmt: ReportFormat, m: ReportMessages): string {
  let html = `<section class="goals block"><h2>${esc(m.goalsTitle)}</h2>`;
  if (goals.length === 0) return html + `<p class="muted">${esc(m.noGoals)}</p></section>`;
  const sorted = [...goals].sort((a, b) => (a.setDate < b.setDate ? -1 : a.setDate > b.setDate ? 1 : a.id - b.id));
  const rows: Cell[][] = sorted.map((g) => [
    { html: multiline(g.text) },
    fmt.shortDate(g.setDate),
    g.targetDate ? fmt.shortDate(g.targetDate) : '—',
    { text: m.goalStatuses[g.status] ?? g.status, cls: `status-${g.status}`, data: { status: g.status } },
    g.closedDate ? fmt.shortDate(g.closedDate) : '—',
  ]);
  html += table([m.goal, m.goalSet, m.goalTarget, m.status, m.goalClosed], rows, { cls: 'goals-table' });
  return html + '</section>';
}

/** `renderProgressReport` — see the file comment. Never throws on data. */
export function renderProgressReport(input: ProgressReportInput, opts: ReportOptions): string {
  const m = reportMessages(opts.lang);
  const fmt = new ReportFormat(opts.lang, opts.timeZone);
  const c = input.client;
  const courses = input.course ? [input.course] : input.courses;
  const sessions = [...input.sessions].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id - b.id));

  let body = '<section class="details block">';
  body += metaList([
    [m.client, `${c.name} (${m.clientNumber} ${c.id})`],
    [m.dateOfBirth, c.dateOfBirth ? fmt.date(c.dateOfBirth) : null],
    [m.complaint, c.complaint ?? null],
    [m.referral, c.referralSource ?? null],
    [m.course, input.course ? `${fmt.date(input.course.startDate)}` : null],
    [m.sessionsTableTitle, String(sessions.length)],
  ]);
  body += '</section>';
  body += courseSection(input, fmt, m);
  body += goalsSection(input.goals, fmt, m);
  body += prescriptionsSection(input.prescriptions ?? [], fmt, m);
  body += trendSection(sessions, courses, fmt, m);
  body += sessionsTable(sessions, fmt, m);
  body += questionnaireSection(input.questionnaires, fmt, m);
  body += runningLogSection(input.runningLog, input.courses, fmt, m);
  if (input.runs) body += runsSection(input.runs, opts.lang, fmt);

  const title = m.progressReportTitle;
  return reportDocument({
    lang: opts.lang,
    kind: 'progress',
    title,
    brand: m.appName,
    headerRight: [c.name, m.generatedOn(fmt.instantDateText(input.generatedAt)), m.confidential],
    footer: { left: `${m.appName} · ${title} · ${c.name} · ${m.generatedOn(fmt.instantDateTimeText(input.generatedAt))}`, page: m.page },
    body,
  });
}
