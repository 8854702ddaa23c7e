/**
 * The practice database set from the app (issue 17: "CADANS_PRACTICE_DB … or the same in the app's
 * settings"): a small panel beside the practice badge with the address (postgres://user@server/db,
 * no password: the core refuses one, in the user's language), kept in the settings next to the
 * database and used from the next start; it says when CADANS_PRACTICE_DB goes first.
 */
import { useState, type FormEvent } from 'react';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import type { PracticeSettingView } from '../../../shared/ipc/practiceTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { useApp } from '../../app/store.js';

function outcomeKey(v: PracticeSettingView): 'practice.setup.env' | 'practice.setup.restart' | 'practice.setup.inUse' {
  return v.overriddenByEnv ? 'practice.setup.env' : v.restartNeeded ? 'practice.setup.restart' : 'practice.setup.inUse';
}

export function PracticeSetup() {
  const { t, locale } = useT();
  const stored = useApp((s) => s.settings.practiceDb);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<PracticeSettingView | null>(null);

  const toggle = (): void => {
    setUrl(stored ?? '');
    setError(null);
    setOutcome(null);
    setOpen(!open);
  };
  const save = async (value: string | null): Promise<void> => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const v = await api().setPracticeServer(value);
      setUrl(v.practiceDb ?? '');
      setOutcome(v);
    } catch (e) {
      setError(errorText(locale, codedMessage(e)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void save(url.trim() === '' ? null : url.trim());
  };

  return (
    <div className="practice-setup-wrap">
      <button className="btn small ghost" onClick={toggle} title={t('practice.setupTitle')} aria-expanded={open} data-testid="practice-setup">
        {t('practice.setup')}
      </button>
      {open && (
        <form className="practice-setup card" onSubmit={submit} data-testid="practice-setup-panel">
          <label className="small">
            {t('practice.setup.field')}
            <input
              type="text"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              placeholder="postgres://anna@praktijkserver:5432/cadans"
              data-testid="practice-db-input"
            />
          </label>
          <div className="small muted">{t('practice.setup.hint')}</div>
          {error && (
            <div className="small tone-bad" role="alert" data-testid="practice-db-error">
              {error}
            </div>
          )}
          {outcome && (
            <div className="small tone-ok" data-testid="practice-db-saved" data-outcome={outcomeKey(outcome)}>
              {t(outcomeKey(outcome))}
            </div>
          )}
          <div className="row">
            <button className="btn small" type="submit" disabled={busy} data-testid="practice-db-save">
              {t('practice.setup.save')}
            </button>
            <button className="btn small ghost" type="button" disabled={busy} onClick={() => void save(null)} data-testid="practice-db-clear">
              {t('practice.setup.clear')}
            </button>
            <button className="btn small ghost" type="button" onClick={() => setOpen(false)} data-testid="practice-db-close">
              {t('practice.setup.close')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
