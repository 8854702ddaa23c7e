/**
 * The therapist console during a session: client, sensor, pacer and session controls on the
 * left; the pacer, live scores, HR tachogram (with the pacer's phases behind it), raw PPG with
 * beats and the spectrum of the last 64 s on the right. After a session ends, its summary.
 */
import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { api } from '../../app/api.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';
import { PpgChart } from '../../charts/PpgChart.js';
import { SpectrumChart } from '../../charts/SpectrumChart.js';
import { TachogramChart } from '../../charts/TachogramChart.js';
import { Card } from '../../ui/Card.js';
import { ChartFrame } from '../../ui/ChartFrame.js';
import { Segmented } from '../../ui/Segmented.js';
import { useAction } from '../../ui/useAsync.js';
import { ClientPanel } from '../clients/ClientPanel.js';
import { ClientDisplayPanel } from '../display/ClientDisplayPanel.js';
import { PacerCanvas } from '../pacer/PacerCanvas.js';
import { DEFAULT_DRAFT, PacerForm, type PacerDraft } from '../pacer/PacerForm.js';
import { SessionSummaryCard } from '../review/SessionSummaryCard.js';
import { SensorPanel } from '../sensors/SensorPanel.js';
import { MetricsPanel } from './MetricsPanel.js';
import { SessionControls } from './SessionControls.js';
import { PacerEndPrompt } from './PacerEndPrompt.js';
import { StorageBanner } from './StorageBanner.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { usePacerLabels } from '../pacer/usePacerLabels.js';
import { ResonancePresetNote } from '../resonance/ResonancePresetNote.js';
import { useResonancePreset } from '../resonance/useResonancePreset.js';

// Kept across screen changes (the console is unmounted while the client list is shown).
let savedDraft: PacerDraft = DEFAULT_DRAFT;
let savedUsePacer = true;

const WINDOWS = [60, 120, 180, 240, 300] as const;

export function LiveScreen() {
  const { t, locale } = useT();
  const [draft, setDraftState] = useState<PacerDraft>(savedDraft);
  const [pacerIssues, setPacerIssues] = useState<ValidationIssue[]>([]);
  // The core's field problems belong to the values it refused: a new value clears them.
  const setDraft: Dispatch<SetStateAction<PacerDraft>> = useCallback((d) => {
    setPacerIssues([]);
    setDraftState(d);
  }, []);
  const [usePacer, setUsePacer] = useState(savedUsePacer);
  const display = useApp((s) => s.settings.display);
  const session = useApp((s) => s.session);
  const connected = useApp((s) => s.channels.some((c) => c.state === 'connected'));
  const empty = connected ? null : t('chart.noSensor');
  const [dismissed, setDismissed] = useState<number | null>(null);
  const { run } = useAction();
  const labels = usePacerLabels();
  const preset = useResonancePreset(setDraft); // the client's resonance rate presets the pacer
  useEffect(() => {
    savedDraft = draft;
    savedUsePacer = usePacer;
  }, [draft, usePacer]);

  const ended = session.phase === 'idle' ? session.lastEndedSessionId : null;
  // Markers in the chart in the UI's language ('pacer-end' → "Begeleider klaar"); a note wins.
  const markerLabels = useMemo(
    () => session.markers.map((m) => ({ ...m, note: m.note || (hasKey(`marker.${m.kind}`) ? t(`marker.${m.kind}` as StringKey) : m.kind) })),
    [session.markers, locale], // `t` changes with the locale
  );
  const timeTitles = { session: t('axis.sessionTime'), relative: t('axis.relativeTime') };
  return (
    <div className="live">
      <aside className="side">
        <ClientPanel />
        <SensorPanel />
        <SessionControls draft={draft} usePacer={usePacer} setUsePacer={setUsePacer} onPacerIssues={setPacerIssues} />
        <ResonancePresetNote preset={preset} rateBpm={draft.rateBpm} onUse={(rateBpm) => setDraft({ ...draft, rateBpm })} />
        <PacerForm draft={draft} onChange={setDraft} apiIssues={pacerIssues} onApiIssues={setPacerIssues} />
        <ClientDisplayPanel />
      </aside>
      <div className="main">
        <StorageBanner />
        <PacerEndPrompt />
        {ended !== null && ended !== dismissed && <SessionSummaryCard sessionId={ended} onClose={() => setDismissed(ended)} />}
        <div className="row-top">
          <Card title={t('pacer.visualTitle')} className="pacer-card">
            <PacerCanvas visual={display.pacerVisual} audio={display.audioCue} labels={labels} rateText={labels.rate} />
          </Card>
          <Card title={t('metrics.title')} className="metrics-card">
            <MetricsPanel />
          </Card>
        </div>
        <Card
          title={t('chart.tachogram')}
          className="chart-card"
          actions={
            <Segmented
              label={t('chart.window')}
              value={display.tachogramWindowSec}
              options={WINDOWS.map((w) => ({ value: w, label: t('chart.minutes', { n: w / 60 }) }))}
              onChange={(v) => void run(() => api().setDisplaySettings({ tachogramWindowSec: v }))}
              testId="tachogram-window"
            />
          }
        >
          <ChartFrame empty={empty}>
            <TachogramChart key={locale} windowSec={display.tachogramWindowSec} markers={markerLabels} bpmLabel={t('axis.hr')} timeTitles={timeTitles} />
          </ChartFrame>
          <div className="legend small muted">
            <span className="swatch swatch-inhale" /> {t('chart.inhaleLegend')}
          </div>
        </Card>
        <div className="row-bottom">
          <Card title={t('chart.ppg')} className="chart-card">
            <ChartFrame empty={empty}>
              <PpgChart key={locale} label={t('axis.ppg')} timeTitles={timeTitles} />
            </ChartFrame>
          </Card>
          <Card title={t('chart.spectrum')} className="chart-card">
            <ChartFrame empty={empty}>
              <SpectrumChart key={locale} xLabel={t('chart.hz')} yLabel={t('axis.power')} />
            </ChartFrame>
          </Card>
        </div>
      </div>
    </div>
  );
}
