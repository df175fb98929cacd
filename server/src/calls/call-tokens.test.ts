import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CallTokens } from './call-tokens.js';

describe('CallTokens', () => {
  const tokens = new CallTokens(randomBytes(32), 60);

  it('round-trips the claims', () => {
    const check = tokens.verify(tokens.issue({ callId: 'call-1', orgId: 'org-1', userId: 'user-1', purpose: 'stream' }, 1_000), 1_030);
    expect(check).toEqual({ ok: true, claims: { callId: 'call-1', orgId: 'org-1', userId: 'user-1', purpose: 'stream', exp: 1_060 } });
  });

  it('refuses expired, tampered, foreign and malformed tokens', () => {
    const token = tokens.issue({ callId: 'call-1', orgId: 'org-1', userId: 'user-1', purpose: 'watch' }, 1_000);
    expect(tokens.verify(token, 1_061)).toMatchObject({ ok: false, reason: 'token expired' });
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ callId: 'call-2', orgId: 'org-1', userId: 'user-1', purpose: 'stream', exp: 9e9 })).toString('base64url');
    expect(tokens.verify(`${forged}.${signature}`)).toMatchObject({ ok: false, reason: 'bad signature' });
    expect(new CallTokens(randomBytes(32), 60).verify(token, 1_000)).toMatchObject({ ok: false });
    for (const bad of ['', 'abc', `${payload}.`, `${payload}.${signature}.x`]) expect(tokens.verify(bad).ok).toBe(false);
  });
});
