/**
 * The access log's detail column in the reader's language. What the app stores is English technical
 * text written by main (RecordCalls, RecordEditCalls, AuditCalls, SessionCalls, groupMembers,
 * PrescriptionCalls) and by the CLI (export, report, prescribe); it stays stored as it is (the log is
 * append-only and hash-chained — never rewritten). `accessDetailText` recognises those forms and
 * shows them through accessLogTexts.{nl,en}.ts; a detail it does not know is shown as it is.
 * A change summary ("scores.distress 12→8; notes changed", shared/domain/recordChanges.ts) is shown
 * part by part; the caller may name fields and show values in its own words (the UI's labels).
 */
import { accessLogTextsEn } from './accessLogTexts.en.js';
import { accessLogTextsNl, type AccessLogTextKey } from './accessLogTexts.nl.js';
import { makeFmt } from './formatters.js';
import type { Locale } from './locales.js';
import { createTranslator, type MessageParams } from './messageFormat.js';

const translate = createTranslator<AccessLogTextKey>({ nl: accessLogTextsNl, en: accessLogTextsEn });

/** A recognised detail: its text key and parameters (before translation). */
export interface ParsedAccessDetail {
  key: AccessLogTextKey;
  params: Record<string, string>;
  /** For an edit: the change summary, part by part. */
  changes?: ParsedChange[];
}

export type ParsedChange =
  | { kind: 'noChange' }
  | { kind: 'changed'; field: string }
  | { kind: 'fromTo'; field: string; before: ChangeValue; after: ChangeValue }
  | { kind: 'text'; text: string };

/** A value in a change summary: a number, text, null ('–') or a list of n values ('[n]'). */
export type ChangeValue = number | string | null | { list: number };

export interface AccessDetailWords {
  /** The label of a changed field ('scores.distress'); default: the field name as stored. */
  field?: (field: string) => string;
  /** A value; default: numbers and dates in the language's notation, text as stored. */
  value?: (v: ChangeValue, field: string) => string;
}

const SIMPLE = new Set(['createClient', 'getClient', 'updateClient', 'createCourse', 'updateCourse', 'createGoal', 'setGoalStatus', 'createRunningLogEntry', 'getSessionReview', 'listAccessLog']);

const fmt = (f: string): string => f.toUpperCase();

// The catalogues select on short codes, not on the stored English words (which would otherwise count
// as words of the Dutch catalogue in the language checks); `raw` is shown for a value not listed.
const TYPE_CODES = ['breathing', 'biofeedback', 'resonance', 'running', 'group', 'home', 'run'];
const RECORD_CODES = ['questionnaire', 'goal', 'runningLog', 'marker', 'session', 'runProgramme'];
const SOURCE_CODES = ['emwave', 'inner-balance'];
const code = (prefix: string, list: readonly string[], v: string): Record<string, string> => {
  const i = list.indexOf(v);
  return { [prefix === 't' ? 'type' : 'record']: i < 0 ? 'other' : `${prefix}${i + 1}`, raw: v };
};
const typeOf = (v: string): Record<string, string> => code('t', TYPE_CODES, v);
const recordOf = (v: string): Record<string, string> => code('r', RECORD_CODES, v);

/** The known form of a stored detail, or null. */
export function parseAccessDetail(detail: string): ParsedAccessDetail | null {
  const d = detail.trim();
  if (SIMPLE.has(d)) return { key: `log.${d}` as AccessLogTextKey, params: {} };
  let m: RegExpExecArray | null;
  if ((m = /^exportAccessLog (\w+)$/.exec(d))) return { key: 'log.exportAccessLog', params: { format: fmt(m[1]!) } };
  if ((m = /^importRrFile (\w+)(?: ([\w-]+))?$/.exec(d))) {
    const s = m[2] === undefined ? -1 : SOURCE_CODES.indexOf(m[2]);
    return { key: 'log.importRrFile', params: { ...typeOf(m[1]!), source: s < 0 ? 'other' : `s${s + 1}` } };
  }
  if ((m = /^(cadans report )?group (\d+) (?:summary )?(with names|anonymised) (\w+)$/.exec(d))) {
    return { key: m[1] ? 'log.cliGroupReport' : 'log.groupReport', params: { group: m[2]!, names: m[3] === 'with names' ? 'y' : 'n', format: fmt(m[4]!) } };
  }
  if ((m = /^createRunProgramme (\d+)$/.exec(d))) return { key: 'log.createRunProgramme', params: { id: m[1]! } };
  if ((m = /^import-run (\w+)$/.exec(d))) return { key: 'log.importRun', params: { format: fmt(m[1]!) } };
  if ((m = /^importRunFile (\w+)$/.exec(d))) return { key: 'log.importRunFile', params: { format: fmt(m[1]!) } };
  if ((m = /^sync conflict (\w+)\.(\w+): kept ([\s\S]*); not kept ([\s\S]*)$/.exec(d))) {
    return { key: 'log.syncConflict', params: { table: m[1]!, field: m[2]!, kept: m[3]!, lost: m[4]! } };
  }
  if ((m = /^startSession (\w+)$/.exec(d))) return { key: 'log.startSession', params: typeOf(m[1]!) };
  if ((m = /^startGroupSession (\w+) group (\d+)$/.exec(d))) return { key: 'log.startGroupSession', params: { ...typeOf(m[1]!), group: m[2]! } };
  if ((m = /^exportSession (\w+)$/.exec(d))) return { key: 'log.exportSession', params: { format: fmt(m[1]!) } };
  if ((m = /^session report (\w+)$/.exec(d))) return { key: 'log.sessionReport', params: { format: fmt(m[1]!) } };
  if ((m = /^run schedule (\d+) (\w+)$/.exec(d))) return { key: 'log.runSchedule', params: { id: m[1]!, format: fmt(m[2]!) } };
  if ((m = /^progress report (\w+)$/.exec(d))) return { key: 'log.progressReport', params: { format: fmt(m[1]!) } };
  if ((m = /^restrictClient to ([A-Za-z0-9_$ ]+)$/.exec(d))) return { key: 'log.restrictClient', params: { therapists: m[1]!.split(' ').join(', ') } };
  if (d === 'restrictClient lifted') return { key: 'log.restrictLifted', params: {} };
  if ((m = /^createPrescription (\d+)$/.exec(d))) return { key: 'log.createPrescription', params: { id: m[1]! } };
  if ((m = /^getPrescriptionFile (\d+) (\w+)$/.exec(d))) return { key: 'log.getPrescriptionFile', params: { id: m[1]!, file: m[2]! } };
  if ((m = /^createQuestionnaire #(\d+)$/.exec(d))) return { key: 'log.createQuestionnaire', params: { id: m[1]! } };
  if ((m = /^(update[A-Z]\w*|replaceQuestionnaire) (\w+) #(\d+): ([\s\S]*)$/.exec(d))) {
    return { key: m[1] === 'replaceQuestionnaire' ? 'log.replaceQuestionnaire' : 'log.update', params: { ...recordOf(m[2]!), id: m[3]! }, changes: parseChanges(m[4]!) };
  }
  if ((m = /^delete[A-Z]\w* (\w+) #(\d+)$/.exec(d))) return { key: 'log.delete', params: { ...recordOf(m[1]!), id: m[2]! } };
  if ((m = /^cadans export (\w+)( anonymised)?$/.exec(d))) return { key: 'log.cliExport', params: { format: fmt(m[1]!), anonymised: m[2] ? 'y' : 'n' } };
  if ((m = /^cadans report (progress|session) (\w+)$/.exec(d))) return { key: 'log.cliReport', params: { kind: m[1] === 'progress' ? 'p' : 's', format: fmt(m[2]!) } };
  if ((m = /^cadans prescribe (\d+) \(handout (\w+), audio\)$/.exec(d))) return { key: 'log.cliPrescribe', params: { id: m[1]!, lang: m[2]! } };
  return null;
}

/** The parts of a change summary (recordChanges.ts `changeSummary`); a part it cannot read stays text. */
export function parseChanges(summary: string): ParsedChange[] {
  if (summary.trim() === 'no change') return [{ kind: 'noChange' }];
  return summary.split('; ').map((part): ParsedChange => {
    const changed = /^([\w.]+) changed$/.exec(part);
    if (changed) return { kind: 'changed', field: changed[1]! };
    const fromTo = /^([\w.]+) ([^→]*)→([^→]*)$/.exec(part);
    if (fromTo) return { kind: 'fromTo', field: fromTo[1]!, before: changeValue(fromTo[2]!), after: changeValue(fromTo[3]!) };
    return { kind: 'text', text: part };
  });
}

function changeValue(raw: string): ChangeValue {
  if (raw === '–') return null;
  const list = /^\[(\d+)\]$/.exec(raw);
  if (list) return { list: Number(list[1]) };
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

function defaultValue(locale: Locale, v: ChangeValue): string {
  const f = makeFmt(locale);
  if (v === null) return '–';
  if (typeof v === 'number') return f.num(v, Number.isInteger(v) ? 0 : Math.min(3, String(v).split('.')[1]?.length ?? 0));
  if (typeof v === 'object') return translate(locale, 'log.list', { n: v.list });
  if (/^\d{4}-\d\d-\d\d$/.test(v)) return f.date(v);
  return v;
}

/** A stored detail in `locale` (unknown forms as they are). */
export function accessDetailText(locale: Locale, detail: string, words: AccessDetailWords = {}): string {
  const parsed = parseAccessDetail(detail);
  if (!parsed) return detail;
  const params: MessageParams = { ...parsed.params };
  if (parsed.changes) {
    const field = words.field ?? ((x: string) => x);
    const value = words.value ?? ((v: ChangeValue) => defaultValue(locale, v));
    params.changes = parsed.changes
      .map((c) => {
        if (c.kind === 'noChange') return translate(locale, 'log.noChange');
        if (c.kind === 'changed') return translate(locale, 'log.fieldChanged', { field: field(c.field) });
        if (c.kind === 'fromTo') return translate(locale, 'log.fieldFromTo', { field: field(c.field), before: value(c.before, c.field), after: value(c.after, c.field) });
        return c.text;
      })
      .join('; ');
  }
  return translate(locale, parsed.key, params);
}

/** The access log's action (`open`, `export` …) in `locale` (an unknown action as it is stored). */
export function accessActionText(locale: Locale, action: string): string {
  return /^\w+$/.test(action) ? translate(locale, 'log.action', { action }) : action;
}
