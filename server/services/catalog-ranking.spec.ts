// One table of searches, ranked over the demo catalog by the server (SQL on PGlite) and by
// the device's offline index built from what the server syncs: both follow search-ranking.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogListInput } from '../../src/lib/shared/catalog-input';
import type { SyncCollection, SyncProduct, Tombstone } from '../../src/lib/shared/sync';
import { LocalCatalog } from '../../src/lib/device/catalog-index';
import { listProducts } from './catalog';
import { pull } from './sync';
import { useSeededShop } from '../testing/seeded-shop';

type Case = {
	query: string;
	/** The first results, in groups of equal rank (a group's own order goes by id). */
	first: string[][];
	/** Why the server finds something else, if it does. */
	deviceOnly?: string;
};

const cases: Case[] = [
	{
		query: 'expresso cups',
		first: [['Double-walled Espresso Cups'], ['Burr Hand Grinder']],
		deviceOnly: 'the server forgives no misspelling'
	},
	// Both words in the title before both in the description (the grinder is sold out too).
	{ query: 'espresso cups', first: [['Double-walled Espresso Cups'], ['Burr Hand Grinder']] },
	// A whole word in the title, in stock; then sold out; then a title word it begins.
	{
		query: 'tea',
		first: [
			['Linen Tea Towel Set', 'Smoked Lapsang Souchong Tea', 'Stainless Steel Tea Infuser'],
			['Ceramic Tea Canister'],
			['Bottled Ink in Deep Teal', 'Cast Iron Teapot']
		]
	},
	// Title before description, and in stock before sold out among descriptions.
	{
		query: 'cups',
		first: [
			['Double-walled Espresso Cups'],
			['Pour-over Coffee Dripper', 'Smoked Lapsang Souchong Tea', 'Stainless Camp Cookset'],
			['Burr Hand Grinder']
		]
	},
	{ query: 'walnut board', first: [['Walnut Serving Board']] },
	{ query: 'walnut', first: [['Walnut Bluetooth Speaker', 'Walnut Desk Organizer', 'Walnut Serving Board']] },
	{ query: 'lamp', first: [['Mushroom Table Lamp']] }
];

const shop = useSeededShop();
let local: LocalCatalog;

beforeAll(async () => {
	const products: SyncProduct[] = [];
	const collections: SyncCollection[] = [];
	const live = <T>(row: T | Tombstone): row is T => !('deleted' in (row as object));
	for (let cursor: string | null = null, more = true; more; ) {
		const page = await pull(shop.db, null, { cursor, limit: 500 });
		products.push(...page.products.filter(live));
		collections.push(...page.collections.filter(live));
		({ cursor, more } = page);
	}
	local = LocalCatalog.build(products, collections);
});

/** The titles of the first results, cut into the case's groups, each group sorted. */
function groups(titles: string[], first: string[][]): string[][] {
	let at = 0;
	return first.map((group) => titles.slice(at, (at += group.length)).sort());
}

describe.each(cases)('a search for "$query"', ({ query, first, deviceOnly }) => {
	const expected = first.map((group) => [...group].sort());
	const input = catalogListInput.parse({ q: query });

	it('ranks alike on the device', () => {
		expect(input.sort).toBe('relevance');
		expect(groups(local.list(input).items.map((p) => p.title), first)).toEqual(expected);
	});

	it.skipIf(deviceOnly)('ranks alike on the server', async () => {
		const page = await listProducts(shop.db, input);
		expect(groups(page.items.map((p) => p.title), first)).toEqual(expected);
	});

	// The device also forgives a misspelling ("lamp" finds "camp"), so the sides may find different
	// products; those both find come in one order.
	it('pages through the same order on both sides', async () => {
		const all = local.list({ ...input, limit: 100 }).items.map((p) => p.id);
		const paged: string[] = [];
		for (let cursor: string | undefined, n = 0; n < 50; n++) {
			const page = local.list({ ...input, limit: 2, cursor });
			paged.push(...page.items.map((p) => p.id));
			if (!page.nextCursor) break;
			cursor = page.nextCursor;
		}
		expect(paged).toEqual(all);
		if (deviceOnly) return;
		const server = (await listProducts(shop.db, { ...input, limit: 100 })).items.map((p) => p.id);
		expect(server.length).toBeGreaterThan(0);
		expect(server.filter((id) => all.includes(id))).toEqual(all.filter((id) => server.includes(id)));
	});
});

it('without a search, "best match" lists the newest first', async () => {
	const newest = await listProducts(shop.db, catalogListInput.parse({ sort: 'newest' }));
	const best = await listProducts(shop.db, catalogListInput.parse({ sort: 'relevance' }));
	expect(best.items.map((p) => p.id)).toEqual(newest.items.map((p) => p.id));
	expect(local.list(catalogListInput.parse({ sort: 'relevance' })).items.map((p) => p.id)).toEqual(
		newest.items.map((p) => p.id)
	);
});
