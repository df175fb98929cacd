import { cardFeedbackInputSchema, type CardFeedbackRecorded } from '@call-assist/shared';
import type { LiveCalls } from '../../calls/live-calls.js';
import type { OrgScope } from '../../db/organisations.js';
import { AppError } from '../../lib/errors.js';
import { parseBody, type RequestInfo, type Router } from '../http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /api/live-calls` → `{callId, token, expiresInS}` for `WS /ws/calls/:callId?token=…`;
 * `POST /api/calls/:id/cards/:cardId/feedback` `{feedback}`: the rep's feedback on a card, during
 * or after the call (the socket's `card.feedback` does the same while streaming).
 */
export function registerLiveCallRoutes(router: Router, deps: { calls: LiveCalls; scopeOf: (request: RequestInfo) => OrgScope }): void {
  router.post('/api/live-calls', async (request) => ({ status: 201, body: await deps.calls.create(deps.scopeOf(request)) }));

  router.post('/api/calls/:id/cards/:cardId/feedback', async (request) => {
    const [callId = '', cardId = ''] = request.params;
    const { feedback } = parseBody(cardFeedbackInputSchema, request.body);
    const recorded = UUID.test(callId) && UUID.test(cardId) ? await deps.calls.recordFeedback(deps.scopeOf(request), callId, cardId, feedback) : undefined;
    if (!recorded) throw new AppError('not_found', 'no such card in this call', 404);
    const body: CardFeedbackRecorded = { callId, cardId, feedback: recorded.feedback, feedbackAt: recorded.at };
    return { status: 200, body };
  });
}
