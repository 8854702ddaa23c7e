/**
 * Signal quality of the channel on screen: a bar (0–100 %), the problems found in the last second
 * and the ear-clip placement hint that fixes them.
 */
import type { QualityEvent } from '../../../shared/ipc/apiTypes.js';
import { hasKey, useT } from '../../app/i18n.js';

/** Is the signal too poor to trust the scores? */
export function qualityIsBad(q: QualityEvent | undefined): boolean {
  if (!q) return false;
  return q.qualityPct < 50 || q.flags.some((f) => f === 'no-signal' || f === 'flat' || f === 'no-contact' || f === 'clipping' || f === 'motion');
}

export function QualityIndicator({ q }: { q: QualityEvent | undefined }) {
  const { t, fmt } = useT();
  if (!q) return <p className="muted small">{t('quality.waiting')}</p>;
  const pct = Math.max(0, Math.min(100, q.qualityPct));
  const tone = pct >= 75 && !qualityIsBad(q) ? 'ok' : pct >= 50 ? 'warn' : 'bad';
  const hintKey = q.hint ? `hint.${q.hint}` : null;
  return (
    <div className="quality" data-testid="quality" data-quality={tone}>
      <div className="quality-row">
        <span className="field-label">{t('quality.title')}</span>
        <span className={`quality-value tone-${tone}`}>{fmt.num(pct)} %</span>
      </div>
      <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className={`meter-fill tone-${tone}`} style={{ width: `${pct}%` }} />
      </div>
      {q.flags.length > 0 && (
        <p className="small">{q.flags.map((f) => t(`flag.${f}`)).join(' · ')}</p>
      )}
      {hintKey && hasKey(hintKey) && <p className="hint" data-testid="quality-hint">{t(hintKey)}</p>}
    </div>
  );
}
