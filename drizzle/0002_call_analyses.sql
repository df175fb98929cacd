CREATE TABLE "call_analyses" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"analyzer" text NOT NULL,
	"category" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "analysis_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "analysis_error" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "tags_override" jsonb;--> statement-breakpoint
ALTER TABLE "call_analyses" ADD CONSTRAINT "call_analyses_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_analyses" ADD CONSTRAINT "call_analyses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_analyses_org_category_idx" ON "call_analyses" USING btree ("org_id","category");--> statement-breakpoint
CREATE INDEX "transcript_segments_text_search_idx" ON "transcript_segments" USING gin (to_tsvector('english', "text"));