/** A titled panel of the console. */
import type { ReactNode } from 'react';

export function Card({ title, actions, children, className, testId }: { title?: string; actions?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={'card ' + (className ?? '')} data-testid={testId}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      <div className="card-body">{children}</div>
    </section>
  );
}
