import type { Role } from '@call-assist/shared';
import { lazy, type ComponentType } from 'react';
import LiveCallPage from '../pages/live-call/LiveCallPage';

/**
 * Every screen of the app, in one table: the router renders it and the navigation lists the
 * entries with a `nav` label the user's role may open. A new screen is a module under
 * `pages/<area>/` plus one line here.
 */
export interface AppRoute {
  /** wouter pattern, e.g. `/calls/:id`. */
  path: string;
  /** Document title. */
  title: string;
  /** Label in the navigation; routes without one are reached by links. */
  nav?: string;
  /** The roles that may open it (the server refuses the others); every signed-in user when absent. */
  roles?: readonly Role[];
  /** A lazy component keeps a screen's code out of the first load. */
  component: ComponentType;
}

const MANAGERS: readonly Role[] = ['admin', 'manager'];

// The live pane is loaded eagerly: it is what a rep's side panel opens on, and it must not flash a spinner.
// Reps see talking points read-only, and only their own calls under Review.
export const routes: AppRoute[] = [
  { path: '/', title: 'Live call', nav: 'Live call', component: LiveCallPage },
  { path: '/talking-points', title: 'Talking points', nav: 'Talking points', component: lazy(() => import('../pages/talking-points/TalkingPointsPage')) },
  { path: '/calls', title: 'Review', nav: 'Review', component: lazy(() => import('../pages/review/CallListPage')) },
  { path: '/calls/:id', title: 'Call', component: lazy(() => import('../pages/review/CallPage')) },
  { path: '/analytics', title: 'Analytics', nav: 'Analytics', roles: MANAGERS, component: lazy(() => import('../pages/analytics/AnalyticsPage')) },
  { path: '/imports', title: 'Imports', nav: 'Imports', roles: MANAGERS, component: lazy(() => import('../pages/imports/ImportsPage')) },
  { path: '/users', title: 'Users', nav: 'Users', roles: ['admin'], component: lazy(() => import('../pages/users/UsersPage')) },
  { path: '/account', title: 'Your account', component: lazy(() => import('../pages/account/AccountPage')) },
];
