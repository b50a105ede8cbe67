-- Every write to a product or collection takes a new catalog version, so a device that
-- pulls "changes after N" can never miss one, whichever code path made the write.
CREATE FUNCTION "catalog_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.version := nextval('catalog_version');
	NEW.updated_at := now();
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_bump_version" BEFORE UPDATE ON "products"
	FOR EACH ROW EXECUTE FUNCTION "catalog_bump_version"();
--> statement-breakpoint
CREATE TRIGGER "collections_bump_version" BEFORE UPDATE ON "collections"
	FOR EACH ROW EXECUTE FUNCTION "catalog_bump_version"();
