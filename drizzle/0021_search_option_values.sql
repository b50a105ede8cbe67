-- A product is found by the values it comes in ("sage mug", "apron medium"), weighted below its title and description.
ALTER TABLE "products" drop column "search";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "products"."title"), 'A') || setweight(to_tsvector('english', "products"."description"), 'B') || setweight(jsonb_to_tsvector('english', jsonb_path_query_array("products"."options", '$[*].values[*]'), '["string"]'), 'C')) STORED NOT NULL;--> statement-breakpoint
-- Dropping the column took its index with it.
CREATE INDEX "products_search_idx" ON "products" USING gin ("search");
