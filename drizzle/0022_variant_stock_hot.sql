-- A sale changes no indexed column of its variant, so Postgres updates the row in place (a
-- HOT update, no index entries): the stock index is gone, and the dashboard's restock list
-- reads the live variants without it.
DROP INDEX "product_variants_low_stock_idx";
--> statement-breakpoint
-- The guard's condition moves into its trigger: the roll-up's write (one trigger deep) calls
-- no function at all, a direct write still meets the refusal.
CREATE OR REPLACE FUNCTION "products_stock_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'a product''s stock is its variants'' sum; change a variant''s stock instead' USING ERRCODE = 'ST007';
END
$$;
--> statement-breakpoint
DROP TRIGGER "products_stock_guard" ON "products";
--> statement-breakpoint
CREATE TRIGGER "products_stock_guard" BEFORE UPDATE OF "inventory" ON "products"
	FOR EACH ROW WHEN (NEW.inventory IS DISTINCT FROM OLD.inventory AND pg_trigger_depth() < 1)
	EXECUTE FUNCTION "products_stock_guard"();
