/**
 * One client's tile on the group display: their initials (or name, when the therapist shows names),
 * their own heart-rate wave (drawn from their live buffers on animation frames) and their coherence
 * as a calm colour — no clinical numbers. When their clip is off (or their sensor went away) only
 * this tile says so, with the ear-clip hint.
 */
import { memo } from 'react';
import type { CoherenceLevel } from '../../../shared/dsp/types.js';
import type { QualityEvent } from '../../../shared/ipc/apiTypes.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import type { LiveData } from '../../charts/LiveData.js';
import { TachogramChart } from '../../charts/TachogramChart.js';
import { qualityIsBad } from '../sensors/QualityIndicator.js';

/** The hint a tile shows, or null when its signal is fine. */
export function tileHint(q: QualityEvent | undefined, ended: boolean): StringKey | null {
  if (ended) return 'gd.sensorGone';
  if (!q || !qualityIsBad(q)) return null;
  const key = q.hint ? `hint.${q.hint}` : '';
  if (hasKey(key)) return key;
  return q.contact === 'off' || q.flags.includes('no-contact') ? 'hint.clip-off' : 'gd.checkClip';
}

/** The tile's colours, stacked and cross-faded by opacity (group.css). */
const BACKGROUNDS = ['none', 'medium', 'high', 'trouble'] as const;

/** Memoised: the group display re-renders a tile only when one of these props changed. */
export const GroupTile = memo(function GroupTile({
  index,
  label,
  level,
  data,
  hint,
  showWave,
}: {
  index: number;
  label: string;
  level: CoherenceLevel | null;
  data: LiveData | undefined;
  /** The hint to show (`tileHint`), or null when the signal is fine. */
  hint: StringKey | null;
  showWave: boolean;
}) {
  const { t, locale } = useT();
  return (
    <div className={`gd-tile tile-${level ?? 'none'}${hint ? ' gd-tile-trouble' : ''}`} data-testid="gd-tile" data-index={index} data-level={level ?? 'none'} data-trouble={hint ? 'yes' : 'no'}>
      {BACKGROUNDS.map((b) => (
        <div key={b} className={`gd-bg gd-bg-${b}`} aria-hidden="true" />
      ))}
      <div className="gd-label" data-testid={`gd-label-${index}`}>
        {label}
      </div>
      {showWave && data && (
        <div className="gd-wave">
          <TachogramChart key={locale} calm windowSec={60} bpmLabel={t('unit.bpm')} data={data} />
        </div>
      )}
      <div className="gd-state">{hint ? <span className="gd-hint" data-testid={`gd-hint-${index}`}>{t(hint)}</span> : <span className="gd-level">{t(`gd.level.${level ?? 'none'}`)}</span>}</div>
    </div>
  );
});
