/**
 * Response headers that keep the client's pages and the API from being framed, sniffed, or leaking
 * referrers, and confine what a page may load. No CORS headers are ever sent: browsers refuse
 * cross-origin reads of the API (CORS closed by default).
 */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * For the web client: its own scripts, styles and worklet only; sockets to this host; recordings
 * and charts as same-origin media/data; the microphone for this origin alone. Inline styles are
 * allowed because the chart library sets style attributes.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_SECURITY_HEADERS,
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'permissions-policy': 'microphone=(self), camera=(), geolocation=(), payment=()',
};
