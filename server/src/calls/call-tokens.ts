import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a live-call token grants: streaming to (or only watching) one call, for one user of one organisation. */
export interface CallTokenClaims {
  callId: string;
  orgId: string;
  userId: string;
  /** `stream`: the rep socket (and watching); `watch`: the read-only socket only. */
  purpose: 'stream' | 'watch';
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type TokenCheck = { ok: true; claims: CallTokenClaims } | { ok: false; reason: string };

/**
 * Short-lived, HMAC-signed call tokens: verified synchronously in the WebSocket upgrade without a
 * database round trip, and valid on every gateway that shares the secret.
 */
export class CallTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlS: number,
  ) {}

  get ttlSeconds(): number {
    return this.ttlS;
  }

  issue(grant: Omit<CallTokenClaims, 'exp'>, nowS = Math.floor(Date.now() / 1000)): string {
    const claims: CallTokenClaims = { callId: grant.callId, orgId: grant.orgId, userId: grant.userId, purpose: grant.purpose, exp: nowS + this.ttlS };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  verify(token: string, nowS = Math.floor(Date.now() / 1000)): TokenCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed token' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
    let claims: CallTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallTokenClaims;
    } catch {
      return { ok: false, reason: 'malformed token' };
    }
    if (typeof claims.exp !== 'number' || typeof claims.callId !== 'string' || typeof claims.userId !== 'string') return { ok: false, reason: 'malformed token' };
    if (claims.exp < nowS) return { ok: false, reason: 'token expired' };
    return { ok: true, claims };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** The configured secret, or a random one kept in DATA_DIR so tokens survive restarts. */
export function loadTokenSecret(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, 'secrets', 'call-token.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64url'), { mode: 0o600 });
  return secret;
}
