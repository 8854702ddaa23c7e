/**
 * Markers and notes of a saved session: jump to one, correct its time, kind or note, or delete it
 * (after a confirmation). The core keeps the old version in the record history and logs the change.
 */
import { useState, type FormEvent } from 'react';
import type { Marker } from '../../../shared/domain/types.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { ConfirmDelete, FormIssues, invalid, useSave } from '../client/recordUi.js';
import { runMarkerText } from '../run/runMarkerText.js';

export function MarkerList({ markers, onJump, onChanged }: { markers: Marker[]; onJump: (tSec: number) => void; onChanged: () => Promise<void> }) {
  const { t, fmt } = useT();
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <Card title={t('rec.marker.title')} testId="marker-list">
      <ul className="markers">
        {markers.map((m) =>
          editing === m.id ? (
            <li key={m.id}>
              <MarkerForm
                marker={m}
                onDone={async (saved) => {
                  setEditing(null);
                  if (saved) await onChanged();
                }}
              />
            </li>
          ) : (
            <li key={m.id} data-testid="marker">
              <button className="link mono" onClick={() => onJump(m.tSec)}>
                {fmt.duration(m.tSec)}
              </button>{' '}
              {runMarkerText(m, t) ?? (m.note || m.kind)}{' '}
              <span className="rec-row-actions">
                <button type="button" className="btn small" onClick={() => setEditing(m.id)} data-testid="marker-edit">
                  {t('rec.edit')}
                </button>
                <ConfirmDelete
                  testId="marker-delete"
                  onDelete={async () => {
                    await api().deleteMarker(m.id);
                    await onChanged();
                  }}
                />
              </span>
            </li>
          ),
        )}
      </ul>
    </Card>
  );
}

function MarkerForm({ marker, onDone }: { marker: Marker; onDone: (saved: boolean) => Promise<void> }) {
  const { t } = useT();
  const [tSec, setTSec] = useState(String(marker.tSec));
  const [kind, setKind] = useState(marker.kind);
  const [note, setNote] = useState(marker.note);
  const s = useSave();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(tSec.replace(',', '.'));
    const patch = { tSec: Number.isFinite(n) ? n : -1, kind, note };
    if (await s.save(() => api().updateMarker(marker.id, patch))) await onDone(true);
  };
  return (
    <form className="stack rec-subform" onSubmit={(e) => void submit(e)} noValidate data-testid="marker-form">
      <div className="row2">
        <label className="field">
          <span className="field-label">{t('rec.marker.time')}</span>
          <input type="number" min={0} step={0.1} value={tSec} onChange={(e) => setTSec(e.target.value)} aria-invalid={invalid(s.issues, 'tSec')} />
        </label>
        <label className="field">
          <span className="field-label">{t('rec.marker.kind')}</span>
          <input type="text" maxLength={100} value={kind} onChange={(e) => setKind(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('rec.marker.note')}</span>
        <textarea rows={2} maxLength={10_000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="marker-note" />
      </label>
      <FormIssues issues={s.issues} />
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={s.busy} data-testid="marker-save">
          {t('rec.saveChanges')}
        </button>
        <button type="button" className="btn" onClick={() => void onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
