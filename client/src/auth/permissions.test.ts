import { describe, expect, it, vi } from 'vitest';
import { can, roleMayOpen } from './permissions';

describe('permissions', () => {
  it('lets reps read talking points and their own calls but not change them', () => {
    expect(can('rep', 'talking-points.edit')).toBe(false);
    expect(can('manager', 'talking-points.edit')).toBe(true);
    expect(can('rep', 'calls.manage')).toBe(false);
    expect(can('rep', 'calls.import')).toBe(false);
    expect(can('rep', 'calls.all')).toBe(false);
    expect(can('manager', 'calls.all')).toBe(true);
  });

  it('shows reps the live call, review and talking points, managers all but users, admins everything', async () => {
    // The routes table loads the live pane, whose controller listens on `window` (a browser's).
    vi.stubGlobal('window', { addEventListener() {} });
    const { routes } = await import('../app/routes');
    const navFor = (role: 'admin' | 'manager' | 'rep') => routes.filter((route) => route.nav && roleMayOpen(role, route.roles)).map((route) => route.nav);
    expect(navFor('rep')).toEqual(['Live call', 'Talking points', 'Review']);
    expect(navFor('manager')).toEqual(['Live call', 'Talking points', 'Review', 'Analytics', 'Imports']);
    expect(navFor('admin')).toEqual(['Live call', 'Talking points', 'Review', 'Analytics', 'Imports', 'Users']);
    vi.unstubAllGlobals();
  });
});
