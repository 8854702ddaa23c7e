/** The optional "group coherence" ring of the group display: the share of the group in medium or high coherence, as a calm arc. */
import { useT } from '../../app/i18n.js';

export function CoherenceRing({ share }: { share: number | null }) {
  const { t } = useT();
  const r = 42;
  const c = 2 * Math.PI * r;
  const f = share ?? 0;
  return (
    <div className="gd-ring" data-testid="gd-ring" data-share={share === null ? '' : f.toFixed(2)}>
      <svg viewBox="0 0 100 100" aria-hidden="true">
        <circle cx="50" cy="50" r={r} className="gd-ring-track" />
        {f > 0 && <circle cx="50" cy="50" r={r} className="gd-ring-fill" strokeDasharray={`${f * c} ${c}`} transform="rotate(-90 50 50)" />}
      </svg>
      <span className="gd-ring-label">{t('gd.together')}</span>
    </div>
  );
}
