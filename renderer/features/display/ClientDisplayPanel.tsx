/** Console panel: open the client display and choose what it shows. */
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';

/** `group`: also the group display's choices (the group coherence ring, names instead of initials). */
export function ClientDisplayPanel({ group = false }: { group?: boolean }) {
  const { t } = useT();
  const display = useApp((s) => s.settings.display);
  const { busy, run } = useAction();
  const open = () =>
    void run(async () => {
      const target = await api().openClientDisplay();
      if (!target.opened && target.url) window.open(target.url, 'cadans-client-display', 'noopener');
    });
  return (
    <Card title={t('cd.title')} testId="client-display-panel">
      <div className="stack">
        <button className="btn" onClick={open} disabled={busy} data-testid="open-client-display">
          {t('cd.open')}
        </button>
        <label className="check">
          <input type="checkbox" checked={display.clientShowsHeartRate} onChange={(e) => void run(() => api().setDisplaySettings({ clientShowsHeartRate: e.target.checked }))} />
          {t('cd.showWave')}
        </label>
        <label className="check">
          <input type="checkbox" checked={display.clientShowsNumbers} onChange={(e) => void run(() => api().setDisplaySettings({ clientShowsNumbers: e.target.checked }))} />
          {t('cd.showNumbers')}
        </label>
        {group && (
          <>
            <label className="check">
              <input type="checkbox" checked={display.groupCoherenceRing} onChange={(e) => void run(() => api().setDisplaySettings({ groupCoherenceRing: e.target.checked }))} data-testid="group-ring-toggle" />
              {t('cd.groupRing')}
            </label>
            <label className="check">
              <input type="checkbox" checked={display.groupShowsNames} onChange={(e) => void run(() => api().setDisplaySettings({ groupShowsNames: e.target.checked }))} data-testid="group-names-toggle" />
              {t('cd.groupNames')}
            </label>
          </>
        )}
      </div>
    </Card>
  );
}
