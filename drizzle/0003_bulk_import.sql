CREATE TABLE "bulk_import_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"url" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"call_id" uuid,
	"bytes" integer,
	"format" text,
	"duration_ms" integer,
	"original_key" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claim_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"customer_slug" text NOT NULL,
	"source_url" text NOT NULL,
	"provider" text,
	"status" text DEFAULT 'discovering' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "bulk_import_files" ADD CONSTRAINT "bulk_import_files_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_files" ADD CONSTRAINT "bulk_import_files_job_id_bulk_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_files" ADD CONSTRAINT "bulk_import_files_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_jobs" ADD CONSTRAINT "bulk_import_jobs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_files_job_url_idx" ON "bulk_import_files" USING btree ("job_id","url");--> statement-breakpoint
CREATE INDEX "bulk_import_files_org_job_idx" ON "bulk_import_files" USING btree ("org_id","job_id","status");--> statement-breakpoint
CREATE INDEX "bulk_import_jobs_org_created_idx" ON "bulk_import_jobs" USING btree ("org_id","created_at");