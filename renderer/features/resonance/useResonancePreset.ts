/**
 * `useResonancePreset` — the console's pacer form takes the client's resonance rate: when the
 * therapist picks a client (or the console opens with one), their last complete assessment's
 * rate — the override if the therapist chose one — is fetched (`getLastResonanceRate`) and, while
 * no session runs, set as the pacer rate once per assessment/override, so a later manual change
 * is not undone by revisiting the console. Picking a client without an assessment puts back the
 * default rate if the form still holds another client's preset.
 */
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { ResonanceRateView } from '../../../shared/ipc/resonanceTypes.js';
import { api } from '../../app/api.js';
import { useApp } from '../../app/store.js';
import { DEFAULT_DRAFT, type PacerDraft } from '../pacer/PacerForm.js';
import { useResonanceRun } from './resonanceStore.js';

/** Per client: the assessment/override last put into the pacer form. */
const applied = new Map<number, string>();
/** The preset the form holds now (client and rate), if any. */
let inForm: { clientId: number; rateBpm: number } | null = null;

export function useResonancePreset(setDraft: Dispatch<SetStateAction<PacerDraft>>): ResonanceRateView | null {
  const clientId = useApp((s) => s.selectedClientId);
  const idle = useApp((s) => s.session.phase === 'idle');
  const run = useResonanceRun();
  const [rate, setRate] = useState<ResonanceRateView | null>(null);
  const runKey = run ? `${run.runId}:${run.status}:${run.override?.rateBpm ?? ''}` : '';

  useEffect(() => {
    if (clientId === null) {
      setRate(null);
      return;
    }
    let live = true;
    api()
      .getLastResonanceRate(clientId)
      .then(
        (r) => {
          if (!live) return;
          setRate(r);
          if (!idle) return;
          if (!r) {
            const other = inForm;
            if (other && other.clientId !== clientId) setDraft((d) => (d.rateBpm === other.rateBpm ? { ...d, rateBpm: DEFAULT_DRAFT.rateBpm } : d));
            inForm = null;
            return;
          }
          const key = `${r.sessionId}:${r.source}:${r.rateBpm}`;
          if (applied.get(clientId) === key && inForm?.clientId === clientId) return;
          applied.set(clientId, key);
          inForm = { clientId, rateBpm: r.rateBpm };
          setDraft((d) => ({ ...d, rateBpm: r.rateBpm }));
        },
        () => live && setRate(null),
      );
    return () => {
      live = false;
    };
  }, [clientId, idle, runKey, setDraft]);

  return rate;
}
