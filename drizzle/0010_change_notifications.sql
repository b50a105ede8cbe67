-- The database's one identity row (see database_identity).
INSERT INTO "database_identity" DEFAULT VALUES;
--> statement-breakpoint
-- Open tabs hear about changes through NOTIFY, which Postgres delivers at commit (and
-- never for a rollback) to every app instance that listens. Identical notifications in
-- one transaction fold into one, so a bulk write costs one message per channel.
-- store_catalog: the catalog moved on; listeners read the committed version themselves.
CREATE FUNCTION "notify_catalog_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('store_catalog', '');
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_notify" AFTER INSERT OR UPDATE OR DELETE ON "products"
	FOR EACH STATEMENT EXECUTE FUNCTION "notify_catalog_change"();
--> statement-breakpoint
CREATE TRIGGER "collections_notify" AFTER INSERT OR UPDATE OR DELETE ON "collections"
	FOR EACH STATEMENT EXECUTE FUNCTION "notify_catalog_change"();
--> statement-breakpoint
-- store_user: '<user id>:<what>' when a user's cart, favorites or orders changed.
CREATE FUNCTION "notify_user_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed record;
	owner uuid;
BEGIN
	IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
	IF TG_TABLE_NAME = 'cart_items' THEN
		SELECT user_id INTO owner FROM carts WHERE id = changed.cart_id;
	ELSE
		owner := changed.user_id;
	END IF;
	IF owner IS NOT NULL THEN
		PERFORM pg_notify('store_user', owner::text || ':' || TG_ARGV[0]);
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "carts_notify" AFTER INSERT OR UPDATE OR DELETE ON "carts"
	FOR EACH ROW EXECUTE FUNCTION "notify_user_change"('cart');
--> statement-breakpoint
CREATE TRIGGER "cart_items_notify" AFTER INSERT OR UPDATE OR DELETE ON "cart_items"
	FOR EACH ROW EXECUTE FUNCTION "notify_user_change"('cart');
--> statement-breakpoint
CREATE TRIGGER "favorites_notify" AFTER INSERT OR UPDATE OR DELETE ON "favorites"
	FOR EACH ROW EXECUTE FUNCTION "notify_user_change"('favorites');
--> statement-breakpoint
CREATE TRIGGER "orders_notify" AFTER INSERT OR UPDATE OR DELETE ON "orders"
	FOR EACH ROW EXECUTE FUNCTION "notify_user_change"('orders');
