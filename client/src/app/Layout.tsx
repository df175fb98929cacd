import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../auth/auth-store';
import { roleMayOpen } from '../auth/permissions';
import { ConnectionBadge } from '../pages/live-call/ConnectionBadge';
import { isCallActive, useLiveCall } from '../pages/live-call/live-call-store';
import { routes } from './routes';
import { UserMenu } from './UserMenu';

/** Header with the navigation the user's role may use, and the page below; a live call stays visible from every screen. */
export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const role = useAuth((state) => state.session?.user.role);
  const phase = useLiveCall((state) => state.phase);
  const attempt = useLiveCall((state) => state.attempt);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          Call Assist
        </Link>
        <nav aria-label="Main" className="app-nav">
          <ul>
            {routes
              .filter((route) => route.nav && role && roleMayOpen(role, route.roles))
              .map((route) => {
                const current = route.path === '/' ? location === '/' : location === route.path || location.startsWith(`${route.path}/`);
                return (
                  <li key={route.path}>
                    <Link href={route.path} aria-current={current ? 'page' : undefined} className={current ? 'nav-current' : undefined}>
                      {route.nav}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </nav>
        <div className="header-end">
          {isCallActive(phase) && location !== '/' && (
            <Link href="/" className="header-call" aria-label="Back to the live call">
              <ConnectionBadge phase={phase} attempt={attempt} />
            </Link>
          )}
          <UserMenu />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
