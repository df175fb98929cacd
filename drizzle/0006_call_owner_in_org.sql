DROP INDEX "users_org_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_id_id_idx" ON "users" USING btree ("org_id","id");--> statement-breakpoint
-- A call's owner must be a user of the call's organisation. SET NULL (user_id) alone: deleting the
-- user keeps the call (and its org_id) for the organisation's history.
ALTER TABLE "calls" ADD CONSTRAINT "calls_owner_in_org_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE SET NULL ("user_id") ON UPDATE no action;
