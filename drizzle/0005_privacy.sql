ALTER TABLE "users" ALTER COLUMN "broadcast_opt_in" SET DEFAULT true;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "gallery_opt_in" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "gallery_references_opt_in" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deletion_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deletion_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deletion_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "users_deletion_due_idx" ON "users" USING btree ("deletion_due_at") WHERE "users"."deletion_due_at" is not null and "users"."erased_at" is null;--> statement-breakpoint
-- Broadcasts are now opt-out (the accepted policy describes them); nobody could opt out before this.
UPDATE "users" SET "broadcast_opt_in" = true WHERE "telegram_id" IS NOT NULL;
