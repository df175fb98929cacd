import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from './database.js';
import type { OrgScope } from './organisations.js';
import { calls } from './schema.js';

export type CallRow = typeof calls.$inferSelect;
export type CallStatus = CallRow['status'];

export async function createLiveCall(db: Db, scope: OrgScope): Promise<CallRow> {
  const [row] = await db.insert(calls).values({ orgId: scope.orgId, source: 'live', status: 'created' }).returning();
  return row!;
}

export async function getCall(db: Db, scope: OrgScope, callId: string): Promise<CallRow | undefined> {
  const [row] = await db.select().from(calls).where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
  return row;
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
