/** Create a client: name (required), date of birth and main complaint (optional). */
import { useState, type FormEvent } from 'react';
import { COMMON_COMPLAINTS } from '../../../shared/domain/types.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { reloadClients, setState } from '../../app/store.js';
import { Field } from '../../ui/Field.js';
import { useAction } from '../../ui/useAsync.js';
import { DateInput } from '../../ui/DateInput.js';

export function NewClientForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [dob, setDob] = useState('');
  const [complaint, setComplaint] = useState('');
  const { busy, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = await run(() =>
      api().createClient({ name: name.trim(), dateOfBirth: dob || null, complaint: complaint || null }),
    );
    if (!c) return;
    await reloadClients(api());
    setState({ selectedClientId: c.id });
    onDone();
  };

  return (
    <form className="stack" onSubmit={submit} data-testid="new-client-form">
      <Field label={t('client.name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus name="client-name" />
      </Field>
      <div className="row2">
        <Field label={t('client.dateOfBirth')}>
          <DateInput value={dob} onChange={(v) => setDob(v)} />
        </Field>
        <Field label={t('client.complaint')}>
          <select value={complaint} onChange={(e) => setComplaint(e.target.value)}>
            <option value="">–</option>
            {COMMON_COMPLAINTS.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.${c}` as StringKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={busy || name.trim() === ''}>
          {t('client.create')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
