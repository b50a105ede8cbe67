-- Stock lives on variants. Each product keeps its variants' roll-up (stock summed over the
-- live ones, the lowest and highest price a shopper pays) in its own row, so lists sort and
-- filter by it with an index, and every variant change takes a new catalog version for the
-- product, so devices pull it with the product. It is SQL because triggers are the one place
-- every write passes (checkout, expiry, the admin, a migration). Stock moves by difference
-- (`inventory + change`): two checkouts of two variants of one product both land, the second
-- waiting for the first's lock on the product row and adding to the committed sum.
CREATE FUNCTION "variant_price_range"(p_product uuid, p_base int, OUT lo int, OUT hi int) LANGUAGE sql STABLE AS $$
	SELECT coalesce(min(coalesce(price_minor, p_base)), p_base), coalesce(max(coalesce(price_minor, p_base)), p_base)
	FROM product_variants WHERE product_id = p_product AND deleted_at IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION "products_price_range"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	SELECT r.lo, r.hi INTO NEW.min_price_minor, NEW.max_price_minor FROM variant_price_range(NEW.id, NEW.price_minor) r;
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_price_range" BEFORE INSERT OR UPDATE OF "price_minor" ON "products"
	FOR EACH ROW EXECUTE FUNCTION "products_price_range"();
--> statement-breakpoint
-- The price range is read again only when a price or the set of live variants changed, and
-- after the product row is locked (by the first UPDATE), so it reads every committed variant.
CREATE FUNCTION "variants_roll_up"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_new int := CASE WHEN TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN NEW.inventory ELSE 0 END;
	v_old int := CASE WHEN TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL THEN OLD.inventory ELSE 0 END;
	v_product uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.product_id ELSE NEW.product_id END;
	v_base int;
BEGIN
	IF TG_OP = 'INSERT' AND NEW.id = NEW.product_id THEN
		RETURN NULL;
	END IF;
	UPDATE products SET inventory = inventory + v_new - v_old WHERE id = v_product RETURNING price_minor INTO v_base;
	IF TG_OP <> 'UPDATE' OR NEW.price_minor IS DISTINCT FROM OLD.price_minor OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
		UPDATE products p SET min_price_minor = r.lo, max_price_minor = r.hi
		FROM variant_price_range(v_product, v_base) r WHERE p.id = v_product;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "product_variants_roll_up" AFTER INSERT OR UPDATE OR DELETE ON "product_variants"
	FOR EACH ROW EXECUTE FUNCTION "variants_roll_up"();
--> statement-breakpoint
-- Checkout takes stock from the variant a line names (see 0004 for the rest of the story);
-- lines go in (product, variant) order, so the product rows the roll-up locks are taken in
-- one order by every checkout. The variant's SKU and values are copied onto the order line.
CREATE OR REPLACE FUNCTION "place_order"(
	p_user uuid,
	p_cart uuid,
	p_key text,
	p_provider text,
	p_expires_at timestamptz,
	p_address jsonb,
	p_shipping_method uuid
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
	v_order orders;
	v_existing orders;
	v_line record;
	v_taken record;
	v_left record;
	v_items jsonb := '[]';
	v_short jsonb := '[]';
	v_subtotal bigint := 0;
	v_currency text;
	v_currencies int;
	v_method shipping_methods;
	v_shipping int;
BEGIN
	PERFORM 1 FROM carts WHERE id = p_cart AND user_id = p_user FOR UPDATE;
	IF NOT FOUND THEN
		SELECT * INTO v_existing FROM orders WHERE idempotency_key = p_key;
		IF FOUND AND v_existing.user_id <> p_user THEN
			RAISE EXCEPTION 'idempotency key of another order' USING ERRCODE = 'ST005';
		END IF;
		IF FOUND THEN
			RETURN jsonb_build_object('outcome', 'existing', 'orderId', v_existing.id);
		END IF;
		RAISE EXCEPTION 'no such cart' USING ERRCODE = 'ST002';
	END IF;

	SELECT count(DISTINCT p.currency), min(p.currency) INTO v_currencies, v_currency
	FROM cart_items ci JOIN products p ON p.id = ci.product_id WHERE ci.cart_id = p_cart;
	IF v_currencies = 0 THEN
		SELECT * INTO v_existing FROM orders WHERE idempotency_key = p_key AND user_id = p_user;
		IF FOUND THEN
			RETURN jsonb_build_object('outcome', 'existing', 'orderId', v_existing.id);
		END IF;
		RAISE EXCEPTION 'empty cart' USING ERRCODE = 'ST003';
	END IF;
	IF v_currencies > 1 THEN
		RAISE EXCEPTION 'mixed currencies' USING ERRCODE = 'ST004';
	END IF;
	SELECT * INTO v_method FROM shipping_methods WHERE id = p_shipping_method AND active;
	IF NOT FOUND OR v_method.currency <> v_currency OR NOT (p_address->>'country' = ANY (v_method.countries)) THEN
		RAISE EXCEPTION 'shipping method not available' USING ERRCODE = 'ST006';
	END IF;

	FOR v_line IN
		SELECT ci.product_id, ci.variant_id, ci.quantity, p.title FROM cart_items ci JOIN products p ON p.id = ci.product_id
		WHERE ci.cart_id = p_cart ORDER BY ci.product_id, ci.variant_id
	LOOP
		UPDATE product_variants v SET inventory = v.inventory - v_line.quantity
		FROM products p
		WHERE v.id = v_line.variant_id AND p.id = v.product_id AND v.inventory >= v_line.quantity
			AND v.deleted_at IS NULL AND p.deleted_at IS NULL
		RETURNING p.title, coalesce(v.price_minor, p.price_minor) AS price_minor, v.sku, v.options INTO v_taken;
		IF FOUND THEN
			v_subtotal := v_subtotal + v_taken.price_minor::bigint * v_line.quantity;
			v_items := v_items || jsonb_build_object(
				'productId', v_line.product_id, 'variantId', v_line.variant_id, 'title', v_taken.title,
				'sku', v_taken.sku, 'options', v_taken.options,
				'unitPriceMinor', v_taken.price_minor, 'quantity', v_line.quantity);
		ELSE
			SELECT v.inventory, coalesce(v.deleted_at, p.deleted_at) AS deleted_at INTO v_left
			FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.id = v_line.variant_id;
			v_short := v_short || jsonb_build_object(
				'productId', v_line.product_id, 'variantId', v_line.variant_id, 'title', v_line.title, 'requested', v_line.quantity,
				'available', CASE WHEN v_left.deleted_at IS NULL THEN v_left.inventory ELSE 0 END);
		END IF;
	END LOOP;
	IF jsonb_array_length(v_short) > 0 THEN
		RAISE EXCEPTION 'short lines' USING ERRCODE = 'ST001', DETAIL = v_short::text;
	END IF;

	v_shipping := CASE WHEN v_method.free_above_minor IS NOT NULL AND v_subtotal >= v_method.free_above_minor
		THEN 0 ELSE v_method.price_minor END;
	INSERT INTO orders (user_id, currency, subtotal_minor, shipping_minor, total_minor, idempotency_key, payment_provider,
		expires_at, shipping_address, shipping_method, shipping_method_id)
	VALUES (p_user, v_currency, v_subtotal, v_shipping, v_subtotal + v_shipping, p_key, p_provider,
		p_expires_at, p_address, v_method.name, v_method.id)
	RETURNING * INTO v_order;
	INSERT INTO order_items (order_id, product_id, variant_id, title, sku, options, unit_price_minor, quantity)
	SELECT v_order.id, l."productId", l."variantId", l.title, l.sku, l.options, l."unitPriceMinor", l.quantity
	FROM jsonb_to_recordset(v_items) AS l("productId" uuid, "variantId" uuid, title text, sku text, options jsonb, "unitPriceMinor" int, quantity int);
	INSERT INTO order_history (order_id, from_status, to_status, reason) VALUES (v_order.id, NULL, 'pending_payment', 'placed');
	DELETE FROM carts WHERE id = p_cart;
	INSERT INTO outbox_events (type, user_id, order_id, payload)
	VALUES ('order_created', p_user, v_order.id,
		jsonb_build_object('number', v_order.number, 'totalMinor', v_order.total_minor, 'currency', v_order.currency));
	RETURN jsonb_build_object('outcome', 'placed', 'orderId', v_order.id);
END
$$;
--> statement-breakpoint
-- Watchers hear of a product back in stock (any variant) or of a fall in its lowest price.
CREATE OR REPLACE FUNCTION "queue_watch_pushes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.deleted_at IS NOT NULL THEN
		RETURN NULL;
	END IF;
	IF OLD.inventory <= 0 AND NEW.inventory > 0 THEN
		INSERT INTO push_deliveries (subscription_id, product_id, kind, version, price_minor, previous_price_minor)
			SELECT w.subscription_id, NEW.id, 'restock', NEW.version, NEW.min_price_minor, OLD.min_price_minor
			FROM push_watches w WHERE w.product_id = NEW.id
			ON CONFLICT DO NOTHING;
	END IF;
	IF NEW.min_price_minor < OLD.min_price_minor THEN
		INSERT INTO push_deliveries (subscription_id, product_id, kind, version, price_minor, previous_price_minor)
			SELECT w.subscription_id, NEW.id, 'price', NEW.version, NEW.min_price_minor, OLD.min_price_minor
			FROM push_watches w WHERE w.product_id = NEW.id
			ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER "products_queue_watch_pushes" ON "products";
--> statement-breakpoint
CREATE TRIGGER "products_queue_watch_pushes" AFTER UPDATE OF "inventory", "price_minor", "min_price_minor" ON "products"
	FOR EACH ROW
	WHEN ((OLD.inventory <= 0 AND NEW.inventory > 0) OR NEW.min_price_minor < OLD.min_price_minor)
	EXECUTE FUNCTION "queue_watch_pushes"();
--> statement-breakpoint
-- A product is made with its first variant: the product's own id, a SKU from its slug and
-- the stock the insert gave, which the product's row already counts (so the roll-up skips it).
CREATE FUNCTION "products_first_variant"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO product_variants (id, product_id, sku, inventory) VALUES (NEW.id, NEW.id, upper(NEW.slug), NEW.inventory);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_first_variant" AFTER INSERT ON "products"
	FOR EACH ROW EXECUTE FUNCTION "products_first_variant"();
--> statement-breakpoint
-- A product's stock is its variants' sum: a write of it anywhere but the roll-up (which runs
-- one trigger deep) would part the two, so it is refused.
CREATE FUNCTION "products_stock_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF pg_trigger_depth() < 2 THEN
		RAISE EXCEPTION 'a product''s stock is its variants'' sum; change a variant''s stock instead' USING ERRCODE = 'ST007';
	END IF;
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_stock_guard" BEFORE UPDATE OF "inventory" ON "products"
	FOR EACH ROW WHEN (NEW.inventory IS DISTINCT FROM OLD.inventory)
	EXECUTE FUNCTION "products_stock_guard"();
