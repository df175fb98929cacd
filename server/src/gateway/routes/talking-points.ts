import { backtestInputSchema, talkingPointInputSchema } from '@call-assist/shared';
import { backtest, type BacktestRule } from '../../assist/backtest.js';
import type { RulesCache } from '../../assist/rules-cache.js';
import { endOfDay } from '../../db/call-list.js';
import { callTranscriptBatches } from '../../db/call-transcripts.js';
import type { Db } from '../../db/database.js';
import { getRulesVersion, type OrgScope } from '../../db/organisations.js';
import {
  createTalkingPoint,
  deleteTalkingPoint,
  getTalkingPoint,
  listTalkingPoints,
  updateTalkingPoint,
} from '../../db/talking-points.js';
import { CAN, orgScopeOf } from '../../auth/caller.js';
import { AppError } from '../../lib/errors.js';
import { isUuid, parseBody, type ApiRequest, type Router } from '../http.js';

function talkingPointId(request: ApiRequest): string {
  const id = request.params[0] ?? '';
  if (!isUuid(id)) throw new AppError('not_found', 'no such talking point', 404);
  return id;
}

const notFound = () => new AppError('not_found', 'no such talking point', 404);

/**
 * CRUD of talking points; every change is announced so all gateways recompile their matcher. And a
 * backtest: where phrases would have fired on past calls.
 */
export function registerTalkingPointRoutes(
  router: Router,
  deps: { db: Db; rules: RulesCache },
): void {
  const { db, rules } = deps;
  const scopeOf = (request: ApiRequest) => orgScopeOf(request.caller);
  const announce = async (scope: OrgScope) => rules.announce(scope.orgId, await getRulesVersion(db, scope));

  router.get('/api/talking-points', async (request) => ({ status: 200, body: await listTalkingPoints(db, scopeOf(request)) }));

  router.post('/api/talking-points/backtest', async (request) => {
    const scope = scopeOf(request);
    const input = parseBody(backtestInputSchema, request.body);
    let rule: BacktestRule = { phrases: input.phrases ?? [], speaker: input.speaker ?? 'any', cooldownMs: null };
    if (input.talking_point_id) {
      const point = await getTalkingPoint(db, scope, input.talking_point_id);
      if (!point) throw notFound();
      rule = { phrases: point.phrases, speaker: input.speaker ?? point.speaker, cooldownMs: point.cooldownMs };
    }
    const batches = callTranscriptBatches(db, scope, {
      from: input.start_date ? new Date(input.start_date) : undefined,
      to: input.end_date ? endOfDay(input.end_date) : undefined,
      limit: input.limit_calls,
    });
    return { status: 200, body: await backtest(rule, batches) };
  }, CAN.editTalkingPoints);

  router.get('/api/talking-points/:id', async (request) => {
    const found = await getTalkingPoint(db, scopeOf(request), talkingPointId(request));
    if (!found) throw notFound();
    return { status: 200, body: found };
  });

  router.post('/api/talking-points', async (request) => {
    const scope = scopeOf(request);
    const created = await createTalkingPoint(db, scope, parseBody(talkingPointInputSchema, request.body));
    await announce(scope);
    return { status: 201, body: created };
  }, CAN.editTalkingPoints);

  router.put('/api/talking-points/:id', async (request) => {
    const scope = scopeOf(request);
    const id = talkingPointId(request);
    const updated = await updateTalkingPoint(db, scope, id, parseBody(talkingPointInputSchema, request.body));
    if (!updated) throw notFound();
    await announce(scope);
    return { status: 200, body: updated };
  }, CAN.editTalkingPoints);

  router.delete('/api/talking-points/:id', async (request) => {
    const scope = scopeOf(request);
    if (!(await deleteTalkingPoint(db, scope, talkingPointId(request)))) throw notFound();
    await announce(scope);
    return { status: 204 };
  }, CAN.editTalkingPoints);
}
