import type { ReactNode } from 'react';

/** An error shown where it happened (a form, a panel), announced to screen readers. */
export function InlineError({ children, id }: { children: ReactNode; id?: string }) {
  if (!children) return null;
  return (
    <p className="inline-error" role="alert" id={id}>
      {children}
    </p>
  );
}

/** A loading state with words, not just a spinner. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** A quiet note for empty lists and the like. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
