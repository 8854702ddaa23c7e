/**
 * The client-record tables practice mode shares besides clients and sessions (issue 17): courses,
 * goals, questionnaire results, the running log and home-practice prescriptions. Each row has a
 * uuid (migration 10) and refers to its client (and course) by uuid on the server; edits replace
 * the row (the last one sent wins); deletions are kept on the server as `deleted` so the other
 * workstations delete their copy. The server tables are in native-adapters/pg/serverSchemaV1.ts.
 */
export interface RecordTable {
  table: 'courses' | 'goals' | 'questionnaire_scores' | 'running_log' | 'prescriptions';
  /** The row refers to a course (nullable `course_id`, same client). */
  course: boolean;
  /** The columns copied as they are (besides id, uuid, client_id, course_id). */
  columns: readonly string[];
}

export const RECORD_TABLES: readonly RecordTable[] = [
  { table: 'courses', course: false, columns: ['start_date', 'intake_date', 'mid_evaluation_date', 'final_evaluation_date', 'notes', 'created_at'] },
  { table: 'goals', course: true, columns: ['text', 'status', 'set_date', 'target_date', 'closed_date', 'created_at'] },
  { table: 'questionnaire_scores', course: true, columns: ['instrument', 'moment', 'date', 'scores', 'items', 'notes', 'created_at'] },
  {
    table: 'running_log',
    course: true,
    columns: ['date', 'intervals', 'continuous_run_min', 'borg', 'hr_avg_bpm', 'hr_max_bpm', 'notes', 'created_at'],
  },
  {
    table: 'prescriptions',
    course: false,
    columns: ['date', 'rate_bpm', 'ratio', 'inhale_fraction', 'hold_in_sec', 'hold_out_sec', 'minutes', 'times_per_day', 'lang', 'created_at'],
  },
];

/** Tables whose rows can be deleted (the outbox carries their uuid; the server marks them deleted). */
export const DELETABLE_TABLES: ReadonlySet<string> = new Set(['markers', 'goals', 'questionnaire_scores', 'running_log']);
