import { cardFeedbackInputSchema, liveCallTokenInputSchema, type CardFeedbackRecorded, type LiveCallCreated } from '@call-assist/shared';
import { CAN, callScopeOf, orgScopeOf, type CallScope } from '../../auth/caller.js';
import type { CallTokens } from '../../calls/call-tokens.js';
import type { LiveCalls } from '../../calls/live-calls.js';
import { getCall } from '../../db/calls.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../lib/errors.js';
import { isUuid, parseBody, type Router } from '../http.js';

const FINISHED = new Set(['ended', 'interrupted', 'failed']);

/**
 * `POST /api/live-calls` → `{callId, token, expiresInS}` for `WS /ws/calls/:callId?token=…`;
 * `POST /api/live-calls/:id/token` `{purpose}`: a fresh token for a reconnect (`stream`, the call's
 * own rep only) or for watching (`watch`: the rep, or a manager/admin of the organisation);
 * `POST /api/calls/:id/cards/:cardId/feedback` `{feedback}`: the rep's feedback on a card, during
 * or after the call (the socket's `card.feedback` does the same while streaming).
 */
export function registerLiveCallRoutes(router: Router, deps: { db: Db; calls: LiveCalls; tokens: CallTokens }): void {
  router.post('/api/live-calls', async (request) => {
    const body: LiveCallCreated = await deps.calls.create(orgScopeOf(request.caller), request.caller.userId);
    return { status: 201, body };
  });

  router.post('/api/live-calls/:id/token', async (request) => {
    const { caller } = request;
    const callId = request.params[0] ?? '';
    const { purpose } = parseBody(liveCallTokenInputSchema, request.body || '{}');
    const mayWatchAny = purpose === 'watch' && (CAN.watchAnyCall as readonly string[]).includes(caller.role);
    const scope: CallScope = mayWatchAny ? orgScopeOf(caller) : { orgId: caller.orgId, ownerId: caller.userId };
    const call = isUuid(callId) ? await getCall(deps.db, scope, callId) : undefined;
    if (!call) throw new AppError('not_found', 'no such call', 404);
    if (FINISHED.has(call.status)) throw new AppError('call_ended', 'the call has ended', 409);
    const token = deps.tokens.issue({ callId, orgId: caller.orgId, userId: caller.userId, purpose });
    const body: LiveCallCreated = { callId, token, expiresInS: deps.tokens.ttlSeconds };
    return { status: 200, body };
  });

  router.post('/api/calls/:id/cards/:cardId/feedback', async (request) => {
    const [callId = '', cardId = ''] = request.params;
    const { feedback } = parseBody(cardFeedbackInputSchema, request.body);
    // A rep gives feedback on their own calls only.
    const visible = isUuid(callId) && isUuid(cardId) && (await getCall(deps.db, callScopeOf(request.caller), callId)) !== undefined;
    const recorded = visible ? await deps.calls.recordFeedback(orgScopeOf(request.caller), callId, cardId, feedback) : undefined;
    if (!recorded) throw new AppError('not_found', 'no such card in this call', 404);
    const body: CardFeedbackRecorded = { callId, cardId, feedback: recorded.feedback, feedbackAt: recorded.at };
    return { status: 200, body };
  });
}
