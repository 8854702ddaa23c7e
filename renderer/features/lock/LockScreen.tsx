/** The console's lock screen: no client data, a note that a recording goes on, and the way back in. */
import { useState } from 'react';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';

export function LockScreen() {
  const { t } = useT();
  const needsPassphrase = useApp((s) => s.lock?.needsPassphrase ?? false);
  const recording = useApp((s) => s.session.phase !== 'idle');
  const [passphrase, setPassphrase] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const unlock = async (): Promise<void> => {
    setBusy(true);
    try {
      await api().unlockConsole(needsPassphrase ? passphrase : null);
      setPassphrase('');
      setWrong(false);
    } catch {
      setWrong(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="lock-screen" data-testid="lock-screen">
      <form
        className="card lock-card"
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <h1>{t('lock.title')}</h1>
        <p>{t('lock.text')}</p>
        {recording && (
          <p className="badge badge-ok" data-testid="lock-recording">
            {t('lock.recording')}
          </p>
        )}
        {needsPassphrase && (
          <label className="field">
            <span className="field-label">{t('lock.passphrase')}</span>
            <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="lock-passphrase" autoFocus />
          </label>
        )}
        {wrong && (
          <p className="error-text" role="alert" data-testid="lock-wrong">
            {t('lock.wrong')}
          </p>
        )}
        <button className="btn primary" type="submit" disabled={busy} data-testid="lock-unlock">
          {t('lock.unlock')}
        </button>
      </form>
    </main>
  );
}
