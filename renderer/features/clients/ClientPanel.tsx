/** Console panel: pick the client of the session, or create a new one. */
import { useState } from 'react';
import { useT } from '../../app/i18n.js';
import { setState, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { NewClientForm } from './NewClientForm.js';

export function ClientPanel() {
  const { t } = useT();
  const clients = useApp((s) => s.clients);
  const selected = useApp((s) => s.selectedClientId);
  const locked = useApp((s) => s.session.phase !== 'idle');
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t('client.title')}
      testId="client-panel"
      actions={
        !creating && !locked ? (
          <button className="btn small" onClick={() => setCreating(true)} data-testid="new-client">
            {t('client.new')}
          </button>
        ) : null
      }
    >
      {creating ? (
        <NewClientForm onDone={() => setCreating(false)} />
      ) : clients.length === 0 ? (
        <p className="muted">{t('client.none')}</p>
      ) : (
        <select
          className="wide"
          value={selected ?? ''}
          disabled={locked}
          onChange={(e) => setState({ selectedClientId: Number(e.target.value) })}
          aria-label={t('client.title')}
          data-testid="client-select"
        >
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Card>
  );
}
