/** The console's note on the pacer preset from the client's resonance assessment (with "use" when the rate was changed by hand). */
import type { ResonanceRateView } from '../../../shared/ipc/resonanceTypes.js';
import { useT } from '../../app/i18n.js';
import './resonance.css';

export function ResonancePresetNote({ preset, rateBpm, onUse }: { preset: ResonanceRateView | null; rateBpm: number; onUse: (rateBpm: number) => void }) {
  const { t, fmt } = useT();
  if (!preset) return null;
  const inUse = Math.abs(rateBpm - preset.rateBpm) < 1e-6;
  const rate = fmt.num(preset.rateBpm, 1);
  const date = fmt.date(preset.startedAt);
  return (
    <div className="res-preset" data-testid="resonance-preset" data-in-use={inUse ? 'yes' : 'no'} data-rate={preset.rateBpm}>
      <span>
        {inUse ? t('resonance.preset', { rate, date }) : t('resonance.presetAvailable', { rate, date })}{' '}
        <span className="muted">{t(preset.source === 'override' ? 'resonance.preset.override' : 'resonance.preset.recommendation')}</span>
        {preset.flags.includes('too-close-to-call') && <span className="tone-warn"> {t('resonance.presetTooClose')}</span>}
      </span>
      {!inUse && (
        <button className="btn small" onClick={() => onUse(preset.rateBpm)} data-testid="resonance-preset-use">
          {t('resonance.presetUse')}
        </button>
      )}
    </div>
  );
}
