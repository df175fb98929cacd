import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';
import { cardEvents } from './schema.js';

export type CardEventRow = typeof cardEvents.$inferSelect;
export type NewCardEvent = Omit<typeof cardEvents.$inferInsert, 'orgId' | 'feedback' | 'feedbackAt'>;

/** Idempotent on the card id (generated when the card fires). */
export async function insertCardEvent(db: Db, scope: OrgScope, event: NewCardEvent): Promise<void> {
  await db
    .insert(cardEvents)
    .values({ ...event, orgId: scope.orgId })
    .onConflictDoNothing();
}

/** Records the rep's feedback; false when the card is not one of this call's. */
export async function setCardFeedback(
  db: Db,
  scope: OrgScope,
  callId: string,
  cardId: string,
  feedback: 'used' | 'dismissed',
  at: Date = new Date(),
): Promise<boolean> {
  const updated = await db
    .update(cardEvents)
    .set({ feedback, feedbackAt: at })
    .where(and(eq(cardEvents.orgId, scope.orgId), eq(cardEvents.callId, callId), eq(cardEvents.id, cardId)))
    .returning({ id: cardEvents.id });
  return updated.length > 0;
}

export async function listCardEvents(db: Db, scope: OrgScope, callId: string): Promise<CardEventRow[]> {
  return db
    .select()
    .from(cardEvents)
    .where(and(eq(cardEvents.orgId, scope.orgId), eq(cardEvents.callId, callId)))
    // Firing order: rows are written in order, one call's writes one after another.
    .orderBy(asc(cardEvents.firedAt), asc(cardEvents.audioMs));
}
