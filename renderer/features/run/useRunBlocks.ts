/**
 * The blocks of a run session being set up (single or group run): the next session of a client's
 * run programme when they have one, else typed in (kind and length per block); any edit makes them
 * typed in. `fromProgramme`: start without blocks (the core takes the programme's next session).
 */
import { useEffect, useState } from 'react';
import type { ProgrammeBlock } from '../../../shared/running/programme.js';
import { api } from '../../app/api.js';

export const DEFAULT_BLOCKS: ProgrammeBlock[] = [
  { kind: 'warmup', sec: 300 },
  { kind: 'run', sec: 60 },
  { kind: 'walk', sec: 120 },
  { kind: 'cooldown', sec: 300 },
];

export interface RunBlocks {
  programme: { week: number; blocks: ProgrammeBlock[] } | null;
  blocks: ProgrammeBlock[];
  fromProgramme: boolean;
  edit: (next: ProgrammeBlock[]) => void;
  useProgramme: () => void;
}

/** The blocks for a run of `clientId` (null: typed in only). */
export function useRunBlocks(clientId: number | null): RunBlocks {
  const [programme, setProgramme] = useState<{ week: number; blocks: ProgrammeBlock[] } | null>(null);
  const [blocks, setBlocks] = useState<ProgrammeBlock[]>(DEFAULT_BLOCKS);
  const [fromProgramme, setFromProgramme] = useState(false);
  useEffect(() => {
    let live = true;
    setProgramme(null);
    if (clientId === null) {
      setFromProgramme(false);
      return;
    }
    void api()
      .getRunProgrammeStatus(clientId)
      .then((s) => {
        if (!live) return;
        const next = s?.next ?? null;
        setProgramme(next);
        if (next) {
          setBlocks(next.blocks.map((b) => ({ ...b })));
          setFromProgramme(true);
        } else setFromProgramme(false);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [clientId]);
  return {
    programme,
    blocks,
    fromProgramme,
    edit: (next) => {
      setBlocks(next);
      setFromProgramme(false);
    },
    useProgramme: () => {
      if (!programme) return;
      setBlocks(programme.blocks.map((b) => ({ ...b })));
      setFromProgramme(true);
    },
  };
}
