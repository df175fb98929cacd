import type { ReactNode } from 'react';

/** The frame of the screens before signing in: the product's name and one card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main id="main" className="auth-card" aria-labelledby="auth-title">
        <p className="auth-brand">Call Assist</p>
        <h1 id="auth-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
