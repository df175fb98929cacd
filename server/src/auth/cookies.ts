/** Reads one cookie from a `Cookie` header (RFC 6265 pairs; the first of duplicate names wins). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at === -1) continue;
    if (pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeS: number;
  secure: boolean;
}

/**
 * HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site POSTs, still sent when a
 * link from elsewhere is followed), whole site. A max-age of 0 deletes it.
 */
export function sessionCookie(name: string, value: string, { maxAgeS, secure }: CookieOptions): string {
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(maxAgeS))}`, ...(secure ? ['Secure'] : [])].join('; ');
}
