ALTER TABLE "calls" ADD COLUMN "audio_channels" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "channel_roles" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "transcript_segments" ADD COLUMN "channel" integer;