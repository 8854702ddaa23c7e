/**
 * The plan of a live run session (single or group, main/app/runSessionCalls.ts): the blocks — typed
 * in, or the next session of a client's programme — and, per runner, their own Karvonen zones from
 * the resting HR entered or their last breathing session's mean HR and the HRmax entered or Tanaka's.
 */
import { localIsoDate } from '../../shared/domain/dates.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { heartRateZones } from '../../shared/running/heartRateZones.js';
import type { ProgrammeBlock } from '../../shared/running/programme.js';
import { programmeStatus } from '../../shared/running/programmeProgress.js';
import { runBlocksProblem } from '../../shared/running/runTimer.js';
import type { Storage } from '../storage/storage.js';
import type { LiveRunPlan } from './liveRunStore.js';
import { runsDone } from './runsDone.js';
import { ageYearsOn, restingHrBefore } from './runZones.js';

/** The session's blocks: `typed` when given, else the next session of `clientId`'s programme (checked; coded errors). */
export function sessionBlocks(storage: Storage, clientId: number, typed: readonly ProgrammeBlock[] | undefined, now: Date): { blocks: ProgrammeBlock[]; programmeWeek: number | null } {
  let blocks: ProgrammeBlock[];
  let programmeWeek: number | null = null;
  if (typed && typed.length > 0) blocks = typed.map((b) => ({ kind: b.kind, sec: b.sec }));
  else {
    const p = storage.runProgrammes.listByClient(clientId).at(-1);
    const next = p ? programmeStatus(p, runsDone(storage, clientId), localIsoDate(now)).next : null;
    if (!next) throw new CadansError('run.noBlocks');
    blocks = next.blocks.map((b) => ({ kind: b.kind, sec: b.sec }));
    programmeWeek = next.week;
  }
  const problem = runBlocksProblem(blocks);
  if (problem) throw new CadansError('run.badBlocks', { detail: problem });
  return { blocks, programmeWeek };
}

/** One runner's plan: the shared blocks with their own zones (`at`: the start, ISO). */
export function runnerPlan(
  storage: Storage,
  clientId: number,
  shared: { blocks: ProgrammeBlock[]; programmeWeek: number | null },
  hr: { hrRestBpm?: number | null; hrMaxBpm?: number | null },
  at: string,
): LiveRunPlan {
  const client = storage.clients.require(clientId);
  const enteredRest = hr.hrRestBpm ?? null;
  const rest = enteredRest ?? restingHrBefore(storage, client.id, at);
  const zones = heartRateZones({ hrRestBpm: rest, hrMaxBpm: hr.hrMaxBpm ?? null, ageYears: ageYearsOn(client.dateOfBirth, at) });
  return {
    kind: 'run-plan',
    blocks: shared.blocks,
    programmeWeek: shared.programmeWeek,
    zones,
    hrRestSource: rest === null ? null : enteredRest !== null ? 'entered' : 'lastSession',
  };
}
