import { describe, expect, it } from 'vitest';
import { invitationLink } from '../../api/users';
import { invitationFromHash } from './invitation-hash';

describe('invitation links', () => {
  it('reads back the token an invite link carries in its fragment', () => {
    const token = 'AbC-123_xyz~fragment.token+/=';
    const link = new URL(invitationLink(token, 'https://calls.example.com'));
    expect(link.pathname).toBe('/register');
    expect(invitationFromHash(link.hash)).toBe(token);
  });

  it('has no token for an empty or unrelated fragment', () => {
    expect(invitationFromHash('')).toBeNull();
    expect(invitationFromHash('#invitation=')).toBeNull();
    expect(invitationFromHash('#top')).toBeNull();
  });
});
