-- Every insert or update of a product or collection takes a new catalog version, so a
-- device that pulls "changes after N" can never miss one, whichever code path wrote it.
-- Writers hold advisory lock 4242002 in shared mode until they commit; a pull takes it
-- exclusively for an instant before reading the sequence, so the cursor it hands out is
-- never past a version that some transaction has taken but not yet committed.
CREATE FUNCTION "catalog_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock_shared(4242002);
	NEW.version := nextval('catalog_version');
	IF TG_OP = 'UPDATE' THEN
		NEW.updated_at := now();
	END IF;
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_bump_version" BEFORE INSERT OR UPDATE ON "products"
	FOR EACH ROW EXECUTE FUNCTION "catalog_bump_version"();
--> statement-breakpoint
CREATE TRIGGER "collections_bump_version" BEFORE INSERT OR UPDATE ON "collections"
	FOR EACH ROW EXECUTE FUNCTION "catalog_bump_version"();
