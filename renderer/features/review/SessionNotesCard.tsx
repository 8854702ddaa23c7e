/**
 * The saved session's own notes (not its markers), editable in the review. The core keeps the
 * previous text in the record history and logs the change (NEN 7513); problems (too long) come
 * back by field in the UI language and nothing is stored.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { FormIssues, invalid, Notice, useSave } from '../client/recordUi.js';

export function SessionNotesCard({ sessionId, notes, onSaved }: { sessionId: number; notes: string; onSaved: (notes: string) => void }) {
  const { t } = useT();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(notes);
  const [saved, setSaved] = useState(false);
  const s = useSave();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await s.save(() => api().updateSessionNotes(sessionId, text));
    if (r) {
      setEditing(false);
      setSaved(true);
      onSaved(r.notes);
    }
  };

  return (
    <Card
      title={t('review.notes.title')}
      testId="session-notes"
      actions={
        !editing && (
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setText(notes);
              setSaved(false);
              setEditing(true);
            }}
            data-testid="session-notes-edit"
          >
            {t('review.notes.edit')}
          </button>
        )
      }
    >
      {editing ? (
        <form onSubmit={(e) => void submit(e)}>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={4}
            name="session-notes"
            aria-label={t('review.notes.title')}
            aria-invalid={invalid(s.issues, 'notes')}
            data-testid="session-notes-text"
          />
          <FormIssues issues={s.issues} />
          <div className="buttons">
            <button type="submit" className="btn small primary" disabled={s.busy} data-testid="session-notes-save">
              {t('review.notes.save')}
            </button>
            <button type="button" className="btn small" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className={notes ? 'session-notes' : 'muted'} data-testid="session-notes-shown">
          {notes || t('review.notes.none')}
        </p>
      )}
      {saved && !editing && <Notice testId="session-notes-saved">{t('review.notes.saved')}</Notice>}
    </Card>
  );
}
