import { describe, expect, it } from 'vitest';
import type { SyncCollection } from '$lib/shared/sync';
import { cartItems } from './cart-items';
import { LocalCatalog } from './catalog-index';
import { sampleId, sampleProduct } from './sample-products';

const collection: SyncCollection = { id: 'c0000000-0000-4000-a000-000000000001', version: 1, slug: 'home', title: 'Home', description: '', position: 1 };
const board = sampleProduct(1, { title: 'Walnut Board', priceMinor: 3000 });
// An apron in three sizes: Large costs more, Medium is sold out.
const apron = sampleProduct(2, {
	title: 'Apron',
	priceMinor: 5200,
	priceMaxMinor: 5200,
	options: [{ name: 'Size', values: ['Small', 'Medium', 'Large'] }],
	variants: [
		{ id: sampleId(2), sku: 'APR-S', options: { Size: 'Small' }, priceMinor: 4400, inventory: 6 },
		{ id: 'v0000000-0000-4000-a000-00000000000m', sku: 'APR-M', options: { Size: 'Medium' }, priceMinor: 4400, inventory: 0 },
		{ id: 'v0000000-0000-4000-a000-00000000000l', sku: 'APR-L', options: { Size: 'Large' }, priceMinor: 5200, inventory: 9 }
	]
});
const catalog = LocalCatalog.build([board, apron], [collection]);

describe('the cart as its pages show it', () => {
	it('gives each line its variant, its name with the choice in the order of the options, and its total at that variant’s price', () => {
		const items = cartItems(
			[
				{ productId: board.id, variantId: board.id, quantity: 2 },
				{ productId: apron.id, variantId: 'v0000000-0000-4000-a000-00000000000l', quantity: 1 },
				{ productId: apron.id, variantId: apron.id, quantity: 3 }
			],
			catalog
		);
		expect(items.map((i) => [i.title, i.variant?.sku, i.total])).toEqual([
			['Walnut Board', 'P-1', 6000],
			['Apron (Large)', 'APR-L', 5200],
			['Apron (Small)', 'APR-S', 13200]
		]);
		expect(items[1]!.variants.map((v) => v.sku)).toEqual(['APR-S', 'APR-M', 'APR-L']);
		expect(items[1]!.options).toEqual(apron.options);
	});

	it('keeps a line whose variant the product no longer sells, with no variant and nothing to pay, so the shopper can change or remove it', () => {
		const [item] = cartItems([{ productId: apron.id, variantId: 'v0000000-0000-4000-a000-0000000000xl', quantity: 1 }], catalog);
		expect(item).toMatchObject({ variantId: 'v0000000-0000-4000-a000-0000000000xl', variant: null, title: 'Apron', total: 0 });
		expect(item!.variants).toHaveLength(3);
	});

	it('leaves out, for now, a line of a product the device does not hold, and everything before its catalog has loaded', () => {
		const lines = [{ productId: sampleId(9), variantId: sampleId(9), quantity: 1 }, { productId: board.id, variantId: board.id, quantity: 1 }];
		expect(cartItems(lines, catalog).map((i) => i.productId)).toEqual([board.id]);
		expect(cartItems(lines, null)).toEqual([]);
	});

	it('sells a product kept from before variants as one variant carrying its id', () => {
		const { variants: _gone, ...old } = sampleProduct(3, { priceMinor: 1500, inventory: 4 });
		const items = cartItems([{ productId: old.id, variantId: old.id, quantity: 2 }], LocalCatalog.build([old as typeof board], [collection]));
		expect(items.map((i) => [i.variant?.id, i.variant?.inventory, i.total])).toEqual([[old.id, 4, 3000]]);
	});
});
