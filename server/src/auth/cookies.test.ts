import { describe, expect, it } from 'vitest';
import { readCookie, sessionCookie } from './cookies.js';

describe('cookies', () => {
  it('reads one cookie among others, first one winning', () => {
    expect(readCookie('a=1; ca_session=tok-en_1; b=2', 'ca_session')).toBe('tok-en_1');
    expect(readCookie('ca_session=first; ca_session=second', 'ca_session')).toBe('first');
    expect(readCookie('xca_session=1', 'ca_session')).toBeUndefined();
    expect(readCookie(undefined, 'ca_session')).toBeUndefined();
  });

  it('writes HttpOnly SameSite=Lax cookies, Secure when asked, deleted with max-age 0', () => {
    expect(sessionCookie('s', 'v', { maxAgeS: 60, secure: false })).toBe('s=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(sessionCookie('s', '', { maxAgeS: 0, secure: true })).toBe('s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
  });
});
