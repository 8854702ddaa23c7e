/**
 * Who may see this client (issue 17, practice mode), in the client record's details: every
 * therapist of the practice, or only named ones. The practice owner restricts the client to
 * therapist roles and lifts it again; anyone else is told so in their language by the core (the
 * server decides). Nothing is shown when practice mode is off.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import type { ClientRestrictionView } from '../../../shared/ipc/practiceTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Notice } from '../client/recordUi.js';

const ROLE = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export function ClientRestriction({ clientId }: { clientId: number }) {
  const { t, locale } = useT();
  const [view, setView] = useState<ClientRestrictionView | null>(null);
  const [roles, setRoles] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const show = (v: ClientRestrictionView): void => {
    setView(v);
    setRoles((v.therapists ?? []).join(', '));
  };
  useEffect(() => {
    let live = true;
    setError(null);
    api()
      .getClientRestriction(clientId)
      .then((v) => live && show(v))
      .catch((e: unknown) => live && setError(errorText(locale, codedMessage(e))));
    return () => {
      live = false;
    };
  }, [clientId, locale]);

  if (view === null && error === null) return null;
  if (view !== null && !view.practice) return null;

  const send = async (therapists: string[]): Promise<void> => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      show(await api().restrictClient({ clientId, therapists }));
      setSaved(true);
    } catch (e) {
      setError(errorText(locale, codedMessage(e)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const names = [...new Set(roles.split(/[\s,;]+/).filter((r) => r.length > 0))];
    const bad = names.find((r) => !ROLE.test(r));
    if (bad !== undefined) return setError(t('practice.restrict.badRole', { role: bad.slice(0, 70) }));
    if (names.length === 0) return setError(t('practice.restrict.none'));
    void send(names);
  };

  const state =
    view === null
      ? null
      : !view.shared
        ? t('practice.restrict.notShared')
        : view.therapists === null
          ? t('practice.restrict.unknown')
          : view.therapists.length === 0
            ? t('practice.restrict.everyone')
            : t('practice.restrict.only', { therapists: view.therapists.join(', ') });
  return (
    <form className="rec-notes" onSubmit={submit} noValidate data-testid="restriction" data-restricted={view?.therapists?.length ? 'yes' : 'no'}>
      <span className="field-label">{t('practice.restrict.title')}</span>
      {state && <p data-testid="restriction-state">{state}</p>}
      {view?.mayRestrict && view.choices.length > 0 && <p className="muted">{t('practice.restrict.choices', { roles: view.choices.join(', ') })}</p>}
      {view !== null && view.shared && (
        <div className="buttons">
          <input
            value={roles}
            onChange={(e) => setRoles(e.target.value)}
            maxLength={2000}
            aria-label={t('practice.restrict.field')}
            placeholder={t('practice.restrict.field')}
            name="therapists"
            data-testid="restriction-input"
          />
          <button type="submit" className="btn small" disabled={busy} data-testid="restriction-apply">
            {t('practice.restrict.apply')}
          </button>
          <button type="button" className="btn small ghost" disabled={busy} onClick={() => void send([])} data-testid="restriction-lift">
            {t('practice.restrict.lift')}
          </button>
        </div>
      )}
      {error && (
        <Notice tone="bad" testId="restriction-error">
          {error}
        </Notice>
      )}
      {saved && !error && <Notice testId="restriction-saved">{t('practice.restrict.saved')}</Notice>}
    </form>
  );
}
