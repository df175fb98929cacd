import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('security headers and CORS', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('pages carry a content security policy and cannot be framed', async () => {
    for (const route of ['/', '/calls/123']) {
      const response = await fetch(app.baseUrl + route);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('permissions-policy')).toMatch(/microphone=\(self\)/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // Other methods on pages get a clear answer, not a dropped connection.
    const head = await fetch(app.baseUrl + '/', { method: 'HEAD' });
    expect([head.status, head.headers.get('allow')]).toEqual([405, 'GET']);
  });

  it('the API answers other origins without any CORS grant, logged in or not', async () => {
    const loggedIn = await app.fetch('/api/calls', { headers: { origin: 'https://evil.example' } });
    const anonymous = await fetch(`${app.baseUrl}/api/calls`, { headers: { origin: 'https://evil.example' } });
    expect([loggedIn.status, anonymous.status]).toEqual([200, 401]);
    for (const response of [loggedIn, anonymous]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const preflight = await fetch(`${app.baseUrl}/api/talking-points`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});
