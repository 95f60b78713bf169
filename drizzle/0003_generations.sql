CREATE TABLE "generation_drafts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "generation_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"prompt" text,
	"model_key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"chat_id" bigint NOT NULL,
	"prompt_message_id" integer,
	"menu_message_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generation_preferences" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"model_key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "generations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" bigint NOT NULL,
	"draft_id" bigint,
	"source" text DEFAULT 'bot' NOT NULL,
	"model_key" text NOT NULL,
	"mode" text NOT NULL,
	"provider_model_id" text NOT NULL,
	"prompt" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"price_credits" integer NOT NULL,
	"paid_with_trial" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"provider_task_id" text,
	"provider_status" text,
	"outputs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"nsfw" boolean DEFAULT false NOT NULL,
	"result_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure_code" text,
	"failure_detail" text,
	"chat_id" bigint NOT NULL,
	"prompt_message_id" integer,
	"status_message_id" integer,
	"status_shown" text,
	"deadline_at" timestamp with time zone NOT NULL,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "generations_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "trial_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_drafts" ADD CONSTRAINT "generation_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_preferences" ADD CONSTRAINT "generation_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "generation_drafts_one_open_per_user" ON "generation_drafts" USING btree ("user_id") WHERE "generation_drafts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "generations_user_created_idx" ON "generations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "generations_status_idx" ON "generations" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE UNIQUE INDEX "generations_provider_task_idx" ON "generations" USING btree ("provider_task_id");