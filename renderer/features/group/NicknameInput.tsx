/**
 * The nickname of a participant in the group set-up (issue 14): what the group display shows
 * instead of their initials. Stored in the client's record when the field is left (or Enter),
 * validated like the record's details form; a refusal is shown under the row and nothing is stored.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ClientListItem } from '../../../shared/domain/types.js';
import { validateClient } from '../../../shared/domain/validateClient.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { reloadClients } from '../../app/store.js';
import { issueText } from '../client/issueText.js';
import { useSave } from '../client/recordUi.js';

export function NicknameInput({ index, client }: { index: number; client: ClientListItem }) {
  const { t, fmt } = useT();
  const [value, setValue] = useState(client.nickname ?? '');
  const s = useSave();
  // Another client picked in this row, or the nickname changed elsewhere: show the stored one.
  useEffect(() => setValue(client.nickname ?? ''), [client.id, client.nickname]);

  const store = async (): Promise<void> => {
    const nickname = value.trim() === '' ? null : value;
    if ((nickname?.trim() ?? null) === client.nickname) return s.setIssues([]);
    const local = validateClient({ nickname }, new Date(), true);
    if (!local.ok) return s.setIssues(local.issues);
    const c = await s.save(() => api().updateClient(client.id, { nickname }));
    if (c) await reloadClients(api());
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void store();
    }
  };
  return (
    <>
      <input
        className="group-row-nick"
        value={value}
        maxLength={40}
        disabled={s.busy}
        placeholder={t('group.nicknamePlaceholder')}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void store()}
        onKeyDown={onKey}
        aria-label={t('group.nickname', { n: index + 1 })}
        aria-invalid={s.issues.length > 0}
        data-testid={`group-nickname-${index}`}
      />
      {s.issues.length > 0 && (
        <p className="field-error group-row-error" role="alert" data-testid={`group-nickname-error-${index}`}>
          {s.issues.map((i) => issueText(i, t, fmt)).join(' ')}
        </p>
      )}
    </>
  );
}
