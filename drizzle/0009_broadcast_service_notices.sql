ALTER TABLE "broadcasts" ADD COLUMN "source_text" text;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "source_entities" jsonb;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "essential" boolean DEFAULT false NOT NULL;