/**
 * The protocol panel of the guided screen: stepped or sliding; for the stepped protocol the rates
 * (in run order), step length, settling time and rest between steps; the inhale:exhale ratio;
 * the estimated total duration; and start. While a run goes on: stop now (the finished steps are
 * evaluated) or cancel (nothing stored).
 */
import type { ResonanceRunView } from '../../../shared/ipc/resonanceTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { reloadClients, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { Segmented } from '../../ui/Segmented.js';
import { useAction } from '../../ui/useAsync.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { draftDurationSec, draftProblems, draftToSettings, type ResonanceDraft } from './resonanceDraft.js';
import { setResonanceRun } from './resonanceStore.js';

const RATIOS = [
  { value: 0.5, label: '50:50' },
  { value: 0.45, label: '45:55' },
  { value: 0.4, label: '40:60' },
  { value: 1 / 3, label: '1:2' },
] as const;

export function ResonanceSetupCard({ draft, onChange, run }: { draft: ResonanceDraft; onChange: (d: ResonanceDraft) => void; run: ResonanceRunView | null }) {
  const { t, fmt, locale } = useT();
  const clientId = useApp((s) => s.selectedClientId);
  const connected = useApp((s) => s.channels.some((c) => c.state === 'connected'));
  const sessionBusy = useApp((s) => s.session.phase !== 'idle');
  const { busy, run: act } = useAction();
  const running = run?.status === 'running';
  const set = (patch: Partial<ResonanceDraft>) => onChange({ ...draft, ...patch });
  const settings = draftToSettings(draft);
  const total = draftDurationSec(draft);
  const stepped = draft.variant === 'stepped';

  const start = () =>
    void act(async () => {
      if (clientId === null || !settings) return;
      setResonanceRun(await api().startResonance({ clientId, variant: draft.variant, settings }));
    });
  const end = (how: 'stop' | 'cancel') =>
    void act(async () => {
      setResonanceRun(how === 'stop' ? await api().stopResonance() : await api().cancelResonance());
      await reloadClients(api());
    });

  const num = (v: string): number => (v.trim() === '' ? NaN : Number(v));
  return (
    <Card title={t('resonance.setup')} testId="resonance-setup">
      <div className="stack">
        <Field label={t('resonance.variant')}>
          <Segmented
            label={t('resonance.variant')}
            value={draft.variant}
            options={[
              { value: 'stepped', label: t('resonance.variant.stepped') },
              { value: 'sliding', label: t('resonance.variant.sliding') },
            ]}
            onChange={(v) => !running && set({ variant: v })}
            testId="resonance-variant"
          />
        </Field>
        <p className="small muted">{t(stepped ? 'resonance.variantHint.stepped' : 'resonance.variantHint.sliding')}</p>
        {stepped && (
          <Field label={t('resonance.rates')} hint={t('resonance.ratesHint')}>
            <input value={draft.ratesText} disabled={running} onChange={(e) => set({ ratesText: e.target.value })} data-testid="resonance-rates" />
          </Field>
        )}
        <div className="row3">
          {stepped && (
            <Field label={t('resonance.stepSec')}>
              <input type="number" min={30} max={600} step={10} disabled={running} value={Number.isFinite(draft.stepSec) ? draft.stepSec : ''} onChange={(e) => set({ stepSec: num(e.target.value) })} data-testid="resonance-step-sec" />
            </Field>
          )}
          <Field label={t('resonance.settleSec')}>
            <input type="number" min={0} max={120} step={5} disabled={running} value={Number.isFinite(draft.settleSec) ? draft.settleSec : ''} onChange={(e) => set({ settleSec: num(e.target.value) })} data-testid="resonance-settle-sec" />
          </Field>
          {stepped && (
            <Field label={t('resonance.restSec')}>
              <input type="number" min={0} max={300} step={5} disabled={running} value={Number.isFinite(draft.restSec) ? draft.restSec : ''} onChange={(e) => set({ restSec: num(e.target.value) })} data-testid="resonance-rest-sec" />
            </Field>
          )}
        </div>
        <Field label={t('pacer.ratio')}>
          <Segmented label={t('pacer.ratio')} value={draft.inhaleFraction} options={RATIOS} onChange={(v) => !running && set({ inhaleFraction: v })} />
        </Field>
        {settings && total !== null ? (
          <p className="small muted" data-testid="resonance-total">
            {t('resonance.total', { duration: fmt.duration(total) })}
          </p>
        ) : (
          <div data-testid="resonance-invalid">
            <p className="small tone-bad">{t('resonance.invalid')}</p>
            {/* The rules actually broken, in the therapist's language. */}
            {draftProblems(draft).map((p, i) => (
              <p key={i} className="small tone-bad" data-testid="resonance-problem">
                {errorText(locale, { ...p, message: '' })}
              </p>
            ))}
          </div>
        )}
        {running ? (
          <div className="buttons">
            <button className="btn" disabled={busy} onClick={() => end('stop')} data-testid="resonance-stop">
              {t('resonance.stop')}
            </button>
            <button className="btn danger" disabled={busy} onClick={() => end('cancel')} data-testid="resonance-cancel">
              {t('resonance.cancel')}
            </button>
          </div>
        ) : (
          <>
            <button className="btn primary big" disabled={busy || clientId === null || !connected || sessionBusy || !settings} onClick={start} data-testid="resonance-start">
              {t('resonance.start')}
            </button>
            {clientId === null && <p className="small muted">{t('session.needClient')}</p>}
            {clientId !== null && !connected && <p className="small muted">{t('session.needSensor')}</p>}
            {sessionBusy && <p className="small muted">{t('resonance.busySession')}</p>}
          </>
        )}
      </div>
    </Card>
  );
}
