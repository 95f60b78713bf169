ALTER TABLE "generations" ADD COLUMN "kind" text DEFAULT 'generation' NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "gallery_message_id" integer;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "gallery_references_message_id" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "kind" text DEFAULT 'generation' NOT NULL;--> statement-breakpoint
CREATE INDEX "generations_user_delivered_idx" ON "generations" USING btree ("user_id","id") WHERE "generations"."status" = 'delivered';--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_kind_known" CHECK ("generations"."kind" in ('generation', 'tool'));--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_kind_known" CHECK ("models"."kind" in ('generation', 'tool'));