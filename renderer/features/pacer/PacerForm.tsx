/**
 * Console panel: the breathing pacer's settings — rate 3–12 breaths/min in 0.1 steps, inhale:exhale
 * ratio, holds after in- and out-breath, session duration — plus its visual form and the soft audio
 * cue. "Apply" sends the settings to the core (during a session they take effect at the next
 * breath); the same settings start the next session.
 */
import { PACER_MAX_RATE_BPM, PACER_MIN_RATE_BPM, validatePacerSettings, type PacerSettings } from '../../../shared/pacer/pacerSettings.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { Segmented } from '../../ui/Segmented.js';
import { useAction } from '../../ui/useAsync.js';
import { unlockPacerAudio } from './pacerAudio.js';

/** What the form edits (duration in minutes; 0 = open-ended). */
export interface PacerDraft {
  rateBpm: number;
  inhaleFraction: number;
  holdInSec: number;
  holdOutSec: number;
  durationMin: number;
}

export const DEFAULT_DRAFT: PacerDraft = { rateBpm: 6, inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, durationMin: 10 };

const RATIOS = [
  { value: 0.5, label: '50:50' },
  { value: 0.45, label: '45:55' },
  { value: 0.4, label: '40:60' },
  { value: 1 / 3, label: '1:2' },
] as const;

/** The draft as pacer settings. */
export function draftSettings(d: PacerDraft): PacerSettings {
  const s: PacerSettings = { rateBpm: Math.round(d.rateBpm * 10) / 10, inhaleFraction: d.inhaleFraction };
  if (d.holdInSec > 0) s.holdInSec = d.holdInSec;
  if (d.holdOutSec > 0) s.holdOutSec = d.holdOutSec;
  if (d.durationMin > 0) s.durationSec = Math.round(d.durationMin * 60);
  return s;
}

export function PacerForm({ draft, onChange }: { draft: PacerDraft; onChange: (d: PacerDraft) => void }) {
  const { t, fmt } = useT();
  const display = useApp((s) => s.settings.display);
  const phase = useApp((s) => s.session.phase);
  const pacerOn = useApp((s) => s.pacer !== null);
  const { busy, run } = useAction();
  const set = (patch: Partial<PacerDraft>) => onChange({ ...draft, ...patch });
  const errors = validatePacerSettings(draftSettings(draft));

  return (
    <Card title={t('pacer.title')} testId="pacer-form">
      <div className="stack">
        <Field label={t('pacer.rate')}>
          <div className="range-row">
            <input
              type="range"
              min={PACER_MIN_RATE_BPM}
              max={PACER_MAX_RATE_BPM}
              step={0.1}
              value={draft.rateBpm}
              onChange={(e) => set({ rateBpm: Number(e.target.value) })}
              aria-label={t('pacer.rate')}
            />
            <input
              type="number"
              className="num"
              min={PACER_MIN_RATE_BPM}
              max={PACER_MAX_RATE_BPM}
              step={0.1}
              value={draft.rateBpm}
              onChange={(e) => set({ rateBpm: Number(e.target.value) })}
              data-testid="pacer-rate"
            />
          </div>
        </Field>
        <Field label={t('pacer.ratio')}>
          <Segmented label={t('pacer.ratio')} value={draft.inhaleFraction} options={RATIOS} onChange={(v) => set({ inhaleFraction: v })} />
        </Field>
        <div className="row3">
          <Field label={t('pacer.holdIn')}>
            <input type="number" min={0} max={10} step={0.5} value={draft.holdInSec} onChange={(e) => set({ holdInSec: Number(e.target.value) })} />
          </Field>
          <Field label={t('pacer.holdOut')}>
            <input type="number" min={0} max={10} step={0.5} value={draft.holdOutSec} onChange={(e) => set({ holdOutSec: Number(e.target.value) })} />
          </Field>
          <Field label={t('pacer.duration')}>
            <input type="number" min={0} max={120} step={1} value={draft.durationMin} onChange={(e) => set({ durationMin: Number(e.target.value) })} data-testid="pacer-duration" />
          </Field>
        </div>
        <p className="small muted">
          {t('pacer.summary', { period: fmt.num(60 / draft.rateBpm, 1), ratio: RATIOS.find((r) => r.value === draft.inhaleFraction)?.label ?? '' })}
        </p>
        {errors.length > 0 && <p className="small tone-bad">{t('pacer.invalid')}</p>}
        <Field label={t('pacer.visual')}>
          <Segmented
            label={t('pacer.visual')}
            value={display.pacerVisual}
            options={[
              { value: 'shape', label: t('pacer.visual.shape') },
              { value: 'wave', label: t('pacer.visual.wave') },
              { value: 'both', label: t('pacer.visual.both') },
            ]}
            onChange={(v) => void run(() => api().setDisplaySettings({ pacerVisual: v }))}
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={display.audioCue}
            onChange={(e) => {
              if (e.target.checked) unlockPacerAudio();
              void run(() => api().setDisplaySettings({ audioCue: e.target.checked }));
            }}
          />
          {t('pacer.audio')}
        </label>
        <div className="buttons">
          <button className="btn" disabled={busy || errors.length > 0 || phase === 'paused'} onClick={() => void run(() => api().setPacer(draftSettings(draft)))} data-testid="pacer-apply">
            {phase === 'idle' ? t('pacer.preview') : t('pacer.apply')}
          </button>
          {pacerOn && (
            <button className="btn ghost" disabled={busy} onClick={() => void run(() => api().setPacer(null))}>
              {t('pacer.stop')}
            </button>
          )}
        </div>
      </div>
    </Card>
  );
}
