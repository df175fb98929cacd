import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 10 ms and 19 MiB per
 * hash, run on libuv's thread pool. The parameters travel in the stored PHC string, so raising them
 * later leaves old hashes verifiable.
 */
// `Algorithm.Argon2id` is 2; the package's enum is a const enum, which isolated modules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash: a login for an unknown email costs what a wrong password
 * costs, so response times do not tell which emails have accounts.
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('not a real account, only spends time');
  await verifyPassword(await dummyHash, password);
}
