import { and, eq } from 'drizzle-orm';
import type { Db } from './database.js';
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
