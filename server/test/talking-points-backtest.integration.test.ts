import type { ApiError, BacktestResult, CallAnalysis, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnalysis } from '../src/db/call-analyses.js';
import { ensureDefaultOrganisation, type OrgScope } from '../src/db/organisations.js';
import { calls, organisations } from '../src/db/schema.js';
import { insertTranscriptSegment } from '../src/db/transcript-segments.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

const CALLS = 130;
const NEWEST = Date.parse('2025-06-30T12:00:00Z');
const MINUTE = 60_000;

/** Call `i` of the organisation: what was said in it and how it ended, derived from `i` alone. */
function pastCall(i: number) {
  const turns: { speaker: 'agent' | 'caller'; text: string }[] = [{ speaker: 'agent', text: 'Thank you for calling the clinic, how can I help?' }];
  if (i % 3 === 0) turns.push({ speaker: 'caller', text: 'Honestly I looked at your prices and it is way too expensive for me on a fixed income right now, and my husband says we should wait until next year anyway.' });
  if (i % 5 === 0) turns.push({ speaker: 'agent', text: 'Some people find it too expensive at first.' });
  const outcome = i % 2 === 1 ? null : i % 3 === 0 ? 'consult_scheduled' : 'consult_not_scheduled';
  // Calls 45–55 share one creation time, across the first batch boundary (50): keyset ties.
  const createdAt = new Date(NEWEST - (i >= 45 && i <= 55 ? 45 : i) * MINUTE);
  return { turns, outcome, createdAt } as const;
}

function analysis(category: CallAnalysis['category']): CallAnalysis {
  return { category, categoryConfidence: 0.9, objections: [], summary: '', sentiment: 'neutral', intent: '', tags: [], actionItems: [], keyPoints: [] };
}

async function insertCalls(app: TestApp, scope: OrgScope, specs: ReturnType<typeof pastCall>[]): Promise<string[]> {
  const { db } = app.database;
  const rows = await db
    .insert(calls)
    .values(specs.map((spec, i) => ({ orgId: scope.orgId, source: 'import' as const, status: 'ended' as const, title: `call-${i}.wav`, createdAt: spec.createdAt, startedAt: spec.createdAt })))
    .returning({ id: calls.id });
  for (const [i, spec] of specs.entries()) {
    const callId = rows[i]!.id;
    for (const [seq, turn] of spec.turns.entries()) {
      await insertTranscriptSegment(db, scope, { callId, seq, text: turn.text, speaker: turn.speaker, startMs: seq * 8_000, endMs: seq * 8_000 + 6_000 });
    }
    if (spec.outcome) await saveAnalysis(db, scope, callId, 'local', analysis(spec.outcome));
  }
  return rows.map((row) => row.id);
}

describe('POST /api/talking-points/backtest', () => {
  let app: TestApp;
  let ids: string[];
  let otherOrgCallId: string;
  const specs = Array.from({ length: CALLS }, (_, i) => pastCall(i));
  const backtest = (body: unknown) => api<BacktestResult & ApiError>(app, 'POST', '/api/talking-points/backtest', body);

  /** What the backtest must find among the `limit` newest calls, computed from the specs. */
  function expected(limit: number, speaker: 'any' | 'caller') {
    // Newest first; calls created at the same moment by id (descending), as the keyset pages them.
    const newestFirst = specs
      .map((spec, i) => ({ spec, id: ids[i]! }))
      .sort((x, y) => y.spec.createdAt.getTime() - x.spec.createdAt.getTime() || (y.id > x.id ? 1 : -1));
    const scanned = newestFirst.slice(0, limit);
    const hitsOf = (spec: ReturnType<typeof pastCall>) => spec.turns.filter((t) => t.text.includes('too expensive') && (speaker === 'any' || t.speaker === speaker)).length;
    const matched = scanned.filter(({ spec }) => hitsOf(spec) > 0);
    const analysed = matched.filter(({ spec }) => spec.outcome);
    return {
      matchedIds: matched.map(({ id }) => id),
      totalHits: matched.reduce((sum, { spec }) => sum + hitsOf(spec), 0),
      scheduledShare: Math.round((analysed.filter(({ spec }) => spec.outcome === 'consult_scheduled').length / analysed.length) * 1000) / 1000,
    };
  }

  beforeAll(async () => {
    app = await startTestApp();
    const scope = await ensureDefaultOrganisation(app.database.db);
    ids = await insertCalls(app, scope, specs);
    // A call without a transcript is not scanned.
    await app.database.db.insert(calls).values({ orgId: scope.orgId, source: 'live', status: 'ended', createdAt: new Date(NEWEST) });
    const [other] = await app.database.db.insert(organisations).values({ name: 'Another clinic' }).returning({ id: organisations.id });
    otherOrgCallId = (await insertCalls(app, { orgId: other!.id }, [{ ...pastCall(0), createdAt: new Date(NEWEST + MINUTE) }]))[0]!;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('scans every call with a transcript, newest first, and finds each whole-word occurrence with a snippet', async () => {
    const { status, body } = await backtest({ phrases: ['too expensive', 'fixed income', 'expensive for me'], limit_calls: 1000 });
    expect(status).toBe(200);
    const want = expected(CALLS, 'any');
    expect(body.calls_scanned).toBe(CALLS);
    expect(body.matches.map((match) => match.call_id)).toEqual(want.matchedIds);
    expect(body.calls_matched).toBe(want.matchedIds.length);
    const callerTurns = specs.filter((_, i) => i % 3 === 0).length;
    expect(body.hits_per_phrase).toEqual({ 'too expensive': want.totalHits, 'fixed income': callerTurns, 'expensive for me': callerTurns });
    expect(body.total_hits).toBe(want.totalHits + 2 * callerTurns);
    expect(body.matches.map((match) => match.call_id)).not.toContain(otherOrgCallId);

    const first = body.matches[0]!;
    expect(first).toMatchObject({ call_title: 'call-0.wav', started_at: specs[0]!.createdAt.toISOString(), outcome: 'consult_scheduled', hit_count: 4 });
    for (const hit of first.hits) expect(hit.snippet.slice(hit.match_start, hit.match_end)).toBe(hit.phrase);
    const caller = first.hits.find((hit) => hit.phrase === 'too expensive' && hit.speaker === 'caller')!;
    expect(caller).toMatchObject({ segment_seq: 1, start_ms: 8_000, fired: true });
    expect(caller.snippet.length).toBeLessThan(specs[0]!.turns[1]!.text.length);
    // One card per call: the agent's later "too expensive" would not fire it again.
    expect(first.hits.find((hit) => hit.phrase === 'too expensive' && hit.speaker === 'agent')).toMatchObject({ segment_seq: 2, fired: false });
  });

  it('attributes outcomes: the booked share of matched calls, next to that of all scanned calls', async () => {
    const { body } = await backtest({ phrases: ['too expensive'], limit_calls: 1000 });
    const want = expected(CALLS, 'any');
    expect(body.matched_calls_scheduled_share).toBe(want.scheduledShare);
    const analysed = specs.filter((spec) => spec.outcome);
    expect(body.scanned_calls_scheduled_share).toBe(Math.round((analysed.filter((s) => s.outcome === 'consult_scheduled').length / analysed.length) * 1000) / 1000);
    expect(body.calls_fired).toBe(want.matchedIds.length);
  });

  it('applies the speaker filter, the call limit (newest first) and the date range', async () => {
    const byCaller = await backtest({ phrases: ['too expensive'], speaker: 'caller', limit_calls: 1000 });
    expect(byCaller.body.matches.map((match) => match.call_id)).toEqual(expected(CALLS, 'caller').matchedIds);

    const limited = await backtest({ phrases: ['too expensive'] });
    expect(limited.body.calls_scanned).toBe(CALLS); // default limit 200 > 130
    const seventy = await backtest({ phrases: ['too expensive'], limit_calls: 70 });
    expect(seventy.body.calls_scanned).toBe(70);
    expect(seventy.body.matches.map((match) => match.call_id)).toEqual(expected(70, 'any').matchedIds);

    const range = await backtest({ phrases: ['too expensive'], start_date: new Date(NEWEST - 20 * MINUTE).toISOString(), end_date: new Date(NEWEST - 10 * MINUTE).toISOString() });
    expect(range.body.calls_scanned).toBe(11);
    expect(range.body.matches.map((match) => match.call_id)).toEqual(expected(21, 'any').matchedIds.filter((id) => ids.indexOf(id) >= 10));
  });

  it('backtests an existing talking point with its phrases and speaker filter', async () => {
    const point = (await api<TalkingPoint>(app, 'POST', '/api/talking-points', { title: 'Price', body: 'Financing.', phrases: ['too expensive'], speaker: 'caller' })).body;
    const { status, body } = await backtest({ talking_point_id: point.id, limit_calls: 1000 });
    expect(status).toBe(200);
    expect(body.matches.map((match) => match.call_id)).toEqual(expected(CALLS, 'caller').matchedIds);
    expect((await backtest({ talking_point_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  it('refuses invalid bodies with 400', async () => {
    for (const body of [{}, { phrases: ['a'], talking_point_id: '00000000-0000-4000-8000-000000000000' }, { phrases: [] }, { phrases: ['?!'] }, { phrases: ['a'], limit_calls: 5_000 }, { phrases: ['a'], speaker: 'robot' }]) {
      const response = await backtest(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_body');
    }
  });
});
