/** Top-bar controls of the console lock: lock now, and after how many idle minutes it locks by itself. */
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError, useApp } from '../../app/store.js';

const CHOICES = [0, 5, 10, 15, 30, 60] as const;

export function LockControls() {
  const { t } = useT();
  const after = useApp((s) => s.lock?.lockAfterMin ?? s.settings.lockAfterMin);
  const choices = CHOICES.includes(after as (typeof CHOICES)[number]) ? CHOICES : [...CHOICES, after].sort((a, b) => a - b);
  return (
    <div className="lock-controls">
      <select
        className="small"
        aria-label={t('lock.after')}
        title={t('lock.after')}
        value={after}
        onChange={(e) => void api().setLockAfter(Number(e.target.value)).catch(showError)}
        data-testid="lock-after"
      >
        {choices.map((m) => (
          <option key={m} value={m}>
            {m === 0 ? t('lock.afterNever') : t('lock.afterMin', { n: m })}
          </option>
        ))}
      </select>
      <button className="btn small ghost" onClick={() => void api().lockConsole().catch(showError)} title={t('lock.buttonTitle')} data-testid="lock-now">
        {t('lock.button')}
      </button>
    </div>
  );
}
