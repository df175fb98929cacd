import type { LiveCalls } from '../../calls/live-calls.js';
import type { OrgScope } from '../../db/organisations.js';
import type { RequestInfo, Router } from '../http.js';

/** `POST /api/live-calls` → `{callId, token, expiresInS}` for `WS /ws/calls/:callId?token=…`. */
export function registerLiveCallRoutes(router: Router, deps: { calls: LiveCalls; scopeOf: (request: RequestInfo) => OrgScope }): void {
  router.post('/api/live-calls', async (request) => ({ status: 201, body: await deps.calls.create(deps.scopeOf(request)) }));
}
