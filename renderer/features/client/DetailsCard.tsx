/** The client's details: shown, and changed in place (validated like a new client; nothing stored when refused). */
import { useState, type FormEvent } from 'react';
import { COMMON_COMPLAINTS, type Client } from '../../../shared/domain/types.js';
import { validateClient } from '../../../shared/domain/validateClient.js';
import { api } from '../../app/api.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { reloadClients } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { FormIssues, invalid, Notice, useSave } from './recordUi.js';
import { todayIso } from './recordDates.js';
import { DateInput } from '../../ui/DateInput.js';
import { ClientRestriction } from '../practice/ClientRestriction.js';

export function DetailsCard({ client }: { client: Client }) {
  const { t, fmt } = useT();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const complaint = client.complaint ? (hasKey(`complaint.${client.complaint}`) ? t(`complaint.${client.complaint}` as StringKey) : client.complaint) : '–';
  const edit = (): void => {
    setEditing(true);
    setSaved(false);
  };
  const done = (ok: boolean): void => {
    setEditing(false);
    setSaved(ok);
  };
  const rows: [string, string][] = [
    [t('field.name'), client.name],
    [t('field.dateOfBirth'), client.dateOfBirth ? fmt.date(client.dateOfBirth) : '–'],
    [t('field.complaint'), complaint],
    [t('field.referralSource'), client.referralSource ?? '–'],
    [t('field.nickname'), client.nickname ?? '–'],
    [t('rec.details.since'), fmt.date(client.createdAt)],
  ];
  return (
    <Card
      title={t('rec.details.title')}
      testId="details-card"
      actions={
        !editing && (
          <button className="btn small" onClick={edit} data-testid="edit-details">
            {t('rec.edit')}
          </button>
        )
      }
    >
      {editing ? (
        <DetailsForm client={client} onDone={done} />
      ) : (
        <>
          <dl className="rec-facts">
            {rows.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <div className="rec-notes">
            <span className="field-label">{t('field.notes')}</span>
            <p className={client.notes ? 'rec-pre' : 'muted'}>{client.notes || t('rec.details.noNotes')}</p>
          </div>
          {saved && <Notice>{t('rec.saved')}</Notice>}
          <ClientRestriction clientId={client.id} />
        </>
      )}
    </Card>
  );
}

function DetailsForm({ client, onDone }: { client: Client; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const [name, setName] = useState(client.name);
  const [dob, setDob] = useState(client.dateOfBirth ?? '');
  const [complaint, setComplaint] = useState(client.complaint ?? '');
  const [referral, setReferral] = useState(client.referralSource ?? '');
  const [notes, setNotes] = useState(client.notes);
  const [nickname, setNickname] = useState(client.nickname ?? '');
  const s = useSave();
  const known = (COMMON_COMPLAINTS as readonly string[]).includes(complaint) || complaint === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch = { name, dateOfBirth: dob || null, complaint: complaint || null, referralSource: referral || null, notes, nickname: nickname || null };
    const local = validateClient(patch, new Date(), true);
    if (!local.ok) return s.setIssues(local.issues);
    const c = await s.save(() => api().updateClient(client.id, patch));
    if (!c) return;
    await reloadClients(api());
    onDone(true);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="details-form">
      <Field label={t('field.name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} aria-invalid={invalid(s.issues, 'name')} name="name" />
      </Field>
      <div className="row2">
        <Field label={t('field.dateOfBirth')}>
          <DateInput value={dob} max={todayIso()} onChange={(v) => setDob(v)} aria-invalid={invalid(s.issues, 'dateOfBirth')} name="dateOfBirth" />
        </Field>
        <Field label={t('field.complaint')}>
          <select value={complaint} onChange={(e) => setComplaint(e.target.value)} name="complaint">
            <option value="">–</option>
            {!known && <option value={complaint}>{complaint}</option>}
            {COMMON_COMPLAINTS.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.${c}` as StringKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('field.referralSource')}>
        <input value={referral} onChange={(e) => setReferral(e.target.value)} maxLength={500} placeholder={t('rec.details.referralHint')} name="referralSource" />
      </Field>
      <Field label={t('field.nickname')}>
        <input value={nickname} onChange={(e) => setNickname(e.target.value)} maxLength={40} placeholder={t('rec.details.nicknameHint')} aria-invalid={invalid(s.issues, 'nickname')} name="nickname" />
      </Field>
      <Field label={t('field.notes')}>
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={4} name="notes" />
      </Field>
      <FormIssues issues={s.issues} />
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={s.busy}>
          {t('rec.save')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
