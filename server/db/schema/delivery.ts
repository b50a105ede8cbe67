import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, reference, timestamps } from './columns';
import { users } from './accounts';
import { catalogVersionColumn } from './catalog';

/** A customer's address book; at most one address is the default. */
export const addresses = pgTable(
	'addresses',
	{
		id: id(),
		userId: reference('user_id', () => users.id, 'cascade'),
		name: text('name').notNull(),
		line1: text('line1').notNull(),
		line2: text('line2'),
		city: text('city').notNull(),
		postalCode: text('postal_code').notNull().default(''),
		region: text('region'),
		country: text('country').notNull(),
		phone: text('phone'),
		isDefault: boolean('is_default').notNull().default(false),
		...timestamps()
	},
	(t) => [
		index('addresses_user_idx').on(t.userId, t.createdAt),
		uniqueIndex('addresses_one_default').on(t.userId).where(sql`${t.isDefault}`),
		check('addresses_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`)
	]
);

/** How parcels travel, what it costs, where to and above which subtotal it is free. */
export const shippingMethods = pgTable(
	'shipping_methods',
	{
		id: id(),
		name: text('name').notNull(),
		priceMinor: integer('price_minor').notNull(),
		currency: text('currency').notNull().default('USD'),
		freeAboveMinor: integer('free_above_minor'),
		countries: text('countries').array().notNull(),
		active: boolean('active').notNull().default(true),
		position: integer('position').notNull().default(0),
		/** From the catalog's sequence (drizzle/0013). */
		version: catalogVersionColumn(),
		...timestamps()
	},
	(t) => [
		uniqueIndex('shipping_methods_version_key').on(t.version),
		check('shipping_methods_price_nonnegative', sql`${t.priceMinor} >= 0 AND (${t.freeAboveMinor} IS NULL OR ${t.freeAboveMinor} >= 0)`),
		check('shipping_methods_countries_given', sql`cardinality(${t.countries}) > 0`),
		check('shipping_methods_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`)
	]
);

export type Address = typeof addresses.$inferSelect;
export type ShippingMethod = typeof shippingMethods.$inferSelect;
