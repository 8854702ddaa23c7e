/** Small building blocks of the client page: problem lists, quiet notices and the save helper of its forms. */
import { useState, type ReactNode } from 'react';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import type { SaveResult } from '../../../shared/ipc/recordTypes.js';
import { useT } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { issueText } from './issueText.js';

/** The problems of a form, in the UI language (nothing rendered when there are none). */
export function FormIssues({ issues, testId = 'form-issues' }: { issues: readonly ValidationIssue[]; testId?: string }) {
  const { t, fmt } = useT();
  if (issues.length === 0) return null;
  return (
    <div className="rec-issues" role="alert" data-testid={testId}>
      <p className="rec-issues-head">{t('rec.nothingStored')}</p>
      <ul>
        {issues.map((i, k) => (
          <li key={k}>{issueText(i, t, fmt)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A quiet confirmation or message under a form. */
export function Notice({ tone = 'ok', children, testId }: { tone?: 'ok' | 'bad'; children: ReactNode; testId?: string }) {
  return (
    <div className={`rec-notice rec-notice-${tone}`} role={tone === 'bad' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

export interface SaveState {
  busy: boolean;
  issues: ValidationIssue[];
  /** Show problems found before sending (same codes as the core's). */
  setIssues: (issues: ValidationIssue[]) => void;
  /** Send a save; the stored record, or null when refused (problems shown) or failed (error banner). */
  save: <T>(call: () => Promise<SaveResult<T>>) => Promise<T | null>;
}

export function useSave(): SaveState {
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const save = async <T,>(call: () => Promise<SaveResult<T>>): Promise<T | null> => {
    setBusy(true);
    try {
      const r = await call();
      setIssues(r.ok ? [] : r.issues);
      return r.ok ? r.value : null;
    } catch (e) {
      showError(e);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, issues, setIssues, save };
}

/** Does the problem list name this field (for `aria-invalid` and the red outline)? */
export function invalid(issues: readonly ValidationIssue[], field: string): boolean {
  return issues.some((i) => i.field === field);
}

/**
 * `ConfirmDelete` — a delete button that asks first, in place: "Really delete?" with a confirm and a
 * cancel button (the deleted record stays in the core's change history).
 */
export function ConfirmDelete({ onDelete, testId, disabled }: { onDelete: () => Promise<void> | void; testId: string; disabled?: boolean }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn small danger-quiet" disabled={disabled} onClick={() => setAsking(true)} data-testid={testId}>
        {t('rec.delete')}
      </button>
    );
  }
  const yes = async () => {
    setBusy(true);
    try {
      await onDelete();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span className="rec-confirm" role="alertdialog" aria-label={t('rec.deleteConfirm')} data-testid={`${testId}-confirm`}>
      <span className="small">{t('rec.deleteConfirm')}</span>
      <button type="button" className="btn small danger" disabled={busy} onClick={() => void yes()} data-testid={`${testId}-yes`}>
        {t('rec.deleteYes')}
      </button>
      <button type="button" className="btn small" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
