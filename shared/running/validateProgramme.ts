/**
 * Validation of run/walk programmes: a name (≤ 200 characters), a start date, 1–52 weeks, each
 * with 1–7 sessions and 1–100 blocks of a known kind lasting 10 s – 2 h, a session at most 4 h;
 * notes. Problems are `ValidationIssue`s (codes of shared/domain/validationMessages.ts) so the page
 * shows them in its language; nothing is stored when there is one.
 */
import { EARLIEST_RECORD_DATE } from '../domain/dates.js';
import { checkDate, checkId, checkNumber, checkOneOf, checkText } from '../domain/fieldChecks.js';
import { MAX_NOTES_LENGTH } from '../domain/validateClient.js';
import { showValue } from '../domain/validationMessages.js';
import { IssueCollector, type ValidationResult } from '../domain/validationResult.js';
import { PROGRAMME_BLOCK_KINDS, programmeTemplate, type NewRunProgramme, type ProgrammeBlock, type ProgrammeWeek, type RunProgrammePatch } from './programme.js';

export const MAX_PROGRAMME_WEEKS = 52;
export const MAX_BLOCKS_PER_WEEK = 100;
export const BLOCK_SEC = { min: 10, max: 7200 } as const;
export const MAX_SESSION_SEC = 4 * 3600;
export const MAX_PROGRAMME_NAME = 200;
export const DEFAULT_PROGRAMME_NAME = 'Run/walk programme';

function checkWeeks(c: IssueCollector, value: unknown): ProgrammeWeek[] {
  const weeks: ProgrammeWeek[] = [];
  if (!Array.isArray(value)) {
    c.add('notAList', 'weeks', { value: showValue(value) });
    return weeks;
  }
  if (value.length < 1 || value.length > MAX_PROGRAMME_WEEKS) {
    c.add('outOfRange', 'weeks', { min: 1, max: MAX_PROGRAMME_WEEKS, value: value.length });
    return weeks;
  }
  value.forEach((w: unknown, i: number) => {
    const at = `weeks[${i}]`;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) {
      c.add('notAnObject', at, { value: showValue(w) });
      return;
    }
    const o = w as Record<string, unknown>;
    const sessionsPerWeek = checkNumber(c, `${at}.sessionsPerWeek`, o.sessionsPerWeek, { required: true, integer: true, min: 1, max: 7 });
    const blocks: ProgrammeBlock[] = [];
    if (!Array.isArray(o.blocks)) c.add('notAList', `${at}.blocks`, { value: showValue(o.blocks) });
    else if (o.blocks.length < 1 || o.blocks.length > MAX_BLOCKS_PER_WEEK) c.add('outOfRange', `${at}.blocks`, { min: 1, max: MAX_BLOCKS_PER_WEEK, value: o.blocks.length });
    else {
      o.blocks.forEach((b: unknown, j: number) => {
        const bat = `${at}.blocks[${j}]`;
        if (typeof b !== 'object' || b === null || Array.isArray(b)) {
          c.add('notAnObject', bat, { value: showValue(b) });
          return;
        }
        const bo = b as Record<string, unknown>;
        const kind = checkOneOf(c, `${bat}.kind`, bo.kind, PROGRAMME_BLOCK_KINDS, true);
        const sec = checkNumber(c, `${bat}.sec`, bo.sec, { required: true, integer: true, min: BLOCK_SEC.min, max: BLOCK_SEC.max });
        if (kind !== null && sec !== null) blocks.push({ kind, sec });
      });
      const total = blocks.reduce((s, b) => s + b.sec, 0);
      if (total > MAX_SESSION_SEC) c.add('aboveMax', `${at}.blocks`, { max: `${MAX_SESSION_SEC / 60} min`, value: `${Math.round(total / 60)} min` });
    }
    if (sessionsPerWeek !== null) weeks.push({ sessionsPerWeek, blocks });
  });
  return weeks;
}

export function validateNewProgramme(input: unknown): ValidationResult<Required<Omit<NewRunProgramme, 'template'>>> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const clientId = checkId(c, 'clientId', o.clientId, true) as number;
  const name = checkText(c, 'name', o.name ?? DEFAULT_PROGRAMME_NAME, { required: true, maxLength: MAX_PROGRAMME_NAME }) ?? '';
  const startDate = checkDate(c, 'startDate', o.startDate, { required: true, min: EARLIEST_RECORD_DATE }) ?? '';
  const template = (typeof o.template === 'object' && o.template !== null ? o.template : {}) as Record<string, unknown>;
  const tWeeks = checkNumber(c, 'template.weeks', template.weeks, { integer: true, min: 9, max: 12 });
  const tPerWeek = checkNumber(c, 'template.sessionsPerWeek', template.sessionsPerWeek, { integer: true, min: 1, max: 7 });
  const weeks = o.weeks === undefined || o.weeks === null ? programmeTemplate({ weeks: tWeeks ?? undefined, sessionsPerWeek: tPerWeek ?? undefined }) : checkWeeks(c, o.weeks);
  const notes = checkText(c, 'notes', o.notes, { maxLength: MAX_NOTES_LENGTH }) ?? '';
  return c.result({ clientId, name, startDate, weeks, notes });
}

export function validateProgrammePatch(input: unknown): ValidationResult<RunProgrammePatch> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const out: RunProgrammePatch = {};
  if (o.name !== undefined) out.name = checkText(c, 'name', o.name, { required: true, maxLength: MAX_PROGRAMME_NAME }) ?? '';
  if (o.startDate !== undefined) out.startDate = checkDate(c, 'startDate', o.startDate, { required: true, min: EARLIEST_RECORD_DATE }) ?? '';
  if (o.weeks !== undefined) out.weeks = checkWeeks(c, o.weeks);
  if (o.notes !== undefined) out.notes = checkText(c, 'notes', o.notes, { maxLength: MAX_NOTES_LENGTH }) ?? '';
  return c.result(out);
}
