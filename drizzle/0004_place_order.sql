-- Checkout in one statement, so a placement costs one round trip and a hot product's row
-- stays locked only while this function runs, not across network round trips.
-- The cart is locked first (a twin call with the same key waits here, then finds the cart
-- gone and the order made); each line takes its units with one conditional UPDATE whose
-- row count is checked, in product order (two checkouts never wait on each other in a
-- circle); prices come from the rows as updated. Any short line raises ST001 with every
-- short line as JSON in DETAIL, which undoes the whole statement.
-- Shipping is priced here too, from the method's row: free from its threshold on, refused
-- (ST006) when the method is inactive, unknown, in another currency or does not serve the
-- address's country. The address arrives validated and is copied onto the order.
-- Errors: ST001 short lines · ST002 no such cart · ST003 empty cart · ST004 mixed
-- currencies · ST005 the key belongs to another user's order · ST006 shipping method.
CREATE FUNCTION "place_order"(
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
		SELECT ci.product_id, ci.quantity, p.title FROM cart_items ci JOIN products p ON p.id = ci.product_id
		WHERE ci.cart_id = p_cart ORDER BY ci.product_id
	LOOP
		UPDATE products SET inventory = inventory - v_line.quantity
		WHERE id = v_line.product_id AND inventory >= v_line.quantity AND deleted_at IS NULL
		RETURNING title, price_minor INTO v_taken;
		IF FOUND THEN
			v_subtotal := v_subtotal + v_taken.price_minor::bigint * v_line.quantity;
			v_items := v_items || jsonb_build_object(
				'productId', v_line.product_id, 'title', v_taken.title,
				'unitPriceMinor', v_taken.price_minor, 'quantity', v_line.quantity);
		ELSE
			SELECT inventory, deleted_at INTO v_left FROM products WHERE id = v_line.product_id;
			v_short := v_short || jsonb_build_object(
				'productId', v_line.product_id, 'title', v_line.title, 'requested', v_line.quantity,
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
	INSERT INTO order_items (order_id, product_id, title, unit_price_minor, quantity)
	SELECT v_order.id, l."productId", l.title, l."unitPriceMinor", l.quantity
	FROM jsonb_to_recordset(v_items) AS l("productId" uuid, title text, "unitPriceMinor" int, quantity int);
	INSERT INTO order_history (order_id, from_status, to_status, reason) VALUES (v_order.id, NULL, 'pending_payment', 'placed');
	DELETE FROM carts WHERE id = p_cart;
	INSERT INTO outbox_events (type, user_id, order_id, payload)
	VALUES ('order_created', p_user, v_order.id,
		jsonb_build_object('number', v_order.number, 'totalMinor', v_order.total_minor, 'currency', v_order.currency));
	RETURN jsonb_build_object('outcome', 'placed', 'orderId', v_order.id);
END
$$;
