/**
 * The recommendation of an assessment: the rate (or the therapist's choice next to it), its
 * flags, the reason in the UI language (re-rendered from the stored message parts), the ranking,
 * and the override control. Shown at the end of a run on the guided screen and for a stored
 * resonance session in the client's history.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { resonanceReasonText } from '../../../shared/dsp/resonance/resonanceMessages.js';
import type { ResonanceAssessment, ResonanceOverride, SlidingAssessment } from '../../../shared/dsp/resonance/types.js';
import { PACER_MAX_RATE_BPM, PACER_MIN_RATE_BPM } from '../../../shared/pacer/pacerSettings.js';
import { parseDecimal } from '../../../shared/text/parseDecimal.js';
import { api } from '../../app/api.js';
import { hasKey, useT } from '../../app/i18n.js';
import { Badge } from '../../ui/Badge.js';
import { useAction } from '../../ui/useAsync.js';

export interface ResonanceResultProps {
  sessionId: number;
  assessment: ResonanceAssessment | SlidingAssessment;
  override: ResonanceOverride | null;
  /** Stored as a complete session (only then is the rate the client's default). */
  complete: boolean;
  clientName: string | null;
  /** After the override changed (the caller reloads what it shows). */
  onChanged?: () => void;
}

export function ResonanceResult({ sessionId, assessment, override, complete, clientName, onChanged }: ResonanceResultProps) {
  const { t, fmt, locale } = useT();
  const rec = assessment.recommendation;
  const reason = Array.isArray(rec.reasonParts) && rec.reasonParts.length > 0 ? resonanceReasonText(rec.reasonParts)[locale] : (rec.reason?.[locale] ?? '');
  const shown = override?.rateBpm ?? rec.rateBpm;
  // The rate as typed, in the UI's number format (5,5 in Dutch); both 5,5 and 5.5 are accepted.
  const rateText = (v: number): string => fmt.num(v, v * 10 === Math.round(v * 10) ? 1 : 2);
  const [text, setText] = useState<string>(rateText(shown ?? 6));
  const [note, setNote] = useState(override?.note ?? '');
  const { busy, run } = useAction();
  useEffect(() => {
    setText(rateText(override?.rateBpm ?? rec.rateBpm ?? 6));
    setNote(override?.note ?? '');
  }, [override?.rateBpm, override?.note, rec.rateBpm, locale]);
  const rate = parseDecimal(text) ?? Number.NaN;

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api().setResonanceOverride({ sessionId, rateBpm: Math.round(rate * 100) / 100, note });
      onChanged?.();
    });
  };
  const clear = () =>
    void run(async () => {
      await api().setResonanceOverride({ sessionId, rateBpm: null });
      onChanged?.();
    });
  const rateOk = Number.isFinite(rate) && rate >= PACER_MIN_RATE_BPM && rate <= PACER_MAX_RATE_BPM;

  return (
    <div className="res-result" data-testid="resonance-result">
      <div className="res-result-main">
        <div>
          <div className="small muted">{t('resonance.recommended')}</div>
          <div className="res-rate-big" data-testid="resonance-recommended" data-rate={shown ?? ''}>
            {shown === null ? t('resonance.noRecommendation') : fmt.num(shown, shown * 10 === Math.round(shown * 10) ? 1 : 2)}
            {shown !== null && <span className="unit"> {t('resonance.perMin')}</span>}
          </div>
          {override && (
            <div className="small" data-testid="resonance-overridden">
              {t('resonance.overridden', { rate: fmt.num(override.rateBpm, 1), advice: rec.rateBpm === null ? '–' : fmt.num(rec.rateBpm, 1) })}
              {override.note ? ` — ${override.note}` : ''}
            </div>
          )}
        </div>
        <div className="res-flags" data-testid="resonance-flags">
          {rec.flags.map((f) => (
            <Badge key={f} tone={f === 'signal-too-poor' ? 'bad' : 'warn'} testId={`resonance-flag-${f}`}>
              {hasKey(`resonance.flag.${f}`) ? t(`resonance.flag.${f}`) : f}
            </Badge>
          ))}
        </div>
      </div>
      {reason && (
        <p className="res-reason" data-testid="resonance-reason">
          {reason}
        </p>
      )}
      {rec.ranking.length > 0 && (
        <p className="small muted" data-testid="resonance-ranking">
          {t('resonance.ranking')}:{' '}
          {rec.ranking.map((r) => `${r.rank}. ${fmt.num(r.rateBpm, r.rateBpm * 10 === Math.round(r.rateBpm * 10) ? 1 : 2)} (${fmt.num(r.score, 0)})`).join(' · ')}
        </p>
      )}
      {assessment.kind === 'sliding' && (
        <p className="small muted" data-testid="resonance-sliding-usable">
          {t('resonance.sliding.usable', { n: assessment.usableBreaths, total: assessment.breaths.length })}
        </p>
      )}
      {complete ? (
        shown !== null && clientName && <p className="small tone-ok">{t('resonance.defaultNote', { name: clientName })}</p>
      ) : (
        <p className="small tone-warn">{t('resonance.status.interrupted')}</p>
      )}
      <form className="res-override" onSubmit={save} data-testid="resonance-override">
        <span className="field-label">{t('resonance.override')}</span>
        <div className="res-override-row">
          <input
            type="text"
            inputMode="decimal"
            className="num res-override-rate"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label={t('resonance.overrideRate')}
            aria-invalid={!rateOk}
            title={rateOk ? undefined : t('resonance.overrideInvalid', { min: fmt.num(PACER_MIN_RATE_BPM, 0), max: fmt.num(PACER_MAX_RATE_BPM, 0) })}
            data-testid="resonance-override-rate"
          />
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('resonance.overrideNote')} maxLength={500} data-testid="resonance-override-note" />
          <button className="btn" type="submit" disabled={busy || !rateOk} data-testid="resonance-override-save">
            {t('resonance.overrideSave')}
          </button>
          {override && (
            <button className="btn ghost" type="button" disabled={busy} onClick={clear} data-testid="resonance-override-clear">
              {t('resonance.overrideClear')}
            </button>
          )}
        </div>
        {!rateOk && (
          <span className="field-hint tone-warn" data-testid="resonance-override-invalid">
            {t('resonance.overrideInvalid', { min: fmt.num(PACER_MIN_RATE_BPM, 0), max: fmt.num(PACER_MAX_RATE_BPM, 0) })}
          </span>
        )}
      </form>
    </div>
  );
}
