/**
 * A stored resonance session in the client's history (and the summary after a run): the
 * recommendation with its override control, the per-step table and the per-step HR charts, from `getResonanceResult`.
 * Renders nothing for a session without an assessment (e.g. a cancelled run).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResonanceResultView } from '../../../shared/ipc/resonanceTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';
import { Badge } from '../../ui/Badge.js';
import { ResonanceResult } from './ResonanceResult.js';
import { ResonanceStepCharts } from './ResonanceStepCharts.js';
import { ResonanceStepTable } from './ResonanceStepTable.js';
import './resonance.css';

export function ResonanceSessionResult({ sessionId }: { sessionId: number }) {
  const { t } = useT();
  const [r, setR] = useState<ResonanceResultView | null>(null);
  const clientName = useApp((s) => (r ? (s.clients.find((c) => c.id === r.clientId)?.name ?? null) : null));
  const load = useCallback(() => {
    api()
      .getResonanceResult(sessionId)
      .then(setR, () => setR(null)); // no assessment stored: nothing to show
  }, [sessionId]);
  useEffect(() => {
    setR(null);
    load();
  }, [load]);
  if (!r) return null;
  const a = r.assessment;
  return (
    <section className="res-session" data-testid="resonance-session">
      <h3 className="res-session-title">
        {t('type.resonance')}
        {r.isClientDefault && <Badge tone="ok">{t('resonance.isDefault')}</Badge>}
      </h3>
      <ResonanceResult sessionId={sessionId} assessment={a} override={r.override} complete={r.status === 'complete'} clientName={clientName} onChanged={load} />
      {a.kind === 'stepped' && (
        <ResonanceStepTable
          ratesBpm={'ratesBpm' in a.settings.protocol ? a.settings.protocol.ratesBpm : a.steps.map((s) => s.rateBpm)}
          assessment={a}
          pending={() => 'skipped'}
          ranked
        />
      )}
      {r.stepTraces.length > 0 && (
        <>
          <h4 className="res-session-title">{t('resonance.stepChart')}</h4>
          <ResonanceStepCharts traces={r.stepTraces} bestIndex={bestStep(r)} />
        </>
      )}
    </section>
  );
}

/** The recommended step (highlighted in the charts as in the table), or null. */
function bestStep(r: ResonanceResultView): number | null {
  const a = r.assessment;
  return a.kind === 'stepped' && a.recommendation.rateBpm !== null ? (a.recommendation.ranking[0]?.stepIndex ?? null) : null;
}
