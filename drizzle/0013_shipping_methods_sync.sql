-- Shipping methods travel with the catalog: every write takes a catalog version (the
-- trigger of drizzle/0001), so a device's pull brings a changed or withdrawn method like a
-- changed price, and a write notifies the open tabs like a catalog write (drizzle/0010).
-- Adding the column gives each existing method a version above every device's cursor.
ALTER TABLE "shipping_methods" ADD COLUMN "version" bigint DEFAULT nextval('catalog_version') NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_methods_version_key" ON "shipping_methods" USING btree ("version");--> statement-breakpoint
CREATE TRIGGER "shipping_methods_bump_version" BEFORE INSERT OR UPDATE ON "shipping_methods"
	FOR EACH ROW EXECUTE FUNCTION "catalog_bump_version"();
--> statement-breakpoint
CREATE TRIGGER "shipping_methods_notify" AFTER INSERT OR UPDATE OR DELETE ON "shipping_methods"
	FOR EACH STATEMENT EXECUTE FUNCTION "notify_catalog_change"();
--> statement-breakpoint
-- store_user '<user id>:addresses': the address book changed, so the shopper's devices pull it.
CREATE TRIGGER "addresses_notify" AFTER INSERT OR UPDATE OR DELETE ON "addresses"
	FOR EACH ROW EXECUTE FUNCTION "notify_user_change"('addresses');
