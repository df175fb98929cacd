import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with Argon2id, salted, and verifies only the right password', async () => {
    const [one, two] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword(one, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(one, 'correct horse batterx')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
