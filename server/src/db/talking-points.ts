import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TalkingPoint } from '@call-assist/shared';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';
import { bumpRulesVersion } from './organisations.js';
import { talkingPoints, triggerPhrases } from './schema.js';

/** A validated talking point as stored (see `talkingPointInputSchema`). */
export interface TalkingPointFields {
  title: string;
  body: string;
  phrases: string[];
  speaker: 'caller' | 'agent' | 'any';
  cooldownMs?: number | null | undefined;
  priority: number;
  enabled: boolean;
}

type TalkingPointRow = typeof talkingPoints.$inferSelect;

function toTalkingPoint(row: TalkingPointRow, phrases: string[]): TalkingPoint {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    phrases,
    speaker: row.speaker,
    cooldownMs: row.cooldownMs,
    priority: row.priority,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listTalkingPoints(db: Db, scope: OrgScope): Promise<TalkingPoint[]> {
  const rows = await db.select().from(talkingPoints).where(eq(talkingPoints.orgId, scope.orgId)).orderBy(asc(talkingPoints.createdAt));
  if (rows.length === 0) return [];
  const phraseRows = await db
    .select()
    .from(triggerPhrases)
    .where(and(eq(triggerPhrases.orgId, scope.orgId), inArray(triggerPhrases.talkingPointId, rows.map((row) => row.id))))
    .orderBy(asc(triggerPhrases.position));
  const phrasesByPoint = new Map<string, string[]>();
  for (const phrase of phraseRows) {
    const list = phrasesByPoint.get(phrase.talkingPointId) ?? [];
    list.push(phrase.phrase);
    phrasesByPoint.set(phrase.talkingPointId, list);
  }
  return rows.map((row) => toTalkingPoint(row, phrasesByPoint.get(row.id) ?? []));
}

export async function getTalkingPoint(db: Db, scope: OrgScope, id: string): Promise<TalkingPoint | undefined> {
  const [row] = await db.select().from(talkingPoints).where(and(eq(talkingPoints.orgId, scope.orgId), eq(talkingPoints.id, id)));
  if (!row) return undefined;
  const phrases = await db
    .select({ phrase: triggerPhrases.phrase })
    .from(triggerPhrases)
    .where(and(eq(triggerPhrases.orgId, scope.orgId), eq(triggerPhrases.talkingPointId, id)))
    .orderBy(asc(triggerPhrases.position));
  return toTalkingPoint(row, phrases.map((p) => p.phrase));
}

function phraseRows(scope: OrgScope, talkingPointId: string, phrases: string[]) {
  return phrases.map((phrase, position) => ({ orgId: scope.orgId, talkingPointId, phrase, position }));
}

export async function createTalkingPoint(db: Db, scope: OrgScope, fields: TalkingPointFields): Promise<TalkingPoint> {
  const id = await db.transaction(async (tx) => {
    const { phrases, ...columns } = fields;
    const [row] = await tx.insert(talkingPoints).values({ ...columns, orgId: scope.orgId }).returning({ id: talkingPoints.id });
    await tx.insert(triggerPhrases).values(phraseRows(scope, row!.id, phrases));
    await bumpRulesVersion(tx, scope);
    return row!.id;
  });
  return (await getTalkingPoint(db, scope, id))!;
}

/** Replaces a talking point and its phrases; undefined when it does not exist in this organisation. */
export async function updateTalkingPoint(
  db: Db,
  scope: OrgScope,
  id: string,
  fields: TalkingPointFields,
): Promise<TalkingPoint | undefined> {
  const found = await db.transaction(async (tx) => {
    const { phrases, ...columns } = fields;
    const updated = await tx
      .update(talkingPoints)
      .set({ ...columns, cooldownMs: columns.cooldownMs ?? null, updatedAt: new Date() })
      .where(and(eq(talkingPoints.orgId, scope.orgId), eq(talkingPoints.id, id)))
      .returning({ id: talkingPoints.id });
    if (updated.length === 0) return false;
    await tx.delete(triggerPhrases).where(and(eq(triggerPhrases.orgId, scope.orgId), eq(triggerPhrases.talkingPointId, id)));
    await tx.insert(triggerPhrases).values(phraseRows(scope, id, phrases));
    await bumpRulesVersion(tx, scope);
    return true;
  });
  return found ? getTalkingPoint(db, scope, id) : undefined;
}

export async function deleteTalkingPoint(db: Db, scope: OrgScope, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(talkingPoints)
      .where(and(eq(talkingPoints.orgId, scope.orgId), eq(talkingPoints.id, id)))
      .returning({ id: talkingPoints.id });
    if (deleted.length === 0) return false;
    await bumpRulesVersion(tx, scope);
    return true;
  });
}
