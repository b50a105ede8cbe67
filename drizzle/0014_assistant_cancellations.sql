ALTER TABLE "assistant_proposals" ALTER COLUMN "shipping_method_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assistant_proposals" ALTER COLUMN "address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assistant_proposals" ADD COLUMN "action" text DEFAULT 'place' NOT NULL;--> statement-breakpoint
ALTER TABLE "assistant_proposals" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assistant_proposals" ADD CONSTRAINT "assistant_proposals_action" CHECK ("assistant_proposals"."action" in ('place', 'cancel'));--> statement-breakpoint
ALTER TABLE "assistant_proposals" ADD CONSTRAINT "assistant_proposals_place_where" CHECK ("assistant_proposals"."action" = 'cancel' OR ("assistant_proposals"."shipping_method_id" IS NOT NULL AND "assistant_proposals"."address" IS NOT NULL));