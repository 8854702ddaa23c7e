/** The page: the therapist console (live, clients, review) or, at #/display, the client display. */
import { useEffect } from 'react';
import { ClientDisplay } from '../features/display/ClientDisplay.js';
import { GroupDisplay } from '../features/display/GroupDisplay.js';
import { GroupScreen } from '../features/group/GroupScreen.js';
import { ClientsScreen } from '../features/clients/ClientsScreen.js';
import { ClientRecordScreen } from '../features/client/ClientRecordScreen.js';
import { ReviewScreen } from '../features/review/ReviewScreen.js';
import { ResonanceScreen } from '../features/resonance/ResonanceScreen.js';
import { RunScreen } from '../features/run/RunScreen.js';
import { GroupRunScreen } from '../features/run/GroupRunScreen.js';
import { GroupRunDisplayTimer } from '../features/run/GroupRunDisplayTimer.js';
import { LiveScreen } from '../features/session/LiveScreen.js';
import { LockScreen } from '../features/lock/LockScreen.js';
import { useActivityReport } from '../features/lock/useActivityReport.js';
import { errorText } from '../../shared/i18n/CadansError.js';
import { useT } from './i18n.js';
import { useRoute } from './route.js';
import { setState, useApp } from './store.js';
import { TopBar } from './TopBar.js';

export function App() {
  const route = useRoute();
  const { t, locale } = useT();
  const error = useApp((s) => s.error);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = route.name === 'display' ? t('cd.windowTitle') : 'Cadans';
  }, [locale, route.name, t]);

  const locked = useApp((s) => s.lock?.locked ?? false);
  const grouped = useApp((s) => s.session.groupId !== null);
  const groupRun = useApp((s) => s.session.groupId !== null && s.session.type === 'run');
  useActivityReport(route.name !== 'display' && !locked);

  // The client display shows no records (pacer and the client's own wave only): it stays up while locked.
  if (route.name === 'display') return grouped ? <GroupDisplay top={groupRun ? <GroupRunDisplayTimer /> : undefined} /> : <ClientDisplay />;
  if (locked) return <LockScreen />;
  return (
    <div className="app">
      <TopBar route={route} />
      {error && (
        <div className="error-banner" role="alert" data-testid="error">
          <span>{errorText(locale, error)}</span>
          <button className="btn small ghost" onClick={() => setState({ error: null })}>
            {t('common.close')}
          </button>
        </div>
      )}
      {route.name === 'live' && <LiveScreen />}
      {route.name === 'clients' && <ClientsScreen clientId={route.clientId} />}
      {route.name === 'review' && <ReviewScreen sessionId={route.sessionId} />}
      {route.name === 'resonance' && <ResonanceScreen />}
      {route.name === 'run' && <RunScreen />}
      {route.name === 'grouprun' && <GroupRunScreen />}
      {route.name === 'group' && <GroupScreen />}
      {route.name === 'record' && <ClientRecordScreen clientId={route.clientId} tab={route.tab} />}
    </div>
  );
}
