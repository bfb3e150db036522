import type { ReactNode } from 'react';

/** An error or notice; errors are announced to screen readers as they appear. */
export function Alert({ tone = 'error', title, children }: { tone?: 'error' | 'info' | 'success' | 'warning'; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children && <div className="empty__body">{children}</div>}
    </div>
  );
}

/** Results from the offline simulator say so plainly. */
export function SimulatedBadge({ kind = 'offer' }: { kind?: 'offer' | 'flight' | 'hotel' | 'activity' }) {
  const text =
    kind === 'hotel'
      ? 'Simulated offer — not bookable with a real hotel'
      : kind === 'activity'
        ? 'Simulated activity — not bookable with a real operator'
        : 'Simulated offer — not bookable with a real airline';
  return <span className="badge badge--simulated">{text}</span>;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-header__actions">{children}</div>}
    </div>
  );
}
