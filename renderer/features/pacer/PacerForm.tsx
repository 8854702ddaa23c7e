/**
 * Console panel: the breathing pacer's settings — rate 3–12 breaths/min in 0.1 steps, inhale:exhale
 * ratio, holds after in- and out-breath, session duration — plus its visual form and the soft audio
 * cue. "Apply" sends the settings to the core (during a session they take effect at the next
 * breath); the same settings start the next session. Each field shows the rule its value breaks
 * (the shared `validatePacerForm`, and the core's field problems when it refuses a call).
 */
import { ApiError } from '../../../shared/ipc/contract.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { PACER_MAX_RATE_BPM, PACER_MIN_RATE_BPM } from '../../../shared/pacer/pacerSettings.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { Segmented } from '../../ui/Segmented.js';
import { useAction } from '../../ui/useAsync.js';
import { issueText } from '../client/issueText.js';
import { unlockPacerAudio } from './pacerAudio.js';
import { checkDraft, draftNumber, issuesOfForm, type PacerDraft } from './pacerDraft.js';

export { DEFAULT_DRAFT, checkDraft, type PacerDraft } from './pacerDraft.js';

const RATIOS = [
  { value: 0.5, label: '50:50' },
  { value: 0.45, label: '45:55' },
  { value: 0.4, label: '40:60' },
  { value: 1 / 3, label: '1:2' },
] as const;

/**
 * Run a call that sends pacer settings: field problems of a refusal go to `onIssues` (shown next
 * to the fields), other errors to the app's banner as before.
 */
export async function sendPacerCall<T>(fn: () => Promise<T>, onIssues: (issues: ValidationIssue[]) => void): Promise<T | undefined> {
  try {
    const r = await fn();
    onIssues([]);
    return r;
  } catch (e) {
    if (e instanceof ApiError && e.issues.length > 0) {
      onIssues(e.issues);
      return undefined;
    }
    throw e;
  }
}

const shown = (v: number): number | string => (Number.isNaN(v) ? '' : v);

export function PacerForm({
  draft,
  onChange,
  apiIssues = [],
  onApiIssues = () => undefined,
}: {
  draft: PacerDraft;
  onChange: (d: PacerDraft) => void;
  /** Field problems of the core's last refusal of these settings. */
  apiIssues?: readonly ValidationIssue[];
  onApiIssues?: (issues: ValidationIssue[]) => void;
}) {
  const { t, fmt } = useT();
  const display = useApp((s) => s.settings.display);
  const phase = useApp((s) => s.session.phase);
  const pacerOn = useApp((s) => s.pacer !== null);
  const { busy, run } = useAction();
  const set = (patch: Partial<PacerDraft>) => onChange({ ...draft, ...patch });
  const checked = checkDraft(draft);
  const byField = issuesOfForm(checked.ok ? apiIssues : checked.issues);
  const err = (field: string): string | null => {
    const i = byField.get(field);
    return i ? issueText(i, t, fmt) : null;
  };
  const apply = () => {
    if (!checked.ok) return;
    void run(() => sendPacerCall(() => api().setPacer(checked.value), onApiIssues));
  };

  return (
    <Card title={t('pacer.title')} testId="pacer-form">
      <div className="stack">
        <Field label={t('pacer.rate')} error={err('rateBpm')} errorTestId="pacer-rate-error">
          <div className="range-row">
            <input
              type="range"
              min={PACER_MIN_RATE_BPM}
              max={PACER_MAX_RATE_BPM}
              step={0.1}
              value={Number.isFinite(draft.rateBpm) ? Math.min(PACER_MAX_RATE_BPM, Math.max(PACER_MIN_RATE_BPM, draft.rateBpm)) : PACER_MIN_RATE_BPM}
              onChange={(e) => set({ rateBpm: Number(e.target.value) })}
              aria-label={t('pacer.rate')}
            />
            <input
              type="number"
              className="num"
              min={PACER_MIN_RATE_BPM}
              max={PACER_MAX_RATE_BPM}
              step={0.1}
              value={shown(draft.rateBpm)}
              onChange={(e) => set({ rateBpm: draftNumber(e.target.value) })}
              aria-invalid={err('rateBpm') !== null}
              data-testid="pacer-rate"
            />
          </div>
        </Field>
        <Field label={t('pacer.ratio')} error={err('inhaleFraction')} errorTestId="pacer-ratio-error">
          <Segmented label={t('pacer.ratio')} value={draft.inhaleFraction} options={RATIOS} onChange={(v) => set({ inhaleFraction: v })} />
        </Field>
        <div className="row3">
          <Field label={t('pacer.holdIn')} error={err('holdInSec')} errorTestId="pacer-hold-in-error">
            <input type="number" min={0} max={10} step={0.5} value={shown(draft.holdInSec)} onChange={(e) => set({ holdInSec: draftNumber(e.target.value) })} data-testid="pacer-hold-in" />
          </Field>
          <Field label={t('pacer.holdOut')} error={err('holdOutSec')} errorTestId="pacer-hold-out-error">
            <input type="number" min={0} max={10} step={0.5} value={shown(draft.holdOutSec)} onChange={(e) => set({ holdOutSec: draftNumber(e.target.value) })} data-testid="pacer-hold-out" />
          </Field>
          <Field label={t('pacer.duration')} error={err('durationMin')} errorTestId="pacer-duration-error">
            <input
              type="number"
              min={0}
              max={120}
              step={1}
              value={shown(draft.durationMin)}
              onChange={(e) => set({ durationMin: draftNumber(e.target.value) })}
              aria-invalid={err('durationMin') !== null}
              data-testid="pacer-duration"
            />
          </Field>
        </div>
        {err('holds') && (
          <p className="field-error" role="alert" data-testid="pacer-holds-error">
            {err('holds')}
          </p>
        )}
        <p className="small muted">
          {checked.ok && t('pacer.summary', { period: fmt.num(60 / draft.rateBpm, 1), ratio: RATIOS.find((r) => r.value === draft.inhaleFraction)?.label ?? '' })}
        </p>
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
          <button className="btn" disabled={busy || !checked.ok || phase === 'paused'} onClick={apply} data-testid="pacer-apply">
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
