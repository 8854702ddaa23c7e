/**
 * Run/walk programmes of running therapy ("temporiseren"): per week the blocks of one session
 * (warm-up, run, walk, cool-down, in seconds) and the number of sessions that week. The standard
 * template follows the course of the KNGF running-therapy case the design takes (issue 15): 9–12
 * weeks, 3 sessions a week of about half an hour, from 6 × [1 min run, 2 min walk] in week 1 to
 * 20–30 min of continuous running in weeks 9–12, each session between a 5-min warm-up walk and a
 * 5-min cool-down walk. The therapist edits any week's blocks afterwards.
 */
export type ProgrammeBlockKind = 'warmup' | 'run' | 'walk' | 'cooldown';
export const PROGRAMME_BLOCK_KINDS: readonly ProgrammeBlockKind[] = ['warmup', 'run', 'walk', 'cooldown'];

export interface ProgrammeBlock {
  kind: ProgrammeBlockKind;
  sec: number;
}

/** One week: the blocks of each of its sessions, and how many sessions. Week n is `weeks[n − 1]`. */
export interface ProgrammeWeek {
  sessionsPerWeek: number;
  blocks: ProgrammeBlock[];
}

export interface RunProgramme {
  id: number;
  clientId: number;
  name: string;
  /** Monday (or any day) week 1 starts, YYYY-MM-DD. */
  startDate: string;
  weeks: ProgrammeWeek[];
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewRunProgramme {
  clientId: number;
  name?: string;
  startDate: string;
  /** The weeks as edited; default: `programmeTemplate(template)`. */
  weeks?: ProgrammeWeek[];
  template?: ProgrammeTemplateOptions;
  notes?: string;
}

export type RunProgrammePatch = Partial<Pick<RunProgramme, 'name' | 'startDate' | 'weeks' | 'notes'>>;

export interface ProgrammeTemplateOptions {
  /** 9–12 (default 10). */
  weeks?: number;
  /** 1–7 (default 3). */
  sessionsPerWeek?: number;
}

export const TEMPLATE_WARMUP_SEC = 300;
export const TEMPLATE_COOLDOWN_SEC = 300;

/**
 * Weeks 1–8: repetitions × [run min, walk min]. Neither the minutes of running per session nor the
 * longest run ever fall from one week to the next, up to the 20 min of week 9.
 */
const TEMPLATE_INTERVAL_WEEKS: readonly [reps: number, runMin: number, walkMin: number][] = [
  [6, 1, 2],
  [5, 2, 2],
  [4, 3, 2],
  [4, 4, 2],
  [3, 6, 2],
  [2, 9, 2],
  [2, 10, 2],
  [2, 10, 1],
];

/** A session of `reps` × [run, walk] between the warm-up and the cool-down. */
export function intervalSession(reps: number, runMin: number, walkMin: number): ProgrammeBlock[] {
  const blocks: ProgrammeBlock[] = [{ kind: 'warmup', sec: TEMPLATE_WARMUP_SEC }];
  for (let i = 0; i < reps; i++) {
    blocks.push({ kind: 'run', sec: runMin * 60 });
    if (walkMin > 0) blocks.push({ kind: 'walk', sec: walkMin * 60 });
  }
  blocks.push({ kind: 'cooldown', sec: TEMPLATE_COOLDOWN_SEC });
  return blocks;
}

/**
 * The standard template: weeks 1–8 from TEMPLATE_INTERVAL_WEEKS, then the continuous weeks
 * (9 to `weeks`) from 20 to 30 min, evenly, whole minutes (a 9-week programme ends at 20 min).
 */
export function programmeTemplate(options: ProgrammeTemplateOptions = {}): ProgrammeWeek[] {
  const n = Math.min(12, Math.max(9, Math.round(options.weeks ?? 10)));
  const perWeek = Math.min(7, Math.max(1, Math.round(options.sessionsPerWeek ?? 3)));
  const weeks: ProgrammeWeek[] = TEMPLATE_INTERVAL_WEEKS.map(([r, run, walk]) => ({ sessionsPerWeek: perWeek, blocks: intervalSession(r, run, walk) }));
  const continuous = n - TEMPLATE_INTERVAL_WEEKS.length;
  for (let k = 0; k < continuous; k++) {
    const min = continuous === 1 ? 20 : Math.round(20 + (10 * k) / (continuous - 1));
    weeks.push({ sessionsPerWeek: perWeek, blocks: intervalSession(1, min, 0) });
  }
  return weeks;
}

/** Run seconds, longest run block and total seconds of one session of a week. */
export function weekLoad(week: ProgrammeWeek): { runSec: number; longestRunSec: number; totalSec: number } {
  let runSec = 0;
  let longest = 0;
  let total = 0;
  for (const b of week.blocks) {
    total += b.sec;
    if (b.kind === 'run') {
      runSec += b.sec;
      longest = Math.max(longest, b.sec);
    }
  }
  return { runSec, longestRunSec: longest, totalSec: total };
}

/**
 * The core of a week's session in a compact form: the repeated [run, walk] pair and its count
 * (`{reps: 6, runSec: 60, walkSec: 120}`), or null when the blocks between warm-up and cool-down
 * are not one repeated pattern.
 */
export function repeatedPattern(week: ProgrammeWeek): { reps: number; runSec: number; walkSec: number } | null {
  const core = week.blocks.filter((b) => b.kind === 'run' || b.kind === 'walk');
  if (core.length === 0 || core[0]!.kind !== 'run') return null;
  const runSec = core[0]!.sec;
  const walkSec = core[1]?.kind === 'walk' ? core[1].sec : 0;
  const step = walkSec > 0 ? 2 : 1;
  if (core.length % step !== 0) return null;
  for (let i = 0; i < core.length; i += step) {
    if (core[i]!.kind !== 'run' || core[i]!.sec !== runSec) return null;
    if (step === 2 && (core[i + 1]!.kind !== 'walk' || core[i + 1]!.sec !== walkSec)) return null;
  }
  return { reps: core.length / step, runSec, walkSec };
}
