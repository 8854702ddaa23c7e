/**
 * The schemas of the running-therapy calls (issue 15): run/walk programmes and the live run session. Strict, one per request
 * type (see requestSchemas.ts for the rules); the ranges are checked by
 * shared/running/validateProgramme.ts with translatable issue codes.
 */
import {
  PROGRAMME_BLOCK_KINDS,
  type NewRunProgramme,
  type ProgrammeBlock,
  type ProgrammeTemplateOptions,
  type ProgrammeWeek,
  type RunProgrammePatch,
} from '../running/programme.js';
import { MAX_RUN_BLOCKS } from '../running/runTimer.js';
import type { GroupRunnerRequest, RecordBorgRequest, StartGroupRunSessionRequest, StartRunSessionRequest } from './runSessionTypes.js';
import { GROUP_MAX } from '../group/groupSetup.js';
import { MAX_RUN_UPLOAD_CHARS, type RunImportRequest } from '../running/runImport.js';
import { boolean, id, list, nullable, number, object, oneOf, optional, text, type Schema } from './schema.js';

const finite = number();
const nameText = text({ maxLength: 2_000 });
const notes = text({ maxLength: 100_000 });
const dateText = text({ maxLength: 40 });

const programmeBlockSchema: Schema<ProgrammeBlock> = object<ProgrammeBlock>({ kind: oneOf(PROGRAMME_BLOCK_KINDS), sec: finite });
const programmeWeekSchema: Schema<ProgrammeWeek> = object<ProgrammeWeek>({ sessionsPerWeek: finite, blocks: list(programmeBlockSchema, 200) });
const weeksSchema = list(programmeWeekSchema, 100);

export const programmeTemplateSchema: Schema<ProgrammeTemplateOptions> = object<ProgrammeTemplateOptions>({
  weeks: optional(finite),
  sessionsPerWeek: optional(finite),
});

export const newRunProgrammeSchema: Schema<NewRunProgramme> = object<NewRunProgramme>({
  clientId: id,
  name: optional(nameText),
  startDate: dateText,
  weeks: optional(weeksSchema),
  template: optional(programmeTemplateSchema),
  notes: optional(notes),
});

export const runProgrammePatchSchema: Schema<RunProgrammePatch> = object<RunProgrammePatch>({
  name: optional(nameText),
  startDate: optional(dateText),
  weeks: optional(weeksSchema),
  notes: optional(notes),
});

export const startRunSessionSchema: Schema<StartRunSessionRequest> = object<StartRunSessionRequest>({
  clientId: id,
  channel: optional(text({ maxLength: 100, nonEmpty: true })),
  blocks: optional(list(programmeBlockSchema, MAX_RUN_BLOCKS)),
  hrRestBpm: optional(nullable(number({ min: 30, max: 120 }))),
  hrMaxBpm: optional(nullable(number({ min: 100, max: 230 }))),
});

const groupRunnerSchema: Schema<GroupRunnerRequest> = object<GroupRunnerRequest>({
  clientId: id,
  channel: text({ maxLength: 100, nonEmpty: true }),
  hrRestBpm: optional(nullable(number({ min: 30, max: 120 }))),
  hrMaxBpm: optional(nullable(number({ min: 100, max: 230 }))),
});

export const startGroupRunSessionSchema: Schema<StartGroupRunSessionRequest> = object<StartGroupRunSessionRequest>({
  runners: list(groupRunnerSchema, GROUP_MAX),
  blocks: optional(list(programmeBlockSchema, MAX_RUN_BLOCKS)),
  programmeClientId: optional(id),
});

export const recordBorgSchema: Schema<RecordBorgRequest> = object<RecordBorgRequest>({
  clientId: optional(id),
  blockIndex: number({ integer: true, min: 0, max: MAX_RUN_BLOCKS - 1 }),
  borg: nullable(number({ integer: true, min: 6, max: 20 })),
  talkTest: nullable(boolean),
});

/** A run file from the client page: its name and its gzip-packed bytes in base64 (runImport.ts). */
export const runImportSchema: Schema<RunImportRequest> = object<RunImportRequest>({
  clientId: id,
  fileName: text({ maxLength: 500, nonEmpty: true }),
  gzipBase64: text({ maxLength: MAX_RUN_UPLOAD_CHARS }),
});
