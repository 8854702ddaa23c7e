/**
 * The guided resonance-frequency assessment (#/resonance): client, sensor and protocol on the
 * left; on the right the pacer the client follows, the live step indicator, the recommendation
 * when the run has ended (with its reason, flags and the override), the step-by-step table that
 * fills in as steps finish, and the HR tachogram with the step boundaries. The run itself lives
 * in the core (ResonanceService); this screen shows its views.
 */
import { useEffect, useState } from 'react';
import type { ResonanceRunView } from '../../../shared/ipc/resonanceTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { reloadClients, useApp } from '../../app/store.js';
import { TachogramChart } from '../../charts/TachogramChart.js';
import { Card } from '../../ui/Card.js';
import { ChartFrame } from '../../ui/ChartFrame.js';
import { ClientPanel } from '../clients/ClientPanel.js';
import { PacerCanvas } from '../pacer/PacerCanvas.js';
import { usePacerLabels } from '../pacer/usePacerLabels.js';
import { SensorPanel } from '../sensors/SensorPanel.js';
import { defaultResonanceDraft, parseRates, type ResonanceDraft } from './resonanceDraft.js';
import { ResonanceProgressCard } from './ResonanceProgressCard.js';
import { ResonanceResult } from './ResonanceResult.js';
import { ResonanceStepCharts, useStepTraces } from './ResonanceStepCharts.js';
import { ResonanceStepTable, type PendingState } from './ResonanceStepTable.js';
import { ResonanceSetupCard } from './ResonanceSetupCard.js';
import { useResonanceRun } from './resonanceStore.js';
import './resonance.css';

// Kept while the therapist visits other screens.
let savedDraft: ResonanceDraft | null = null;

/** What a step without a result is doing in `run`. */
function pendingOf(run: ResonanceRunView | null): (i: number) => PendingState {
  if (!run) return () => 'waiting';
  if (run.status !== 'running') return () => 'skipped';
  const p = run.progress;
  return (i) => {
    if (p.kind === 'done') return 'analysing';
    if (p.stepIndex === null) return 'waiting';
    if (p.kind === 'step' && p.stepIndex === i) return 'now';
    return i < p.stepIndex ? 'analysing' : 'waiting';
  };
}

export function ResonanceScreen() {
  const { t, locale } = useT();
  const [draft, setDraft] = useState<ResonanceDraft>(() => savedDraft ?? defaultResonanceDraft(locale));
  useEffect(() => {
    savedDraft = draft;
  }, [draft]);
  const run = useResonanceRun();
  const display = useApp((s) => s.settings.display);
  const selected = useApp((s) => s.selectedClientId);
  const connected = useApp((s) => s.channels.some((c) => c.state === 'connected'));
  const labels = usePacerLabels();
  // A finished run belongs to its client: show it while that client is selected.
  const shown = run && (run.status === 'running' || run.clientId === selected) ? run : null;
  const clientName = useApp((s) => (shown ? (s.clients.find((c) => c.id === shown.clientId)?.name ?? null) : null));
  const ended = shown !== null && shown.status !== 'running';

  useEffect(() => {
    if (run && run.status !== 'running') void reloadClients(api()); // session counts in the client list
  }, [run?.runId, run?.status]);

  const stepped = shown ? shown.variant === 'stepped' : draft.variant === 'stepped';
  const rates = shown ? shown.phases.filter((p) => p.kind === 'step').map((p) => p.rateBpm) : (parseRates(draft.ratesText) ?? []);
  const assessment = shown?.assessment?.kind === 'stepped' ? shown.assessment : null;
  const traces = useStepTraces(ended && shown.status !== 'cancelled' ? shown.sessionId : null);
  const markers = shown ? shown.phases.filter((p) => p.kind === 'step').map((p) => ({ clockSec: p.startSec, note: labels.rate(p.rateBpm), kind: 'phase' })) : [];

  return (
    <div className="live resonance" data-testid="resonance-screen">
      <aside className="side">
        <ClientPanel />
        <SensorPanel />
        <ResonanceSetupCard draft={draft} onChange={setDraft} run={run} />
      </aside>
      <div className="main">
        {!shown && (
          <Card title={t('resonance.title')}>
            <p className="res-intro">{t('resonance.intro')}</p>
          </Card>
        )}
        <div className="row-top">
          <Card title={t('pacer.visualTitle')} className="pacer-card">
            <PacerCanvas visual={display.pacerVisual} audio={display.audioCue} labels={labels} rateText={labels.rate} />
          </Card>
          {shown ? (
            <ResonanceProgressCard key={shown.runId} run={shown} />
          ) : (
            <Card title={t('resonance.progress')} testId="resonance-progress">
              <p className="muted">{t('resonance.notStarted')}</p>
            </Card>
          )}
        </div>
        {ended && shown.assessment && (
          <Card
            title={t('resonance.result')}
            testId="resonance-result-card"
            actions={
              <button className="btn small" onClick={() => navigate('#/live')} data-testid="resonance-to-live">
                {t('resonance.toLive')}
              </button>
            }
          >
            <ResonanceResult sessionId={shown.sessionId} assessment={shown.assessment} override={shown.override} complete={shown.status === 'complete'} clientName={clientName} />
          </Card>
        )}
        {ended && shown.status === 'cancelled' && (
          <Card title={t('resonance.result')}>
            <p className="muted">{t('resonance.status.cancelled')}</p>
          </Card>
        )}
        {stepped && (
          <Card title={t('resonance.table')} testId="resonance-table-card">
            <ResonanceStepTable ratesBpm={rates} assessment={assessment} pending={pendingOf(shown)} ranked={ended} />
            <p className="small muted res-note">{t('resonance.tableNote')}</p>
          </Card>
        )}
        {ended && stepped && shown.status !== 'cancelled' && traces && traces.length > 0 && (
          <Card title={t('resonance.stepChart')} testId="resonance-step-card">
            <ResonanceStepCharts traces={traces} bestIndex={assessment && assessment.recommendation.rateBpm !== null ? (assessment.recommendation.ranking[0]?.stepIndex ?? null) : null} />
          </Card>
        )}
        <Card title={t('chart.tachogram')} className="chart-card">
          <ChartFrame empty={connected ? null : t('chart.noSensor')}>
            <TachogramChart key={locale} windowSec={Math.max(display.tachogramWindowSec, 180)} markers={markers} bpmLabel={t('axis.hr')} timeTitles={{ session: t('axis.sessionTime'), relative: t('axis.relativeTime') }} />
          </ChartFrame>
        </Card>
      </div>
    </div>
  );
}
