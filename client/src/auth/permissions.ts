import type { Role } from '@call-assist/shared';
import { useAuth } from './auth-store';

/**
 * What each role may do beyond reading, as the server enforces it: the UI only leaves out controls
 * that would fail with 403 — the server stays the judge.
 */
const ALLOWED = {
  /** Create, edit, enable/disable, delete and backtest talking points. */
  'talking-points.edit': ['admin', 'manager'],
  /** Every call of the organisation under Review (a rep sees their own). */
  'calls.all': ['admin', 'manager'],
  /** Tag, analyse again, delete calls. */
  'calls.manage': ['admin', 'manager'],
  /** Upload recordings and run bulk imports. */
  'calls.import': ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ALLOWED;

export const can = (role: Role, permission: Permission): boolean => (ALLOWED[permission] as readonly Role[]).includes(role);

/** Whether the signed-in user may do `permission` (false when signed out). */
export function useCan(permission: Permission): boolean {
  const role = useAuth((state) => state.session?.user.role);
  return role !== undefined && can(role, permission);
}

/** Whether a screen limited to `roles` (none: everyone signed in) is open to `role`. */
export const roleMayOpen = (role: Role, roles: readonly Role[] | undefined): boolean => roles === undefined || roles.includes(role);
