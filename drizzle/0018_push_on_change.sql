-- Pushes to watchers are written in the transaction of the change that causes them, by
-- whichever path changes a product: an admin edit, a stock adjustment, an order that
-- expires or lets its hold go and returns stock. It is SQL because a trigger is the one
-- place every one of those writes passes; a rollback takes its pushes with it. One row
-- per subscribed device and change (the product's new version): a change is queued at
-- most once per device. A rise in price, or a product archived, queues nothing.
CREATE FUNCTION "queue_watch_pushes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.deleted_at IS NOT NULL THEN
		RETURN NULL;
	END IF;
	IF OLD.inventory <= 0 AND NEW.inventory > 0 THEN
		INSERT INTO push_deliveries (subscription_id, product_id, kind, version, price_minor, previous_price_minor)
			SELECT w.subscription_id, NEW.id, 'restock', NEW.version, NEW.price_minor, OLD.price_minor
			FROM push_watches w WHERE w.product_id = NEW.id
			ON CONFLICT DO NOTHING;
	END IF;
	IF NEW.price_minor < OLD.price_minor THEN
		INSERT INTO push_deliveries (subscription_id, product_id, kind, version, price_minor, previous_price_minor)
			SELECT w.subscription_id, NEW.id, 'price', NEW.version, NEW.price_minor, OLD.price_minor
			FROM push_watches w WHERE w.product_id = NEW.id
			ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_queue_watch_pushes" AFTER UPDATE OF "inventory", "price_minor" ON "products"
	FOR EACH ROW
	WHEN ((OLD.inventory <= 0 AND NEW.inventory > 0) OR NEW.price_minor < OLD.price_minor)
	EXECUTE FUNCTION "queue_watch_pushes"();
