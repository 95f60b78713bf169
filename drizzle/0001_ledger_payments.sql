CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"delta" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"note" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "ledger_entries_balance_after_non_negative" CHECK ("ledger_entries"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "star_orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "star_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"payload" text NOT NULL,
	"user_id" bigint NOT NULL,
	"stars" integer NOT NULL,
	"credits" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "star_orders_payload_unique" UNIQUE("payload"),
	CONSTRAINT "star_orders_stars_positive" CHECK ("star_orders"."stars" > 0),
	CONSTRAINT "star_orders_credits_positive" CHECK ("star_orders"."credits" > 0)
);
--> statement-breakpoint
CREATE TABLE "star_payments" (
	"charge_id" text PRIMARY KEY NOT NULL,
	"user_id" bigint,
	"payer_telegram_id" bigint NOT NULL,
	"order_id" bigint,
	"payload" text NOT NULL,
	"stars" integer NOT NULL,
	"credits" integer NOT NULL,
	"status" text NOT NULL,
	"unmatched_reason" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refunded_at" timestamp with time zone,
	"refunded_credits" integer,
	"refund_shortfall" integer,
	"refund_notified_at" timestamp with time zone,
	"alerted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "star_reconciliation_cursor" (
	"name" text PRIMARY KEY NOT NULL,
	"next_offset" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "balance" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_orders" ADD CONSTRAINT "star_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_payments" ADD CONSTRAINT "star_payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_payments" ADD CONSTRAINT "star_payments_order_id_star_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."star_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_user_id_idx" ON "ledger_entries" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_kind_created_at_idx" ON "ledger_entries" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "star_orders_user_id_idx" ON "star_orders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "star_payments_user_id_idx" ON "star_payments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "star_payments_order_id_idx" ON "star_payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "star_payments_unalerted_idx" ON "star_payments" USING btree ("created_at") WHERE "star_payments"."status" = 'unmatched' and "star_payments"."alerted_at" is null;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_balance_non_negative" CHECK ("users"."balance" >= 0);