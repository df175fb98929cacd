import { Suspense, useEffect, type ReactNode } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Loading } from '../ui/feedback';
import { Toasts } from '../ui/Toasts';
import { Layout } from './Layout';
import { routes } from './routes';
import { NotFoundPage } from './NotFoundPage';

export function App() {
  const [location] = useLocation();
  return (
    <Layout>
      {/* Keyed by location: an error on one screen is cleared by going to another. */}
      <ErrorBoundary resetKey={location}>
        <Suspense fallback={<Loading />}>
          <Switch>
            {routes.map((route) => (
              <Route key={route.path} path={route.path}>
                <Titled title={route.title}>
                  <route.component />
                </Titled>
              </Route>
            ))}
            <Route>
              <Titled title="Not found">
                <NotFoundPage />
              </Titled>
            </Route>
          </Switch>
        </Suspense>
      </ErrorBoundary>
      <Toasts />
    </Layout>
  );
}

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Call Assist`;
  }, [title]);
  return children;
}
