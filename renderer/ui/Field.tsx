/** A labelled form field; `error`: the rule the value breaks, shown right under it. */
import type { ReactNode } from 'react';

export function Field({ label, hint, error, errorTestId, children }: { label: string; hint?: string; error?: string | null; errorTestId?: string; children: ReactNode }) {
  return (
    <label className={error ? 'field field-invalid' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      )}
    </label>
  );
}
