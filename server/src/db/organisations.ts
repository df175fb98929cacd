import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from './database.js';
import { organisations } from './schema.js';

/** Every query on customer data takes the organisation it acts for; nothing reads across them. */
export interface OrgScope {
  orgId: string;
}

const DEFAULT_ORGANISATION_NAME = 'Default organisation';

/** Any constant: serialises creating the default organisation across processes. */
const DEFAULT_ORGANISATION_LOCK = 0x0ca11a55;

/**
 * The single organisation used until accounts exist: the oldest one, created on first start. Under
 * an advisory lock: gateways starting together on an empty database (docker compose up) would
 * otherwise each create one and serve different organisations' data.
 */
export async function ensureDefaultOrganisation(db: Db): Promise<OrgScope> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEFAULT_ORGANISATION_LOCK})`);
    const [existing] = await tx.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.createdAt)).limit(1);
    if (existing) return { orgId: existing.id };
    const [created] = await tx.insert(organisations).values({ name: DEFAULT_ORGANISATION_NAME }).returning({ id: organisations.id });
    return { orgId: created!.id };
  });
}

/** Marks the organisation's talking points as changed; returns the new rules version. */
export async function bumpRulesVersion(db: Executor, scope: OrgScope): Promise<number> {
  const [row] = await db
    .update(organisations)
    .set({ rulesVersion: sql`${organisations.rulesVersion} + 1` })
    .where(eq(organisations.id, scope.orgId))
    .returning({ version: organisations.rulesVersion });
  return row?.version ?? 0;
}

export async function getRulesVersion(db: Db, scope: OrgScope): Promise<number> {
  const [row] = await db.select({ version: organisations.rulesVersion }).from(organisations).where(eq(organisations.id, scope.orgId));
  return row?.version ?? 0;
}
