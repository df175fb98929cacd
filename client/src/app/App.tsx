import { Suspense, useEffect, type ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useAuth } from '../auth/auth-store';
import { roleMayOpen } from '../auth/permissions';
import { loadSession } from '../auth/session';
import { AuthFrame } from '../pages/auth/AuthFrame';
import { LoginPage } from '../pages/auth/LoginPage';
import { RegisterPage } from '../pages/auth/RegisterPage';
import { Button } from '../ui/Button';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { InlineError, Loading } from '../ui/feedback';
import { Toasts } from '../ui/Toasts';
import { AlreadySignedInPage } from './AlreadySignedInPage';
import { ForbiddenPage } from './ForbiddenPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { routes } from './routes';

/** Asks the server who is signed in, then shows the login screens or the app. */
export function App() {
  const status = useAuth((state) => state.status);
  useEffect(() => {
    void loadSession();
  }, []);
  return (
    <>
      {status === 'unknown' && (
        <AuthFrame title="Call Assist">
          <Loading label="Checking your session…" />
        </AuthFrame>
      )}
      {status === 'unreachable' && (
        <AuthFrame title="Cannot reach the server">
          <InlineError>Call Assist could not reach its server. Check your connection.</InlineError>
          <Button variant="primary" onClick={() => void loadSession()}>
            Try again
          </Button>
        </AuthFrame>
      )}
      {status === 'anonymous' && <SignedOutApp />}
      {status === 'signed-in' && <SignedInApp />}
      <Toasts />
    </>
  );
}

/** Registration at /register; the login form at every other address, so logging in opens the page that address names. */
function SignedOutApp() {
  return (
    <Switch>
      <Route path="/register">
        <Titled title="Create an account">
          <RegisterPage />
        </Titled>
      </Route>
      <Route>
        <Titled title="Log in">
          <LoginPage />
        </Titled>
      </Route>
    </Switch>
  );
}

function SignedInApp() {
  const [location] = useLocation();
  const role = useAuth((state) => state.session!.user.role);
  return (
    <Layout>
      {/* Keyed by location: an error on one screen is cleared by going to another. */}
      <ErrorBoundary resetKey={location}>
        <Suspense fallback={<Loading />}>
          <Switch>
            {routes.map((route) => (
              <Route key={route.path} path={route.path}>
                <Titled title={route.title}>{roleMayOpen(role, route.roles) ? <route.component /> : <ForbiddenPage title={route.title} role={role} />}</Titled>
              </Route>
            ))}
            <Route path="/login">
              <Redirect to="/" replace />
            </Route>
            <Route path="/register">
              <Titled title="Create an account">
                <AlreadySignedInPage />
              </Titled>
            </Route>
            <Route>
              <Titled title="Not found">
                <NotFoundPage />
              </Titled>
            </Route>
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Call Assist`;
  }, [title]);
  return children;
}
