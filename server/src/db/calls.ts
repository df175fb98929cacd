import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from './database.js';
import type { CallScope } from '../auth/caller.js';
import type { OrgScope } from './organisations.js';
import { calls } from './schema.js';

export type CallRow = typeof calls.$inferSelect;
export type CallStatus = CallRow['status'];

/** A live call taken by `userId`. */
export async function createLiveCall(db: Db, scope: OrgScope, userId: string): Promise<CallRow> {
  const [row] = await db.insert(calls).values({ orgId: scope.orgId, userId, source: 'live', status: 'created' }).returning();
  return row!;
}

/** The call, if the scope may read it (its organisation's, and a rep's own). */
export async function getCall(db: Db, scope: CallScope, callId: string): Promise<CallRow | undefined> {
  const [row] = await db.select().from(calls).where(and(callScopeFilter(scope), eq(calls.id, callId)));
  return row;
}

/** The calls a scope may read, as a where clause. */
export function callScopeFilter(scope: CallScope) {
  return scope.ownerId ? and(eq(calls.orgId, scope.orgId), eq(calls.userId, scope.ownerId)) : eq(calls.orgId, scope.orgId);
}


export async function markCallEnded(
  db: Db,
  scope: OrgScope,
  callId: string,
  fields: { status: Extract<CallStatus, 'ended' | 'interrupted' | 'failed'>; audioDurationMs: number },
): Promise<void> {
  await db
    .update(calls)
    .set({ endedAt: new Date(), ...fields })
    .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
}

export async function setCallTags(db: Db, scope: OrgScope, callId: string, tags: string[] | null): Promise<boolean> {
  const updated = await db
    .update(calls)
    .set({ tagsOverride: tags })
    .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)))
    .returning({ id: calls.id });
  return updated.length > 0;
}

/** Deletes the call and, by cascade, its segments, cards and analysis; returns its audio key. */
export async function deleteCall(db: Db, scope: OrgScope, callId: string): Promise<{ audioKey: string | null } | undefined> {
  const [deleted] = await db
    .delete(calls)
    .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)))
    .returning({ audioKey: calls.audioKey });
  return deleted;
}

export async function setSttProvider(db: Executor, scope: OrgScope, callId: string, sttProvider: string): Promise<void> {
  await db
    .update(calls)
    .set({ sttProvider })
    .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
}
