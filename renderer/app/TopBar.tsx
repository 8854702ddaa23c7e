/** The console's top bar: name, navigation, the simulator label, the connection to the core, practice mode, the lock and the language switch. */
import type { Locale } from '../../shared/ipc/apiTypes.js';
import { api } from './api.js';
import { useT } from './i18n.js';
import { navigate, type Route } from './route.js';
import { showError, useApp } from './store.js';
import { LockControls } from '../features/lock/LockControls.js';
import { PracticeStatus } from '../features/practice/PracticeStatus.js';

export function TopBar({ route }: { route: Route }) {
  const { t, locale } = useT();
  const link = useApp((s) => s.link);
  const simulated = useApp((s) => s.channels.some((c) => c.simulated));
  const phase = useApp((s) => s.session.phase);
  const selectedClientId = useApp((s) => s.selectedClientId);
  const setLocale = (l: Locale) => void api().setLocale(l).catch(showError);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Cadans
      </div>
      <nav className="nav">
        <button className={route.name === 'live' ? 'nav-item on' : 'nav-item'} onClick={() => navigate('#/live')} data-testid="nav-live">
          {t('nav.live')}
          {phase !== 'idle' && <span className="rec-dot" title={t(`session.phase.${phase}`)} />}
        </button>
        <button className={route.name === 'group' ? 'nav-item on' : 'nav-item'} onClick={() => navigate('#/group')} data-testid="nav-group">
          {t('nav.group')}
        </button>
        <button className={route.name === 'resonance' ? 'nav-item on' : 'nav-item'} onClick={() => navigate('#/resonance')} data-testid="nav-resonance">
          {t('nav.resonance')}
        </button>
        <button className={route.name === 'run' || route.name === 'grouprun' ? 'nav-item on' : 'nav-item'} onClick={() => navigate('#/run')} data-testid="nav-run">
          {t('nav.run')}
        </button>
        <button className={route.name === 'clients' ? 'nav-item on' : 'nav-item'} onClick={() => navigate('#/clients')} data-testid="nav-clients">
          {t('nav.clients')}
        </button>
        <button className={route.name === 'record' ? 'nav-item on' : 'nav-item'} onClick={() => navigate(selectedClientId ? `#/client/${selectedClientId}` : '#/client')} data-testid="nav-record">
          {t('nav.record')}
        </button>
      </nav>
      <div className="topbar-right">
        {simulated && (
          <span className="badge badge-sim" data-testid="sim-label" title={t('sensor.simLabel')}>
            {t('sensor.simulatedBanner')}
          </span>
        )}
        {link !== 'open' && <span className="badge badge-bad">{t(`link.${link}`)}</span>}
        <PracticeStatus />
        <LockControls />
        <div className="lang" role="group" aria-label={t('nav.language')}>
          {(['nl', 'en'] as const).map((l) => (
            <button key={l} className={l === locale ? 'lang-btn on' : 'lang-btn'} onClick={() => setLocale(l)} data-testid={`lang-${l}`} aria-pressed={l === locale}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
