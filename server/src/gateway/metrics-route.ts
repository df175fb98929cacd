import type uWS from 'uWebSockets.js';
import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { bearerTokenMatches, metricsText } from '../lib/metrics.js';
import { errorBody } from './http.js';

/**
 * `GET /metrics` on the gateway's own port, only with METRICS_TOKEN (`Authorization: Bearer …`):
 * without a token the route does not exist (404), so metrics are never public by accident.
 */
export function registerMetricsRoute(app: uWS.TemplatedApp, token: string | undefined, logger: Logger): void {
  app.get('/metrics', (res, req) => {
    const authorization = req.getHeader('authorization');
    let aborted = false;
    res.onAborted(() => (aborted = true));
    const json = (status: string, code: string, message: string, extra: Record<string, string> = {}): void => {
      res.cork(() => {
        res.writeStatus(status).writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store');
        for (const [name, value] of Object.entries(extra)) res.writeHeader(name, value);
        res.end(JSON.stringify(errorBody(code, message)));
      });
    };
    if (!token) return json('404 Not Found', 'not_found', 'metrics are not served on this port (set METRICS_TOKEN or METRICS_PORT)');
    if (!bearerTokenMatches(authorization, token)) return json('401 Unauthorized', 'unauthorized', 'metrics need Authorization: Bearer <METRICS_TOKEN>', { 'www-authenticate': 'Bearer' });
    metricsText().then(
      ({ contentType, body }) => {
        if (aborted) return;
        res.cork(() => res.writeStatus('200 OK').writeHeader('content-type', contentType).writeHeader('cache-control', 'no-store').end(body));
      },
      (error: unknown) => {
        logger.error({ err: describeError(error) }, 'could not collect metrics');
        if (!aborted) json('500 Internal Server Error', 'internal_error', 'could not collect metrics');
      },
    );
  });
}
